/**
 * Resolving an office named in place of a person ("The Secretary", "the President") to the
 * person who held it on the document's date, using the volume's persons list, whose entries
 * read "Dulles, John Foster — Secretary of State until April 1959; …".
 */

export interface PersonEntry {
  localId: string;
  name: string;
  description: string | null;
}

/** Printed titles and the office phrases a persons-list description uses for them. */
const OFFICE_TITLES: readonly [RegExp, string[]][] = [
  [/^president$/, ['President of the United States', 'U.S. President']],
  [/^vice president$/, ['Vice President of the United States', 'Vice President']],
  [/^secretary(?: of state)?$/, ['Secretary of State']],
  [/^under ?secretary(?: of state)?$/, ['Under Secretary of State']],
  [/^secretary of defense$/, ['Secretary of Defense']],
  [/^secretary of the treasury$/, ['Secretary of the Treasury']],
];

const MONTHS = 'january february march april may june july august september october november december'.split(
  ' ',
);

const DATE_AFTER = new Map(
  ['from', 'until', 'to'].map((keyword) => [
    keyword,
    new RegExp(`\\b${keyword}\\s+(?:(${MONTHS.join('|')})\\.?\\s+)?(?:\\d{1,2},\\s+)?(\\d{4})`, 'i'),
  ]),
);

/** "April 1959" → "1959-04", "1959" → "1959"; the first such date after a keyword. */
function dateAfter(keyword: 'from' | 'until' | 'to', clause: string): string | null {
  const match = DATE_AFTER.get(keyword)!.exec(clause);
  if (!match) return null;
  const month = match[1] ? MONTHS.indexOf(match[1].toLowerCase()) + 1 : 0;
  return month ? `${match[2]}-${String(month).padStart(2, '0')}` : match[2]!;
}

/** One office a person held, as a persons-list clause says: the words and the dates. */
interface Tenure {
  person: PersonEntry;
  words: string;
  from: string | null;
  until: string | null;
}

/** Clauses parsed once per persons list, not once per title looked up. */
const tenuresOf = new WeakMap<readonly PersonEntry[], Tenure[]>();

function tenures(persons: readonly PersonEntry[]): Tenure[] {
  let cached = tenuresOf.get(persons);
  if (cached) return cached;
  cached = [];
  for (const person of persons) {
    if (!person.description) continue;
    let previousEnd: string | null = null;
    for (const clause of person.description.split(/;|\band\b(?=\s+(?:from|until|thereafter))/)) {
      const words = clause.replace(/^[\s,]+/, '');
      const from = dateAfter('from', words) ?? (/\bthereafter\b/i.test(words) ? previousEnd : null);
      const until = dateAfter('until', words) ?? dateAfter('to', words);
      cached.push({ person, words: words.toLowerCase(), from, until });
      previousEnd = until ?? previousEnd;
    }
  }
  tenuresOf.set(persons, cached);
  return cached;
}

/** The office phrase for a printed title, or null when the title is not one we resolve. */
export function officeFor(title: string): string[] | null {
  const key = title
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[.,:;]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return OFFICE_TITLES.find(([pattern]) => pattern.test(key))?.[1] ?? null;
}

/** The one person who held the office named by `title` on `date` (ISO), or null. */
export function resolveOffice(
  title: string,
  date: string | null,
  persons: readonly PersonEntry[],
): PersonEntry | null {
  const offices = officeFor(title)?.map((office) => office.toLowerCase());
  if (!offices) return null;
  const holders = new Set<PersonEntry>();
  for (const tenure of tenures(persons)) {
    const holds = offices.some(
      (office) => tenure.words.startsWith(office) && !/^[\p{L}]/u.test(tenure.words.charAt(office.length)),
    );
    if (!holds) continue;
    if (date && tenure.from && date.slice(0, tenure.from.length) < tenure.from) continue;
    if (date && tenure.until && date.slice(0, tenure.until.length) > tenure.until) continue;
    holders.add(tenure.person);
  }
  return holders.size === 1 ? [...holders][0]! : null;
}
