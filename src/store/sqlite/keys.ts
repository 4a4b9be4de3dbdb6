/**
 * Passage keys: `document key × 2^20 + ordinal`. A document's passages form one key range, so
 * the passage index needs no document column and a document is replaced by a range delete.
 * (Multiplication, not `<<`: JavaScript shifts are 32-bit.)
 */
export const PASSAGES_PER_DOCUMENT = 1 << 20;

export function passageKey(documentKey: number, ordinal: number): number {
  return documentKey * PASSAGES_PER_DOCUMENT + ordinal;
}

/** The first and last possible passage key of a document, for `BETWEEN`. */
export function passageRange(documentKey: number): [number, number] {
  const first = documentKey * PASSAGES_PER_DOCUMENT;
  return [first, first + PASSAGES_PER_DOCUMENT - 1];
}

/** SQL for the document key of a passage key held in `column`. */
export function documentKeySql(column: string): string {
  return `(${column} >> 20)`;
}
