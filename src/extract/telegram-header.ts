/**
 * The header of a State Department telegram as the released copy prints it:
 *
 *     O 241530Z OCT 73
 *     FM AMEMBASSY MOSCOW
 *     TO SECSTATE WASHDC IMMEDIATE 1234
 *     INFO USMISSION NATO
 *     E.O. 11652: GDS
 *     TAGS: PFOR, UR, US
 *     SUBJECT: SOVIET REACTION TO …
 *
 * The date-time group (DDHHMMZ MON YY) dates the message in GMT; the precedence is spelled out
 * (FLASH, IMMEDIATE, PRIORITY, ROUTINE, NIACT) or given by its one-letter prosign (Z, O, P, R).
 * Pure: lines in, facts out.
 */
import type { DateInterval } from '../records/schema.js';
import { placeFromTelegramHeader } from './place.js';

export interface TelegramHeader {
  from: string | null;
  to: string[];
  info: string[];
  date: DateInterval | null;
  /** HH:MMZ from the date-time group. */
  time: string | null;
  /** The date-time group as printed: "241530Z OCT 73". */
  dateTimeGroup: string | null;
  precedence: string | null;
  tags: string[];
  /** The classification line as printed, letter-spaced or not: "S E C R E T STATE 024976" → "SECRET". */
  classification: string | null;
  /** The E.O. line: "E.O. 11652: GDS". */
  executiveOrder: string | null;
  subject: string | null;
  place: string | null;
  /** Index of the first line after the header. */
  bodyLine: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DATE_TIME_GROUP =
  /\b([0-3]\d)([0-2]\d)([0-5]\d)\s?Z\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\w*\.?\s+(\d{4}|\d{2})\b/i;
const PROSIGNS: Record<string, string> = { Z: 'FLASH', O: 'IMMEDIATE', P: 'PRIORITY', R: 'ROUTINE' };
const PRECEDENCE_WORD = /\b(FLASH|NIACT IMMEDIATE|NIACT|IMMEDIATE|PRIORITY|ROUTINE)\b/;
const LABEL = /^\s*(FM|FROM|TO|INFO|TAGS|E\.?\s?O\.?(?:\s?\d{5})?|SUBJECT|SUBJ|REF|REFS)\b[:.]?\s*(.*)$/i;

/** Offices that start an addressee line when it runs on without a label. */
const OFFICE =
  /^(?:AMEMBASSY|AMEMB|AMCONSUL|AMCONGEN|AMLEGATION|USMISSION|USDEL|USINT|USUN|USNATO|USEC|SECSTATE|SECDEF|CINC\w*|JCS|CIA|DIA|NSA|WHITE HOUSE|ALL)\b/;
/** A classification word, possibly typed with its letters spaced out. */
const LEVEL_WORDS = ['TOP SECRET', 'SECRET', 'CONFIDENTIAL', 'LIMITED OFFICIAL USE', 'UNCLASSIFIED'];

/** The level a classification line states ("S E C R E T STATE 024976" → "SECRET"), or null. */
function classificationLine(line: string): string | null {
  const unspaced = line.trim().replace(/\b[A-Z](?: [A-Z]\b)+/g, (letters) => letters.replace(/ /g, ''));
  return LEVEL_WORDS.find((level) => unspaced === level || unspaced.startsWith(`${level} `)) ?? null;
}

/** How far into the text the header may begin. */
const SEARCH_LINES = 30;

/** The telegram header in the lines, or null when they hold no FM and TO lines. */
export function readTelegramHeader(lines: readonly string[]): TelegramHeader | null {
  const head = lines.slice(0, SEARCH_LINES);
  const fromLine = head.findIndex((line) => /^\s*(?:FM|FROM)\s+[A-Z]/.test(line));
  if (fromLine < 0 || !head.some((line, index) => index > fromLine && /^\s*TO\s+[A-Z]/.test(line)))
    return null;
  const header: TelegramHeader = {
    from: null,
    to: [],
    info: [],
    date: null,
    time: null,
    dateTimeGroup: null,
    precedence: null,
    tags: [],
    classification: null,
    executiveOrder: null,
    subject: null,
    place: placeFromTelegramHeader(head),
    bodyLine: fromLine + 1,
  };
  readDateTimeGroup(header, head.slice(0, fromLine + 1).join('\n'));
  let label: string | null = null;
  for (let index = fromLine; index < head.length; index++) {
    const line = head[index]!;
    if (line.trim() === '') {
      // A blank line after SUBJECT or TAGS ends the header; earlier ones are spacing.
      if (header.subject !== null) break;
      continue;
    }
    const labelled = LABEL.exec(line);
    if (labelled) {
      label = normaliseLabel(labelled[1]!);
      apply(header, label, labelled[2]!.trim(), line.trim());
    } else if (label && /^\s/.test(line) && label !== 'REF') {
      apply(header, label, line.trim(), '');
    } else if (classificationLine(line)) {
      header.classification ??= classificationLine(line);
    } else if ((label === 'TO' || label === 'INFO') && OFFICE.test(line.trim())) {
      // Addressee lists run on, one office a line, without a label.
      apply(header, label, line.trim(), '');
    } else if (label !== null && label !== 'FM' && label !== 'TO' && label !== 'INFO') {
      break;
    } else if (/^[A-Z][A-Z0-9 ,/&.:-]*$/.test(line.trim())) {
      // Routing lines between the addressees and the E.O. line (caveats, "FOR AMBASSADOR").
      continue;
    } else {
      break;
    }
    header.bodyLine = index + 1;
  }
  return header;
}

function normaliseLabel(label: string): string {
  const upper = label.toUpperCase().replace(/\s+/g, '');
  if (upper === 'FROM') return 'FM';
  if (upper === 'SUBJ') return 'SUBJECT';
  if (upper === 'REFS') return 'REF';
  if (upper.startsWith('E')) return 'EO';
  return upper;
}

function apply(header: TelegramHeader, label: string, value: string, printedLine: string): void {
  if (value === '') return;
  switch (label) {
    case 'FM':
      header.from = header.from ? `${header.from} ${value}` : stripRouting(header, value);
      break;
    case 'TO':
      header.to.push(stripRouting(header, value));
      break;
    case 'INFO':
      header.info.push(stripRouting(header, value));
      break;
    case 'TAGS':
      header.tags.push(
        ...value
          .split(/[,;]\s*|\s+(?=[A-Z]{2,5}\b)/)
          .map((tag) => tag.trim())
          .filter(Boolean),
      );
      break;
    case 'EO':
      header.executiveOrder ??= printedLine.replace(/\s+/g, ' ');
      break;
    case 'SUBJECT':
      header.subject = header.subject ? `${header.subject} ${value}` : value;
      break;
  }
}

/** "SECSTATE WASHDC IMMEDIATE 1234" → "SECSTATE WASHDC", noting the precedence on the way. */
function stripRouting(header: TelegramHeader, value: string): string {
  const precedence = PRECEDENCE_WORD.exec(value);
  if (precedence && header.precedence === null) header.precedence = precedence[1]!;
  return value
    .replace(PRECEDENCE_WORD, '')
    .replace(/\s+\d{1,6}\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function readDateTimeGroup(header: TelegramHeader, text: string): void {
  const match = DATE_TIME_GROUP.exec(text);
  if (!match) return;
  const [, day, hour, minute, monthName, yearText] = match;
  const month = MONTHS.indexOf(monthName!.slice(0, 3).toUpperCase()) + 1;
  // Electrical telegrams date from the 1940s on, so "73" is 1973 and "03" is 2003.
  const twoDigits = Number(yearText);
  const year = yearText!.length === 2 ? (twoDigits >= 40 ? 1900 : 2000) + twoDigits : twoDigits;
  const iso = `${year}-${String(month).padStart(2, '0')}-${day}`;
  if (!isRealDate(year, month, Number(day))) return;
  header.date = { start: iso, end: iso, precision: 'day' };
  header.time = `${hour}:${minute}Z`;
  header.dateTimeGroup = match[0];
  // The prosign stands just before the group: "O 241530Z OCT 73".
  const prosign = /(?:^|\s)([ZOPR])\s+$/.exec(text.slice(0, match.index));
  const word = PRECEDENCE_WORD.exec(text.slice(0, match.index));
  header.precedence = word?.[1] ?? (prosign ? PROSIGNS[prosign[1]!]! : null);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
