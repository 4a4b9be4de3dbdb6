/**
 * Names as written in a record → persons of the volume's persons list, and the same person
 * across volumes → one canonical person. FRUS lists write "Kissinger, Henry A."; the text writes
 * "Kissinger", "Dr. Kissinger", "Henry A. Kissinger", "HAK" or "K".
 */
import type { Person } from './schema.js';
import { foldName } from './offices.js';

/** Honorifics and ranks that precede a name and are not part of it. */
const HONORIFICS =
  /^(?:mr|mrs|ms|miss|dr|or|m|mme|herr|sir|lord|lady|amb|ambassador|gen|general|adm|admiral|col|colonel|maj|capt|senator|sen|governor|gov|secretary|sec|minister|chairman|president|premier|chancellor|counselor|professor|prof|judge|father|deputy|foreign|prime|under|vice|assistant|the|state|of|defense|soviet|british|french|german|romanian|yugoslav|polish|canadian|italian|dutch|belgian|federal)$/;

export interface NameKey {
  surname: string;
  /** Folded given names, in order ("henry", "a"). */
  given: string[];
}

/** Persons lists are resolved against thousands of times per volume: keys are computed once. */
const nameKeys = new Map<string, NameKey>();

/** "Kissinger, Henry A." → { surname: "kissinger", given: ["henry", "a"] }. */
export function personNameKey(name: string): NameKey {
  let key = nameKeys.get(name);
  if (!key) {
    key = computeNameKey(name);
    if (nameKeys.size > 100_000) nameKeys.clear();
    nameKeys.set(name, key);
  }
  return key;
}

function computeNameKey(name: string): NameKey {
  const cleaned = name
    .replace(/[“”"()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const [surnamePart, ...rest] = cleaned.split(',');
  const given = rest
    .join(' ')
    .split(/[\s.]+/)
    .map(foldName)
    .filter((word) => word !== '' && !/^(?:jr|sr|ii|iii|iv|sir|lord|admiral|general|dr|mr)$/.test(word));
  return { surname: foldName(surnamePart ?? ''), given };
}

/** Words of a label as written, minus honorifics: "Dr. Henry A. Kissinger" → ["henry", "a", "kissinger"]. */
export function nameWords(label: string): string[] {
  const words = label
    .replace(/[“”"()]/g, ' ')
    .split(/[\s,]+/)
    .map((word) => word.replace(/\.$/, ''))
    .filter(Boolean);
  while (words.length > 1 && HONORIFICS.test(words[0]!.toLowerCase())) words.shift();
  return words.map(foldName).filter(Boolean);
}

/**
 * Persons whose surname ends the label ("Gordon Walker", "de Gaulle" and "Walker" all match
 * "Gordon Walker, Patrick"); given names or initials in the label must agree with the entry.
 */
export function personsNamed(label: string, persons: readonly Person[]): Person[] {
  const words = nameWords(label);
  if (words.length === 0) return [];
  // British usage: "Sir Roger" is Sir Roger Makins, by his first name.
  if (/^(?:Sir|Lady|Dame)\s/.test(label.trim()) && words.length === 1)
    return persons.filter(
      (person) =>
        /\b(?:Sir|Lady|Dame)\b/.test(person.name + ' ' + (person.description ?? '')) &&
        personNameKey(person.name).given[0] === words[0],
    );
  const found: Person[] = [];
  // A label names a person only if it ends with the last word of their surname.
  for (const person of bySurnameEnd(persons).get(words.at(-1)!) ?? []) {
    const key = personNameKey(person.name);
    const surnameWords = key.surname.split(' ');
    const tail = words.slice(-surnameWords.length).join(' ');
    const lastWord = surnameWords.at(-1)!;
    const matchesSurname = tail === key.surname || words.at(-1) === lastWord;
    if (!matchesSurname) continue;
    const givenInLabel = words.slice(0, words.length - (tail === key.surname ? surnameWords.length : 1));
    if (givenInLabel.length > 0 && key.given.length > 0 && !givenCompatible(givenInLabel, key.given))
      continue;
    found.push(person);
  }
  return found;
}

/** Persons lists are searched for every name in a volume: index each list once by surname end. */
const surnameIndexes = new WeakMap<readonly Person[], Map<string, Person[]>>();

function bySurnameEnd(persons: readonly Person[]): Map<string, Person[]> {
  let index = surnameIndexes.get(persons);
  if (!index) {
    index = new Map();
    for (const person of persons) {
      const surname = personNameKey(person.name).surname;
      if (!surname) continue;
      const last = surname.split(' ').at(-1)!;
      const list = index.get(last) ?? [];
      list.push(person);
      index.set(last, list);
    }
    surnameIndexes.set(persons, index);
  }
  return index;
}

function givenCompatible(written: string[], listed: string[]): boolean {
  const first = written[0]!;
  const listedFirst = listed[0]!;
  return first[0] === listedFirst[0];
}

/** Initials of a listed name: "Kissinger, Henry A." → "hak". */
export function initialsOf(name: string): string {
  const key = personNameKey(name);
  return [
    ...key.given.map((word) => word[0] ?? ''),
    ...key.surname.split(' ').map((word) => word[0] ?? ''),
  ].join('');
}

/**
 * A blocking key for the same person across volumes: folded surname and first given initial.
 * `mergePersons` confirms each candidate pair on the given names before merging.
 */
export function canonicalPersonKey(person: Pick<Person, 'name'>): string {
  const key = personNameKey(person.name);
  return `${key.surname}|${key.given[0]?.[0] ?? ''}`;
}

export interface CanonicalPerson {
  /** Stable id from the key: `kissinger-h`. */
  id: string;
  /** The fullest spelling met. */
  name: string;
  /** Every other spelling, as listed. */
  aliases: string[];
  /** Collection-scoped person ids merged here. */
  memberIds: string[];
}

/** "Anatoli" and "Anatoliy", "Henry" and "H." are the same given name; "George" and "George S." too. */
function sameGiven(a: string[], b: string[]): boolean {
  const count = Math.min(a.length, b.length);
  for (let index = 0; index < count; index++) {
    const left = a[index]!;
    const right = b[index]!;
    if (left.length === 1 || right.length === 1) {
      if (left[0] !== right[0]) return false;
    } else if (!left.startsWith(right.slice(0, 4)) && !right.startsWith(left.slice(0, 4))) return false;
  }
  return true;
}

/** Merges persons lists of several collections into canonical persons with aliases. */
export function mergePersons(persons: readonly Person[]): {
  canonical: CanonicalPerson[];
  byPersonId: Map<string, string>;
} {
  const groups: { key: NameKey; members: Person[] }[] = [];
  const blocks = new Map<string, { key: NameKey; members: Person[] }[]>();
  for (const person of persons) {
    const block = canonicalPersonKey(person);
    const key = personNameKey(person.name);
    const candidates = blocks.get(block) ?? [];
    const group = candidates.find((candidate) => sameGiven(candidate.key.given, key.given));
    if (group) {
      group.members.push(person);
      if (key.given.join(' ').length > group.key.given.join(' ').length) group.key = key;
    } else {
      const created = { key, members: [person] };
      candidates.push(created);
      groups.push(created);
      blocks.set(block, candidates);
    }
  }
  const canonical: CanonicalPerson[] = [];
  const byPersonId = new Map<string, string>();
  const usedIds = new Set<string>();
  for (const group of groups) {
    const base = `${group.key.surname.replace(/\s+/g, '-')}-${group.key.given.map((word) => word[0]).join('')}`;
    let id = base;
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${base}-${suffix}`;
    usedIds.add(id);
    const names = [...new Set(group.members.map((member) => member.name))].sort(
      (a, b) => b.length - a.length,
    );
    canonical.push({
      id,
      name: names[0]!,
      aliases: names.slice(1),
      memberIds: group.members.map((member) => member.id),
    });
    for (const member of group.members) byPersonId.set(member.id, id);
  }
  return { canonical, byPersonId };
}
