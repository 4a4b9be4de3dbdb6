/**
 * The widest date interval in the archive, kept so that a date filter can bound its walk of the
 * date index from below. A document overlaps `date:FROM..` when its interval ends on or after
 * FROM; since no interval is wider than the widest, it then also starts no earlier than FROM
 * minus that width. Without the bound, `date:1969..1970` listed by date walked every document
 * dated before 1969 (240 ms at 1,000,000 documents).
 *
 * The width only ever grows (a removed document leaves it as it was): an upper bound stays safe.
 * An interval SQLite cannot read as dates counts as unbounded, which turns the bound off.
 */

/** Row of `archive_facts` holding the widest interval in whole days. */
export const WIDEST_DATE_SPAN = 'widest_date_span_days';

/** Days that mean "unknown width": the bound computed from them is no bound. */
const UNBOUNDED_DAYS = 1e9;

/**
 * Whole days from the first day of `start` to the last day of `end`, inclusive, for dates stored
 * as YYYY, YYYY-MM, YYYY-MM-DD or with a time (ignored: the day is what counts).
 */
function spanDaysSql(start: string, end: string): string {
  const firstDay = `CASE length(${start}) WHEN 4 THEN ${start} || '-01-01' WHEN 7 THEN ${start} || '-01' ELSE substr(${start}, 1, 10) END`;
  const lastDay = `CASE length(${end}) WHEN 4 THEN ${end} || '-12-31' WHEN 7 THEN date(${end} || '-01', '+1 month', '-1 day') ELSE substr(${end}, 1, 10) END`;
  return `coalesce(julianday(${lastDay}) - julianday(${firstDay}) + 1, ${UNBOUNDED_DAYS})`;
}

/** The widest interval, in days, over the dated documents `where` selects; 0 when there are none. */
function widestSpanSql(where: string): string {
  return (
    `SELECT coalesce(max(${spanDaysSql('date_start', 'date_end')}), 0) FROM documents ` +
    `WHERE date_start IS NOT NULL AND date_end IS NOT NULL AND (${where})`
  );
}

/** Records the widest interval over the whole archive (for the migration that adds the fact). */
export const RECORD_DATE_SPAN_SQL = `INSERT INTO archive_facts (name, value) VALUES ('${WIDEST_DATE_SPAN}', (${widestSpanSql('1')}))`;

/**
 * Widens the recorded span to cover the document with key `?`. An UPDATE of the one row the
 * migration made, not an upsert: an INSERT … SELECT opens a statement journal, at which FTS5
 * flushes its pending terms to a segment of their own, once per document instead of once per
 * batch (bench/scale, 100,000 documents: 943–1,009 documents/s against 1,170–1,278).
 */
export const WIDEN_DATE_SPAN_SQL = `UPDATE archive_facts SET value = max(value, (${widestSpanSql('key = ?')})) WHERE name = '${WIDEST_DATE_SPAN}'`;

/**
 * The earliest start a document overlapping a range that begins on `?` (YYYY-MM-DD) can have,
 * as a string that sorts at or before every such start however precisely it is written (a day
 * early, so `1968` and `1968-11` compare as their first day would); '' (no bound) when the width
 * is unknown.
 */
export const EARLIEST_OVERLAPPING_START_SQL =
  `coalesce((SELECT date(?, '-' || (value + 1) || ' days') FROM archive_facts ` +
  `WHERE name = '${WIDEST_DATE_SPAN}' AND value < ${UNBOUNDED_DAYS}), '')`;
