/**
 * Passage text is stored once per document, deflated together in `documents.texts`, and the
 * full-text index is contentless: plain text in the passages table plus FTS5's index made an
 * archive 2.3 times its text; a document's passages deflated together take 0.45 of it. A
 * passage row keeps its text in `head` or `body` only when written before this layout
 * (schema version 2), so a passage's text is its column's if present, else its document's.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { PASSAGES_PER_DOCUMENT } from './keys.js';

/** A document's passage texts by ordinal. */
export type PassageTexts = ReadonlyMap<number, string>;

/** For a document written before schema version 3, whose passage rows hold their text. */
export const NO_TEXTS: PassageTexts = new Map();

/**
 * Level 1: per FRUS document 190 µs and 0.45 of the text, against 210 µs and 0.42 at the
 * default level 6 (measured on the six shared volumes).
 */
export function packTexts(passages: readonly { ordinal: number; text: string }[]): Buffer {
  const texts: [number, string][] = passages.map((passage) => [passage.ordinal, passage.text]);
  return deflateRawSync(JSON.stringify(texts), { level: 1 });
}

export function unpackTexts(packed: Uint8Array | null): PassageTexts {
  if (packed === null) return NO_TEXTS;
  return new Map(JSON.parse(inflateRawSync(packed).toString('utf8')) as [number, string][]);
}

/** The passage's text: its own column's (rows written before schema version 3), else the document's. */
export function passageText(
  row: { key: number; head: string | null; body: string | null },
  texts: PassageTexts,
): string {
  return row.head ?? row.body ?? texts.get(row.key % PASSAGES_PER_DOCUMENT) ?? '';
}
