/**
 * Withheld-text markers as FRUS prints them: "[1 line not declassified]", "[name not
 * declassified]", "[1-1/2 lines not declassified]", "[4 paragraphs (12 lines) not
 * declassified]", sometimes with exemption codes. Each bracketed marker is one redaction.
 */
import type { Redaction } from '../records/schema.js';

type Unit = Redaction['unit'];

/** One bracket holding "not declassified" (or "withheld"), without crossing another bracket. */
const MARKER = /\[([^[\]]{0,600}?\bnot\s+declassified\b[^[\]]{0,120})\]/gi;

const UNIT_WORDS: readonly [RegExp, Unit][] = [
  [/^lines?\b/i, 'line'],
  [/^names?\b/i, 'name'],
  [/^words?\b/i, 'word'],
  [/^paragraphs?\b/i, 'paragraph'],
  [/^pages?\b/i, 'page'],
  [/^sentences?\b/i, 'sentence'],
  [/^(?:documents?|attachments?|tabs?|enclosures?)\b/i, 'document'],
  [/^(?:text|footnote|heading|sentence)\b/i, 'text'],
];

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  half: 0.5,
};

/** "1-1/2" → 1.5, "1/2" → 0.5, "12" → 12, "two" → 2. */
function parseAmount(text: string): number | null {
  const halves = /^(\d*)\s*[-–]?\s*½$/.exec(text);
  if (halves) return Number(halves[1] || 0) + 0.5;
  const mixed = /^(\d+)[-–\s]+(\d+)\/(\d+)$/.exec(text);
  if (mixed) return Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3]);
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return NUMBER_WORDS[text.toLowerCase()] ?? null;
}

const EXEMPTION = /\(b\)\s?\(\d\)|\b25X\d\b|\b50X\d(?:-\w+)?\b/gi;

/** An optional amount ("2", "1-1/2", "1½", "two") and the unit word that follows it. */
const AMOUNT_UNIT =
  /^(?:(\d+(?:\s*[-–]?\s*(?:\d+\/\d+|½))?|\d+\/\d+|½|one|two|three|four|five|six|seven|eight|nine|ten|half)\s*(?:an?\s+)?)?([a-z]+)/i;

export type FoundRedaction = Omit<Redaction, 'ordinal'>;

/** Every marker in a passage's text, with offsets into that text. */
export function findRedactions(text: string): FoundRedaction[] {
  const found: FoundRedaction[] = [];
  if (!text.includes('declassified')) return found;
  for (const match of text.matchAll(MARKER)) {
    const inner = match[1]!.trim();
    // "less than 1 line of source text" is counted as the bound it gives.
    const measured = inner
      .replace(/^(?:less than|about|approximately|some)\s+/i, '')
      .replace(/\s*\/\s*/g, '/');
    const amountUnit = AMOUNT_UNIT.exec(measured);
    let unit: Unit = 'other';
    let amount: number | null = null;
    if (amountUnit) {
      const word = amountUnit[2]!;
      unit = UNIT_WORDS.find(([pattern]) => pattern.test(word))?.[1] ?? 'other';
      amount = amountUnit[1] ? parseAmount(amountUnit[1]) : unit === 'other' ? null : 1;
    }
    if (unit === 'text' && !amountUnit?.[1]) amount = null;
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      marker: match[0],
      unit,
      amount,
      exemptions: [...inner.matchAll(EXEMPTION)].map((code) => code[0].replace(/\s+/g, '')),
    });
  }
  return found;
}
