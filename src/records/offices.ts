/**
 * Who held an office on a date: U.S. Presidents, Vice Presidents, Secretaries of State and
 * Defense, National Security Advisers; Soviet and Russian leaders, foreign ministers and
 * ambassadors to the U.S.; British, French and (West) German heads of government and foreign
 * ministers — from `reference/office-holders.csv`, each row with its source.
 *
 * Dates: `start` is the first day in office; `end` is the day the successor took over (the
 * holder is out of office from that day on), empty for a sitting holder. So on 1974-08-09 the
 * President is Ford, on 1974-08-08 Nixon. Rows sourced at month precision ("1962-03") cover
 * the whole of their first and last months.
 */
import { readReferenceTable } from './reference-file.js';

export interface OfficeHolding {
  office: string;
  /** "Surname, Given names" as in FRUS persons lists. */
  person: string;
  start: string;
  /** null while in office. */
  end: string | null;
  country: string;
  source: string;
}

let table: OfficeHolding[] | null = null;

export function officeHoldings(): readonly OfficeHolding[] {
  table ??= readReferenceTable('office-holders.csv').map((row) => ({
    office: row.office!,
    person: row.person!,
    start: row.start!,
    end: row.end ? row.end : null,
    country: row.country!,
    source: row.source!,
  }));
  return table;
}

/** Titles as written → the office's name in the table, with the country it implies by default. */
const OFFICE_ALIASES: readonly { pattern: RegExp; office: string; country?: string }[] = [
  { pattern: /^vice[- ]president$/, office: 'Vice President', country: 'United States' },
  { pattern: /^president$/, office: 'President' },
  { pattern: /^(?:secretary|secretary of state)$/, office: 'Secretary of State', country: 'United States' },
  { pattern: /^secretary of defen[cs]e$/, office: 'Secretary of Defense', country: 'United States' },
  {
    pattern: /^(?:national security advis[eo]r|assistant to the president for national security affairs)$/,
    office: 'National Security Adviser',
    country: 'United States',
  },
  {
    pattern: /^(?:general secretary|first secretary)(?: of the cpsu| of the communist party)?$/,
    office: 'General Secretary of the CPSU',
    country: 'Soviet Union',
  },
  {
    pattern: /^(?:chairman|premier|chairman of the council of ministers)$/,
    office: 'Chairman of the Council of Ministers',
    country: 'Soviet Union',
  },
  {
    pattern: /^chairman of the presidium(?: of the supreme soviet)?$/,
    office: 'Chairman of the Presidium of the Supreme Soviet',
    country: 'Soviet Union',
  },
  {
    pattern: /^(?:foreign minister|minister of foreign affairs|minister for foreign affairs)$/,
    office: 'Foreign Minister',
  },
  { pattern: /^foreign secretary$/, office: 'Foreign Secretary', country: 'United Kingdom' },
  { pattern: /^prime minister$/, office: 'Prime Minister' },
  { pattern: /^(?:federal )?chancellor$/, office: 'Chancellor', country: 'Germany' },
  {
    pattern: /^(?:soviet )?ambassador(?: to the united states)?$/,
    office: 'Ambassador to the United States',
  },
];

const COUNTRY_ALIASES: Record<string, string> = {
  us: 'United States',
  usa: 'United States',
  'u.s.': 'United States',
  'united states': 'United States',
  america: 'United States',
  ussr: 'Soviet Union',
  'u.s.s.r.': 'Soviet Union',
  'soviet union': 'Soviet Union',
  soviet: 'Soviet Union',
  russia: 'Russia',
  'russian federation': 'Russia',
  uk: 'United Kingdom',
  'u.k.': 'United Kingdom',
  britain: 'United Kingdom',
  'great britain': 'United Kingdom',
  british: 'United Kingdom',
  'united kingdom': 'United Kingdom',
  france: 'France',
  french: 'France',
  germany: 'Germany',
  'west germany': 'Germany',
  frg: 'Germany',
  'federal republic of germany': 'Germany',
  german: 'Germany',
};

export function canonicalCountry(country: string): string {
  return COUNTRY_ALIASES[country.trim().toLowerCase()] ?? country.trim();
}

/** Russia continues the Soviet Union's offices (and seat): a question about one accepts the other. */
function sameCountry(rowCountry: string, wanted: string): boolean {
  if (rowCountry === wanted) return true;
  const lineage = new Set(['Soviet Union', 'Russia']);
  return lineage.has(rowCountry) && lineage.has(wanted);
}

/** The table's office name (and default country) for a title as written, or null. */
export function officeForTitle(title: string): { office: string; country: string | null } | null {
  const key = title
    .toLowerCase()
    .replace(/^(?:the|mr\.?|madam)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const alias of OFFICE_ALIASES)
    if (alias.pattern.test(key)) return { office: alias.office, country: alias.country ?? null };
  const exact = officeHoldings().find((row) => row.office.toLowerCase() === key);
  return exact ? { office: exact.office, country: null } : null;
}

/** First and last day (inclusive) a partial ISO date may denote. */
function firstDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date.slice(0, 10);
}
function dayAfterEnd(date: string): string {
  if (date.length === 10) return date;
  if (date.length === 4) return `${Number(date) + 1}-01-01`;
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

function holds(row: OfficeHolding, day: string): boolean {
  if (day < firstDay(row.start)) return false;
  return row.end === null || day < dayAfterEnd(row.end);
}

/**
 * Everyone holding an office on a date (more than one only where month-precise rows meet).
 * `office` may be a title as written ("the Secretary", "Premier"); `country` defaults to the
 * country the title implies, else the United States.
 */
export function holdersOn(office: string, isoDate: string, country?: string): OfficeHolding[] {
  const resolved = officeForTitle(office);
  if (!resolved) return [];
  const wanted = canonicalCountry(country ?? resolved.country ?? 'United States');
  const day = isoDate.slice(0, 10);
  return officeHoldings().filter(
    (row) => row.office === resolved.office && sameCountry(row.country, wanted) && holds(row, day),
  );
}

/** Who held the office on the date: `holderOn('President', '1964-05-01')` → Johnson's row. */
export function holderOn(office: string, isoDate: string, country?: string): OfficeHolding | null {
  const rows = holdersOn(office, isoDate, country);
  // Where a month-precise handover overlaps, the newcomer is the better guess late in the month.
  return rows.sort((a, b) => firstDay(b.start).localeCompare(firstDay(a.start)))[0] ?? null;
}

type NameParts = { surname: string; initial: string | null };
/** Names are compared against the whole table for every title resolved: parse each once. */
const namePartsCache = new Map<string, NameParts>();

/** "Kissinger, Henry A.", "Henry Kissinger", "Dr. Kissinger" → surname and given-name initial. */
export function nameParts(name: string): NameParts {
  let parts = namePartsCache.get(name);
  if (!parts) {
    parts = parseNameParts(name);
    if (namePartsCache.size > 100_000) namePartsCache.clear();
    namePartsCache.set(name, parts);
  }
  return parts;
}

function parseNameParts(name: string): NameParts {
  const cleaned = name
    .replace(/\(.*?\)/g, ' ')
    .replace(/\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Gen|Adm|Amb|President|Secretary|Ambassador|Chairman)\.?\s+/g, '')
    .trim();
  if (cleaned.includes(',')) {
    const [surname, given] = cleaned.split(',', 2) as [string, string];
    return { surname: foldName(surname), initial: initialOf(given) };
  }
  const words = cleaned.split(/\s+/).filter(Boolean);
  const surname = words.pop() ?? '';
  return { surname: foldName(surname), initial: initialOf(words.join(' ')) };
}

function initialOf(given: string): string | null {
  const letter = /\p{L}/u.exec(given.normalize('NFD'))?.[0];
  return letter ? letter.toLowerCase() : null;
}

/** Lower case, no accents, no punctuation: "Giscard d'Estaing" → "giscard destaing". */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\s-]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Same person by surname and, when both give one, the first given-name initial. */
export function sameName(a: string, b: string): boolean {
  const left = nameParts(a);
  const right = nameParts(b);
  if (!left.surname || left.surname !== right.surname) return false;
  return left.initial === null || right.initial === null || left.initial === right.initial;
}

/** Every office the person held, in date order. */
export function officesHeldBy(personName: string): OfficeHolding[] {
  return officeHoldings()
    .filter((row) => sameName(row.person, personName))
    .sort((a, b) => a.start.localeCompare(b.start));
}
