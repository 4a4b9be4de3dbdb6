/**
 * Dates and times of a record: from TEI attributes (`when`, `from`/`to`, `notBefore`/`notAfter`,
 * `frus:doc-dateTime-min/max`) or, failing those, from the printed words ("June 3, 1967",
 * "4:40 p.m.", "2015Z").
 */
import type { DateInterval, DatePrecision } from '../records/schema.js';
import { MONTH_NAMES } from '../records/months.js';

const ISO_PREFIX = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

function precisionOf(value: string): DatePrecision {
  if (/T\d/.test(value)) return 'time';
  const match = ISO_PREFIX.exec(value);
  if (!match) return 'day';
  if (match[3]) return 'day';
  if (match[2]) return 'month';
  return 'year';
}

/** The last day of the month or year an ISO prefix names: "1967-02" → "1967-02-28". */
function endOf(value: string): string {
  const match = ISO_PREFIX.exec(value);
  if (!match || match[3]) return value;
  const year = Number(match[1]);
  if (!match[2]) return `${match[1]}-12-31`;
  const month = Number(match[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${match[1]}-${match[2]}-${String(lastDay).padStart(2, '0')}`;
}

function isIsoDate(value: string | undefined): value is string {
  return value !== undefined && ISO_PREFIX.test(value.trim());
}

export interface DateAttributes {
  when?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  notBefore?: string | undefined;
  notAfter?: string | undefined;
}

/** The interval a TEI date element encodes, or null when it carries no usable attribute. */
export function dateFromAttributes(attributes: DateAttributes): DateInterval | null {
  const when = attributes.when?.trim();
  if (isIsoDate(when)) {
    const precision = precisionOf(when);
    return {
      start: when,
      end: precision === 'month' || precision === 'year' ? endOf(when) : when,
      precision,
    };
  }
  const start = [attributes.from, attributes.notBefore].find(isIsoDate)?.trim();
  const end = [attributes.to, attributes.notAfter].find(isIsoDate)?.trim();
  if (start && end)
    return { start, end: endOf(end), precision: start === end ? precisionOf(start) : 'range' };
  if (start) return { start, end: endOf(start), precision: 'range' };
  if (end) return { start: end.slice(0, 10), end: endOf(end), precision: 'range' };
  return null;
}

/** An interval from FRUS's `frus:doc-dateTime-min` / `-max` pair. */
export function dateFromMinMax(min: string, max: string): DateInterval {
  const start = min.trim();
  const end = max.trim();
  if (start === end) return { start, end, precision: precisionOf(start) };
  if (start.slice(0, 10) === end.slice(0, 10)) {
    return { start, end, precision: /T00:00:00/.test(start) && /T23:59:59/.test(end) ? 'day' : 'time' };
  }
  return { start, end, precision: 'range' };
}

const MONTHS = MONTH_NAMES.map((month) => month.toLowerCase());
const MONTH_NAME =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const MONTH_DAY_YEAR = new RegExp(
  `\\b${MONTH_NAME}\\s+(\\d{1,2})(?:\\s*[-–—]\\s*\\d{1,2})?,?\\s*(\\d{4})\\b`,
  'i',
);
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\s+${MONTH_NAME}\\s+(\\d{4})\\b`, 'i');
const MONTH_YEAR = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{4})\\b`, 'i');
const YEAR_ONLY = /\b(1[89]\d\d|20\d\d)\b/;

function monthNumber(name: string): number {
  const key = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTHS.findIndex((month) => month.startsWith(key)) + 1;
}

function iso(year: string, month: number, day?: string): string {
  const head = `${year}-${String(month).padStart(2, '0')}`;
  return day === undefined ? head : `${head}-${day.padStart(2, '0')}`;
}

/** The first date printed in a text, with what was printed. */
export function parsePrintedDate(text: string): { date: DateInterval; printed: string } | null {
  let match = MONTH_DAY_YEAR.exec(text);
  if (match) {
    const day = iso(match[3]!, monthNumber(match[1]!), match[2]!);
    return { date: { start: day, end: day, precision: 'day' }, printed: match[0] };
  }
  match = DAY_MONTH_YEAR.exec(text);
  if (match) {
    const day = iso(match[3]!, monthNumber(match[2]!), match[1]!);
    return { date: { start: day, end: day, precision: 'day' }, printed: match[0] };
  }
  match = MONTH_YEAR.exec(text);
  if (match) {
    const month = iso(match[2]!, monthNumber(match[1]!));
    return { date: { start: `${month}-01`, end: endOf(month), precision: 'month' }, printed: match[0] };
  }
  match = YEAR_ONLY.exec(text);
  if (match) {
    return {
      date: { start: `${match[1]}-01-01`, end: `${match[1]}-12-31`, precision: 'year' },
      printed: match[0],
    };
  }
  return null;
}

/** "HH:MM" (with "Z" kept) from an ISO date-time, or null when it has no time part. */
export function timeFromIso(value: string): string | null {
  const match = /T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!match) return null;
  return `${match[1]}:${match[2]}${match[3] === 'Z' ? 'Z' : ''}`;
}

/** A telegram time in GMT: "2015Z", "0856 Z". */
const ZULU_TIME = /\b([01]\d|2[0-3])([0-5]\d)\s?Z\b/;
/** "4:40 p.m.", "11 a.m.", "9–9:45 a.m.", "10:21–11:11 a.m.", "08:25 p.m.", "noon". */
const CLOCK_TIME =
  /\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:(a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b)|[-–—]\s*\d{1,2}(?:[:.]\d{2})?\s*(a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b)|\s+(noon|midnight)\b)/i;
const CLOCK_24 = /\b([01]?\d|2[0-3]):([0-5]\d)\b/;

/** The start time printed in a dateline, or null. */
export function parsePrintedTime(text: string): string | null {
  const zulu = ZULU_TIME.exec(text);
  if (zulu) return `${zulu[1]}:${zulu[2]}Z`;
  if (/\bnoon\b/i.test(text) && !CLOCK_TIME.test(text)) return '12:00';
  if (/\bmidnight\b/i.test(text) && !CLOCK_TIME.test(text)) return '00:00';
  const clock = CLOCK_TIME.exec(text);
  if (clock) {
    let hour = Number(clock[1]);
    const minute = clock[2] ?? '00';
    const meridiem = (clock[3] ?? clock[4] ?? '').toLowerCase();
    const pm = meridiem.startsWith('p');
    if (clock[5]?.toLowerCase() === 'noon') hour = 12;
    else if (pm && hour < 12) {
      // In "11:30 a.m.–1:30 p.m." the p.m. belongs to the end; a start before it stays morning.
      const endHour = /[-–—]\s*(\d{1,2})/.exec(clock[0]);
      if (!(clock[4] && endHour && Number(endHour[1]) < hour)) hour += 12;
    } else if (meridiem.startsWith('a') && hour === 12) hour = 0;
    if (hour > 23) return null;
    return `${String(hour).padStart(2, '0')}:${minute}`;
  }
  const plain = CLOCK_24.exec(text);
  if (plain) return `${plain[1]!.padStart(2, '0')}:${plain[2]}`;
  return null;
}
