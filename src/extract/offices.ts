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

/** "1953–1961", "September 4, 1964–September 30, 1966": the years of a tenure. */
const YEAR_RANGE = new RegExp(
  `(?:(?:${MONTHS.join('|')})\\.?\\s+)?(?:\\d{1,2},\\s+)?(\\d{4})\\s*[–—-]\\s*(?:(?:${MONTHS.join('|')})\\.?\\s+)?(?:\\d{1,2},\\s+)?(\\d{4})`,
  'i',
);

const DATE_AFTER = new Map(
  ['from', 'until', 'to', 'after'].map((keyword) => [
    keyword,
    new RegExp(`\\b${keyword}\\s+(?:(${MONTHS.join('|')})\\.?\\s+)?(?:\\d{1,2},\\s+)?(\\d{4})`, 'i'),
  ]),
);

/** "April 1959" → "1959-04", "1959" → "1959"; the first such date after a keyword. */
function dateAfter(keyword: 'from' | 'until' | 'to' | 'after', clause: string): string | null {
  const match = DATE_AFTER.get(keyword)!.exec(clause);
  if (!match) return null;
  const month = match[1] ? MONTHS.indexOf(match[1].toLowerCase()) + 1 : 0;
  return month ? `${match[2]}-${String(month).padStart(2, '0')}` : match[2]!;
}

/** One office a person held, as a persons-list clause says: the words and the dates. */
interface Tenure {
  person: PersonEntry;
  words: string;
  /** The clause as printed, for the case-sensitive check of what follows the office. */
  printed: string;
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
      let words = clause.replace(/^[\s,]+/, '');
      // "thereafter Secretary of State", "also Secretary of …": the office follows the lead word.
      const lead = /^(?:thereafter|also|and|then|later)\b[\s,]*/i.exec(words);
      const thereafter = /\bthereafter\b/i.test(words);
      if (lead) words = words.slice(lead[0].length);
      const range = YEAR_RANGE.exec(words);
      const from =
        range?.[1] ??
        dateAfter('from', words) ??
        dateAfter('after', words) ??
        (thereafter ? previousEnd : null);
      const until = range?.[2] ?? dateAfter('until', words) ?? dateAfter('to', words);
      cached.push({ person, words: words.toLowerCase(), printed: words, from, until });
      previousEnd = until ?? previousEnd;
    }
  }
  tenuresOf.set(persons, cached);
  return cached;
}

/**
 * What may follow the office words for the clause to name that very office: "Secretary of State"
 * then a date, the end or a new capitalised entry, but not "Secretary of State for Foreign Affairs" (a British office).
 */
const OFFICE_END =
  /^(?:$|\s*[,;(.]|\s+(?:from|until|to|thereafter|and|since|in|during|after|before)\b|\s+[A-Z])/;

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
      (office) => tenure.words.startsWith(office) && OFFICE_END.test(tenure.printed.slice(office.length)),
    );
    if (!holds) continue;
    if (date && tenure.from && date.slice(0, tenure.from.length) < tenure.from) continue;
    if (date && tenure.until && date.slice(0, tenure.until.length) > tenure.until) continue;
    holders.add(tenure.person);
  }
  return holders.size === 1 ? [...holders][0]! : null;
}
