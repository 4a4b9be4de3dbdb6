/**
 * Classification level and handling caveats, read from a FRUS source note ("Source: … Secret;
 * Nodis. Drafted by …") or from the marking lines at the top of a reproduced record
 * ("SECRET/SENSITIVE", "CONFIDENTIAL"). "No classification marking" is a value (NONE).
 */
import type { Classification, ClassificationLevel } from '../records/schema.js';

/** Longest first, so "Top Secret" is not read as "Secret". */
const LEVELS: readonly [RegExp, ClassificationLevel][] = [
  [/^no classification marking\b/i, 'NONE'],
  [/^top secret\b/i, 'TOP SECRET'],
  [/^limited official use\b/i, 'LIMITED OFFICIAL USE'],
  [/^official use only\b/i, 'OFFICIAL USE ONLY'],
  [/^secret\b/i, 'SECRET'],
  [/^confidential\b/i, 'CONFIDENTIAL'],
  [/^unclassified\b/i, 'UNCLASSIFIED'],
];

/**
 * Words that may follow a level in the same sentence as handling caveats. A segment is a
 * caveat only when it is short and made of these words, so "Drafted by Rusk" never is one.
 */
const CAVEAT_WORDS = new Set(
  (
    'nodis exdis limdis sensitive eyes only exclusively personal and private priority immediate flash ' +
    'niact routine operational limit limited distribution codeword noforn no foreign dissem ' +
    'controlled dissemination restricted data formerly handling via channels channel ' +
    "for the president president’s president's secretary’s secretary's ambassador’s ambassador's " +
    'roger channel cherokee literally marvel specat background use contains no classified ' +
    'information handle as outside system special top secret nato cosmic atomal ' +
    'umbra byeman talent keyhole comint ultra trine dinar ruff zarf ' +
    'of the cabinet white house staff nsc dissem eyes-only exclusive'
  ).split(/\s+/),
);

function isCaveat(segment: string): boolean {
  const words = segment
    .toLowerCase()
    .split(/[\s/-]+/)
    .filter(Boolean);
  return words.length > 0 && words.length <= 6 && words.every((word) => CAVEAT_WORDS.has(word));
}

function levelAt(segment: string): { level: ClassificationLevel; rest: string } | null {
  for (const [pattern, level] of LEVELS) {
    const match = pattern.exec(segment);
    if (match) return { level, rest: segment.slice(match[0].length) };
  }
  return null;
}

const EMPTY: Classification = { level: null, caveats: [], printed: null };

/**
 * Reads the classification sentence of a source note: the first sentence that starts with a
 * level ("Top Secret; Sensitive; Eyes Only.") or says "No classification marking".
 */
export function classificationFromSourceNote(note: string): Classification {
  const text = note.replace(/\s+/g, ' ');
  // Sentences end at a period followed by a space; "U.S." inside a name is rare in this slot.
  const sentences = text.split(/(?<=[.:])\s+(?=[A-Z])/);
  for (const raw of sentences) {
    let sentence = raw.trim().replace(/\.$/, '');
    // "Personal and Confidential": a caveat printed before the level.
    const leading = /^([A-Za-z ]+?)\s+and\s+(?=(?:top secret|secret|confidential)$)/i.exec(sentence);
    const leadingCaveat = leading && isCaveat(leading[1]!) ? leading[1]!.toUpperCase() : null;
    if (leading && leadingCaveat) sentence = sentence.slice(leading[0].length);
    const found = levelAt(sentence);
    if (!found) continue;
    const segments = sentence.split(/\s*[;,]\s*|\s*\.\s+/);
    const caveats: string[] = leadingCaveat ? [leadingCaveat] : [];
    // The first segment holds the level; anything after it in that segment is one more caveat.
    const leftover = found.rest.replace(/^[\s/,–—-]+/, '').trim();
    if (leftover && isCaveat(leftover)) caveats.push(leftover.toUpperCase());
    for (const segment of segments.slice(1)) {
      const clean = segment.trim();
      if (!clean) continue;
      if (!isCaveat(clean)) break;
      caveats.push(clean.toUpperCase());
    }
    return { level: found.level, caveats: dedupe(caveats), printed: raw.trim().replace(/\.$/, '') };
  }
  return EMPTY;
}

/**
 * Marking lines at the head of a reproduced record, as E-volumes print them: "SECRET",
 * "TOP SECRET/SENSITIVE/EYES ONLY", "CONFIDENTIAL — NODIS". Looks at the lines in order and
 * takes the first that is a marking and nothing else.
 */
export function classificationFromMarkingLines(lines: readonly string[]): Classification {
  for (const line of lines) {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text.length === 0 || text.length > 80 || text !== text.toUpperCase()) continue;
    const found = levelAt(text);
    if (!found) continue;
    const caveatText = found.rest.replace(/^[\s/,;:–—-]+/, '').trim();
    const caveats = caveatText
      ? caveatText
          .split(/\s*[/;,–—]\s*|\s+-\s+/)
          .map((part) => part.trim())
          .filter(Boolean)
      : [];
    if (!caveats.every(isCaveat)) continue;
    return { level: found.level, caveats: dedupe(caveats.map((c) => c.toUpperCase())), printed: text };
  }
  return EMPTY;
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
