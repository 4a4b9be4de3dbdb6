/**
 * Filter values of the query language (`type:memcon`, `date:1969..1970-06`, `class:top-secret` …):
 * checked and brought to one canonical spelling. The parser calls this to reject a bad value
 * where it was typed; engines call it again because a query tree may also be built in code.
 */
import { CLASSIFICATION_LEVELS, DOCUMENT_TYPES } from '../records/schema.js';
import type { ClassificationLevel, DocumentType } from '../records/schema.js';
import type { FilterField } from './ast.js';

export const FILTER_FIELDS: readonly FilterField[] = [
  'type',
  'date',
  'class',
  'caveat',
  'collection',
  'person',
  'speaker',
];

/** A filter value that cannot mean anything; the message says what would. */
export class FilterValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterValueError';
  }
}

/** Everyday names for document types, so `type:telegram` finds cables. */
const TYPE_ALIASES: Record<string, DocumentType> = {
  telegram: 'cable',
  memorandum: 'memo',
  conversation: 'memcon',
  'memorandum-of-conversation': 'memcon',
  telephone: 'telcon',
  'editorial note': 'editorial-note',
  editorial: 'editorial-note',
  note: 'editorial-note',
  meeting: 'minutes',
};

const CLASS_ALIASES: Record<string, ClassificationLevel> = {
  ts: 'TOP SECRET',
  s: 'SECRET',
  c: 'CONFIDENTIAL',
  lou: 'LIMITED OFFICIAL USE',
  ouo: 'OFFICIAL USE ONLY',
  u: 'UNCLASSIFIED',
  unmarked: 'NONE',
  'no marking': 'NONE',
  'no classification marking': 'NONE',
};

/** Returns the canonical value of a filter, or throws FilterValueError. */
export function normalizeFilterValue(field: FilterField, raw: string): string {
  const value = raw.trim();
  if (value === '') throw new FilterValueError(`${field}: needs a value, e.g. ${example(field)}.`);
  switch (field) {
    case 'type':
      return documentType(value);
    case 'class':
      return classificationLevel(value);
    case 'caveat':
      return value.toUpperCase().replace(/[-_\s]+/g, ' ');
    case 'date':
      dateBounds(value);
      return value;
    case 'collection':
    case 'person':
    case 'speaker':
      return value;
  }
}

function documentType(value: string): DocumentType {
  const key = value.toLowerCase().replace(/_/g, '-');
  if ((DOCUMENT_TYPES as readonly string[]).includes(key)) return key as DocumentType;
  const alias = TYPE_ALIASES[key] ?? TYPE_ALIASES[key.replace(/-/g, ' ')];
  if (alias) return alias;
  throw new FilterValueError(
    `type:${value} is not a document type; use one of ${DOCUMENT_TYPES.join(', ')}.`,
  );
}

function classificationLevel(value: string): ClassificationLevel {
  const key = value.toLowerCase().replace(/[-_\s]+/g, ' ');
  const level = CLASSIFICATION_LEVELS.find((candidate) => candidate.toLowerCase() === key);
  if (level) return level;
  const alias = CLASS_ALIASES[key];
  if (alias) return alias;
  throw new FilterValueError(
    `class:${value} is not a classification level; use one of top-secret, secret, confidential, ` +
      'limited-official-use, official-use-only, unclassified, none.',
  );
}

/**
 * The half-open day range a `date:` value covers: `from` inclusive, `until` exclusive, both
 * YYYY-MM-DD, null for an open end. `1969` is the whole year, `1970-06` the whole month,
 * `1969..1970-06` from the start of the first to the end of the second.
 */
export function dateBounds(value: string): { from: string | null; until: string | null } {
  const parts = value.split('..');
  if (parts.length > 2) throw new FilterValueError(`date:${value} has more than one "..".`);
  if (parts.length === 1) {
    const day = partialDate(parts[0]!, value);
    return { from: day.first, until: day.afterLast };
  }
  const [left, right] = parts as [string, string];
  if (left === '' && right === '')
    throw new FilterValueError(`date:${value} needs at least one end, e.g. date:1969..1970-06.`);
  const from = left === '' ? null : partialDate(left, value).first;
  const until = right === '' ? null : partialDate(right, value).afterLast;
  if (from && until && from >= until)
    throw new FilterValueError(`date:${value} ends before it starts; write the earlier date first.`);
  return { from, until };
}

/** A year, year-month or full date as its first day and the day after its last. */
function partialDate(text: string, whole: string): { first: string; afterLast: string } {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (!match) {
    throw new FilterValueError(
      `date:${whole}: "${text}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, and ranges as 1969..1970-06.`,
    );
  }
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12))
    throw new FilterValueError(`date:${whole}: month ${month} does not exist.`);
  if (month !== null && day !== null) {
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (day < 1 || probe.getUTCMonth() !== month - 1)
      throw new FilterValueError(`date:${whole}: ${text} is not a day of the calendar.`);
  }
  const first = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const afterLast =
    day !== null
      ? new Date(Date.UTC(year, month! - 1, day + 1))
      : month !== null
        ? new Date(Date.UTC(year, month, 1))
        : new Date(Date.UTC(year + 1, 0, 1));
  return { first: isoDay(first), afterLast: isoDay(afterLast) };
}

function isoDay(date: Date): string {
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function example(field: FilterField): string {
  const examples: Record<FilterField, string> = {
    type: 'type:memcon',
    date: 'date:1969..1970-06',
    class: 'class:secret',
    caveat: 'caveat:nodis',
    collection: 'collection:frus1969-76v12',
    person: 'person:Kissinger',
    speaker: 'speaker:Gromyko',
  };
  return examples[field];
}
