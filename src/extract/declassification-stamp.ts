/**
 * The declassification stamp a reviewing agency puts on a released page:
 *
 *     DECLASSIFIED
 *     Authority NLC-97-123-4-5-6
 *     By dfm NARA, Date 3/14/05
 *
 * or "DECLASSIFIED E.O. 12958, Sec. 3.6 / MR 04-123, #5; State ltr 7/1/04 / By … NARA, Date …",
 * "Sanitized Copy Approved for Release 2010/06/14 : CIA-RDP80…". The stamp is not part of
 * the record's text: its lines are found, read into Document.declassification, and taken out
 * of the text flow.
 */
import type { Declassification } from '../records/schema.js';

export interface DeclassificationStamp {
  declassification: Declassification;
  /** Indices of the lines that make up the stamp. */
  lineIndices: number[];
}

/** Lines that open a stamp. "NOT DECLASSIFIED" is a redaction marker, never a stamp. */
const STAMP_OPENING =
  /^\s*(?:DECLASSIFIED\b(?:\s+IN\s+(?:PART|FULL))?|Declassified\b(?:\s*(?:\/|and)\s*Released)?|(?:Sanitized\s+Copy\s+)?Approved\s+for\s+Release\b)/i;

/** Lines that belong to a stamp once one is open. */
const STAMP_LINE: readonly RegExp[] = [
  STAMP_OPENING,
  /^\s*Authority\b/i,
  /^\s*E\.?\s?O\.?\s?\d{5}\b/i,
  /^\s*By\b.{0,60}\b(?:NARA|NLN|NLJ|NLC|NLF|NLE|NLR|Date)\b/i,
  /^\s*(?:NARA|Date)\b[\s:,]/i,
  /^\s*(?:MR|MDR|NLC|NLJ|NLN|NLF|NLE|NND|FOIA)\b[\s:#-]*(?:Case\s*)?(?:No\.?\s*)?[\w./-]*\d/i,
  /^\s*(?:per|State|DOS|CIA|NSC|DOD|OSD)\s+(?:ltr|letter|review|guidelines)\b/i,
  /^\s*(?:Sec\.|Section)\s*\d/i,
  /^\s*CIA-RDP[\w-]+/i,
];

/** The authority under which a record was released: an executive order, or the Authority line. */
const EXECUTIVE_ORDER = /\bE\.?\s?O\.?\s?(\d{5})(?:\s*,?\s*(?:Sec\.|Section)\s*[\d.()a-z]+)?/i;
const AUTHORITY_LINE = /\bAuthority:?\s+(.+?)\s*$/i;
/** A review case: MR/MDR case numbers, library NLx numbers, FOIA cases, CIA RDP numbers. */
const CASE_NUMBER =
  /\b(?:(?:MR|MDR)\s*(?:Case\s*)?(?:No\.?\s*|#\s*)?[A-Z]?\d[\w./-]*|NL[A-Z][\s-]?[\w./-]*\d[\w./-]*|NND\s?\d[\w./-]*|FOIA\s*(?:Case\s*)?(?:No\.?\s*|#\s*)?[A-Z]*-?\d[\w./-]*|CIA-RDP[\w-]+)/i;
const DATE_FIELD = /\bDate:?\s*([\d/.-]+\d|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})/;
const RELEASE_DATE = /\bRelease\s+(\d{4})\/(\d{2})\/(\d{2})\b/i;

/** How far a stamp may reach from its opening line. */
const LINES_AFTER = 6;
const LINES_BEFORE = 2;

/** The first declassification stamp among the lines, or null when the page carries none. */
export function findDeclassificationStamp(lines: readonly string[]): DeclassificationStamp | null {
  const opening = lines.findIndex(
    (line) => STAMP_OPENING.test(line) && !/\bnot\s+declassified\b/i.test(line),
  );
  if (opening < 0) return null;
  const isStampLine = (line: string | undefined) =>
    line !== undefined && line.trim().length <= 100 && STAMP_LINE.some((pattern) => pattern.test(line));
  let first = opening;
  while (
    first > 0 &&
    opening - first < LINES_BEFORE &&
    isStampLine(lines[first - 1]) &&
    !isOpening(lines[first - 1])
  )
    first--;
  let last = opening;
  while (
    last + 1 < lines.length &&
    last - opening < LINES_AFTER &&
    isStampLine(lines[last + 1]) &&
    !isOpening(lines[last + 1])
  )
    last++;
  const lineIndices = range(first, last);
  const printed = lineIndices.map((index) => lines[index]!.trim()).join(' / ');
  return { declassification: readStamp(printed), lineIndices };
}

function isOpening(line: string | undefined): boolean {
  return line !== undefined && STAMP_OPENING.test(line);
}

/** The facts in a stamp's text (its lines joined by " / "). */
export function readStamp(printed: string): Declassification {
  const order = EXECUTIVE_ORDER.exec(printed);
  const authorityLine = printed
    .split(' / ')
    .map((line) => AUTHORITY_LINE.exec(line)?.[1] ?? null)
    .find((value) => value !== null);
  const authority = authorityLine ?? (order ? order[0].replace(/\s+/g, ' ') : null);
  const caseMatch = CASE_NUMBER.exec(printed);
  return {
    authority: authority ?? null,
    date: stampDate(printed),
    caseNumber: caseMatch ? caseMatch[0].trim() : null,
    printed,
  };
}

/** The review date as ISO when it can be read ("3/14/05" → 2005-03-14), else as printed. */
function stampDate(printed: string): string | null {
  const release = RELEASE_DATE.exec(printed);
  if (release) return `${release[1]}-${release[2]}-${release[3]}`;
  const field = DATE_FIELD.exec(printed);
  if (!field) return null;
  const value = field[1]!;
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value);
  if (numeric) {
    const year = numeric[3]!.length === 2 ? twoDigitYear(Number(numeric[3])) : Number(numeric[3]);
    return `${year}-${numeric[1]!.padStart(2, '0')}-${numeric[2]!.padStart(2, '0')}`;
  }
  const named = new Date(`${value.replace(/\./g, '')} UTC`);
  if (!Number.isNaN(named.getTime())) return named.toISOString().slice(0, 10);
  return value;
}

/**
 * Reviews began in the 1970s, so a two-digit year from 70 on is 19xx and below it 20xx.
 */
function twoDigitYear(year: number): number {
  return year >= 70 ? 1900 + year : 2000 + year;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
