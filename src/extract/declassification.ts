/**
 * Declassification facts printed with a record: the authority ("E.O. 12958", "NND 959000"),
 * the date, and a review case number (MDR, FOIA, NLJ/NLN cases). Most FRUS documents print
 * none, so null is the common answer.
 */
import type { Declassification } from '../records/schema.js';

const AUTHORITY = /\b(?:E\.\s?O\.\s?\d{5}|Authority:?\s+[A-Z]{2,4}\s?[\w./-]+|NND\s?\d+)/;
const CASE = /\b(?:(?:MDR|FOIA|NLJ|NLN|NLF|NLC|NLE)(?:\s+Case)?[\s:#-]*[\w./-]*\d[\w./-]*)/;
const LINE = /\bdeclassified\b(?!\s+in\s+time)|\bDECLASSIFIED\b/i;
const DATE =
  /\b(?:\d{1,2}\/\d{1,2}\/\d{2,4}|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4})\b/;

/** The first text that reports a declassification ("Declassified … E.O. 12958 … NLJ 96-123"), or null. */
export function declassificationFrom(texts: readonly string[]): Declassification | null {
  for (const text of texts) {
    const at = text.search(LINE);
    if (at < 0 || /not declassified/i.test(text.slice(Math.max(0, at - 5), at + 20))) continue;
    const window = text.slice(at, at + 200);
    const authority = AUTHORITY.exec(window)?.[0] ?? null;
    const caseNumber = CASE.exec(window)?.[0] ?? null;
    if (!authority && !caseNumber) continue;
    return {
      authority,
      date: DATE.exec(window)?.[0] ?? null,
      caseNumber,
      printed: window.split(/(?<=\.)\s/)[0] ?? window,
    };
  }
  return null;
}
