/**
 * Scoring speaker attribution against gold lines (`../shared/eval/README.md`): for each line,
 * find the sentence holding the gold text in the document, take the system's speaker for it
 * and compare — by person id when the gold has one, else by surname; a null gold line is right
 * only when the system attributes the sentence to nobody.
 */
import type { Document } from '../records/schema.js';

export interface AttributionGoldLine {
  doc: string;
  text: string;
  speaker: string | null;
  speaker_id: string | null;
  note?: string;
}

/** The system's speaker for a sentence: null for narration. */
export interface SystemSpeaker {
  personId: string | null;
  personName: string | null;
  label: string | null;
}

/** Finds the system's speaker for a gold line: undefined when the document or text is missing. */
export type SpeakerLookup = (line: AttributionGoldLine) => SystemSpeaker | null | undefined;

export interface AttributionScore {
  accuracy: number;
  null_accuracy: number;
  n: number;
}

export interface AttributionLineResult {
  line: AttributionGoldLine;
  system: SystemSpeaker | null | undefined;
  correct: boolean;
}

function surname(name: string): string {
  const head = name.includes(',') ? name.split(',')[0]! : (name.trim().split(/\s+/).at(-1) ?? '');
  return head
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

export function isCorrect(line: AttributionGoldLine, system: SystemSpeaker | null | undefined): boolean {
  const attributed = system && (system.personId !== null || system.personName !== null);
  if (line.speaker === null) return !attributed;
  if (!attributed) return false;
  if (line.speaker_id !== null) return system.personId === line.speaker_id;
  return system.personName !== null && surname(system.personName) === surname(line.speaker);
}

export function scoreAttributionLines(
  goldLines: readonly AttributionGoldLine[],
  lookup: SpeakerLookup,
): { score: AttributionScore; results: AttributionLineResult[] } {
  const results = goldLines.map((line) => {
    const system = lookup(line);
    return { line, system, correct: isCorrect(line, system) };
  });
  const nulls = results.filter((result) => result.line.speaker === null);
  const ratio = (hits: number, total: number) => (total === 0 ? 0 : hits / total);
  return {
    score: {
      accuracy: ratio(results.filter((result) => result.correct).length, results.length),
      null_accuracy: ratio(nulls.filter((result) => result.correct).length, nulls.length),
      n: results.length,
    },
    results,
  };
}

export function scoreAttribution(
  goldLines: readonly AttributionGoldLine[],
  lookup: SpeakerLookup,
): AttributionScore {
  return scoreAttributionLines(goldLines, lookup).score;
}

const TEXT_KINDS = new Set([
  'heading',
  'dateline',
  'participants',
  'paragraph',
  'turn',
  'list-item',
  'closer',
]);

interface CharOrigin {
  ordinal: number;
  offset: number;
}

/**
 * The document's text as the gold was cut from it (notes dropped, white space folded) with,
 * for each character, the passage and offset it comes from.
 */
export function normalisedDocumentText(doc: Document): { text: string; origins: CharOrigin[] } {
  let text = '';
  const origins: CharOrigin[] = [];
  let pendingSpace = false;
  for (const passage of doc.passages) {
    if (!TEXT_KINDS.has(passage.kind)) continue;
    pendingSpace = text.length > 0;
    for (let offset = 0; offset < passage.text.length; offset++) {
      const char = passage.text[offset]!;
      if (/\s/.test(char)) {
        pendingSpace = text.length > 0;
        continue;
      }
      if (pendingSpace) {
        text += ' ';
        origins.push({ ordinal: passage.ordinal, offset });
        pendingSpace = false;
      }
      text += char;
      origins.push({ ordinal: passage.ordinal, offset });
    }
  }
  return { text, origins };
}

/** The system's speaker for the sentence holding `text` in an attributed document. */
export function speakerForText(doc: Document, goldText: string): SystemSpeaker | null | undefined {
  const { text, origins } = normalisedDocumentText(doc);
  const folded = goldText.replace(/\s+/g, ' ').trim();
  const at = text.indexOf(folded);
  if (at < 0) return undefined;
  const origin = origins[at]!;
  const passage = doc.passages.find((candidate) => candidate.ordinal === origin.ordinal);
  const span = passage?.speakers.find(
    (candidate) => candidate.start <= origin.offset && origin.offset < candidate.end,
  );
  if (!span || (span.personId === null && span.personName === null)) return null;
  return { personId: span.personId, personName: span.personName, label: span.label };
}
