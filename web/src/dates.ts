/**
 * Dates as a historian writes them: "June 10, 1970", with the time when the record gives one.
 * The stored ISO value stays visible in the tooltip and the URL, never reinterpreted in the
 * reader's time zone.
 */
import { MONTH_NAMES } from '../../src/records/months.js';

const MONTHS = MONTH_NAMES;

export function formatDate(iso: string | null): string {
  if (!iso) return 'undated';
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}:\d{2}))?(Z)?/.exec(iso);
  if (!match) return iso;
  const [, year, month, day, time, zulu] = match;
  if (!month) return year!;
  const monthName = MONTHS[Number(month) - 1] ?? month;
  const date = day ? `${monthName} ${Number(day)}, ${year}` : `${monthName} ${year}`;
  return time ? `${date}, ${time}${zulu ? ' GMT' : ''}` : date;
}
