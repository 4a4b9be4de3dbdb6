/**
 * Redactions in untagged records. Besides FRUS's bracketed "[1 line not declassified]", a
 * released page marks what it withholds with the exemption that justifies it, printed in or
 * next to the blacked-out box: FOIA "(b)(1)", "(b)(3)", "(b)(6)", "(b)(7)(C)"; E.O. 12958/13526
 * "25X1", "50X1-HUM"; CIA's "[REDACTED]", "[DELETED]". A run of codes side by side
 * ("(b)(1) (b)(3)") is one redaction with several exemptions.
 */
import { findRedactions, type FoundRedaction } from './redactions.js';

/** One exemption code; only (b)(7) has lettered subparagraphs, and "(b)" starts the next code. */
const CODE = String.raw`\(b\)\s?\(7\)\s?\([A-F]\)(?!\s?\(\d)|\(b\)\s?\(\d\)|\b25X\d\b|\b50X\d(?:-[A-Z]+)?\b`;
/** Codes next to each other, joined by spaces, commas or "and", optionally in brackets. */
const CODE_RUN = new RegExp(String.raw`\[?\s*(?:${CODE})(?:\s*(?:,|and|&)?\s*(?:${CODE}))*\s*\]?`, 'gi');
const SINGLE_CODE = new RegExp(CODE, 'gi');
/** Words an agency prints where it removed text. */
const WORD_MARKER = /\[\s*(?:REDACTED|DELETED|EXCISED|WITHHELD|SANITIZED)\b[^[\]]{0,80}\]/gi;

/** Every redaction in a passage's text: bracketed markers first, then bare exemption codes. */
export function findUntaggedRedactions(text: string): FoundRedaction[] {
  const found: FoundRedaction[] = [...findRedactions(text)];
  const overlaps = (start: number, end: number) =>
    found.some((known) => start < known.end && end > known.start);
  for (const match of text.matchAll(WORD_MARKER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (overlaps(start, end)) continue;
    found.push({ start, end, marker: match[0], unit: 'text', amount: null, exemptions: codesIn(match[0]) });
  }
  for (const match of text.matchAll(CODE_RUN)) {
    const marker = match[0].trim();
    const start = match.index + match[0].indexOf(marker);
    const end = start + marker.length;
    if (overlaps(start, end)) continue;
    found.push({ start, end, marker, unit: 'other', amount: null, exemptions: codesIn(marker) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The exemption codes in a marker, normalised: "(b) (1)" → "(b)(1)", "25x1" → "25X1". */
export function codesIn(text: string): string[] {
  return [...text.matchAll(SINGLE_CODE)].map((code) =>
    code[0]
      .replace(/\s+/g, '')
      .replace(/^(\d+)x/i, '$1X')
      .replace(/\(([a-f])\)$/i, (m) => m.toUpperCase()),
  );
}
