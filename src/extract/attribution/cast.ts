/**
 * The people a document's sentences can be attributed to, and how the document writes them:
 * names ("Gromyko", "Dr. Kissinger", "Henry A. Kissinger"), titles ("the Secretary", "The
 * President", "the Ambassador"), telcon abbreviations ("K", "P", "D", "HAK") and "I" (the
 * memorandum's author). Titles resolve first among the document's participants, then through
 * the office-holder table by the document's date.
 */
import type { Document, Person } from '../../records/schema.js';
import { holderOn, nameParts, officeForTitle, sameName } from '../../records/offices.js';
import { initialsOf, nameWords, personNameKey, personsNamed } from '../../records/person-resolution.js';

export interface Speaker {
  /** Local person id (`p_KHA1`), null when the person is not in the persons list. */
  personId: string | null;
  /** The persons list's name, or the name as written when unlisted. */
  personName: string;
}

interface CastMember {
  speaker: Speaker;
  person: Person | null;
  /** What the record says of the person here: label, description, persons-list description. */
  roleText: string;
}

/** Titles that stand for a person, longest first, as they are written after "the". */
export const TITLE_WORDS = [
  'Vice President',
  'President',
  'Secretary of State',
  'Secretary of Defense',
  'Secretary of the Treasury',
  'Secretary of Commerce',
  'Under Secretary',
  'Assistant Secretary',
  'Secretary General',
  'Secretary',
  'Foreign Secretary',
  'Foreign Minister',
  'Prime Minister',
  'Defense Minister',
  'Defence Minister',
  'Minister',
  'Chancellor',
  'Chairman',
  'Premier',
  'General Secretary',
  'First Secretary',
  'Ambassador',
  'Attorney General',
  'Governor',
  'Senator',
  'Counselor',
  'Deputy Secretary',
  'Director',
  'P',
];

const US =
  /\b(?:U\.\s?S\.|United States|American|Department of State|State Department|White House|NSC|Embassy in)\b/;

export class DocumentCast {
  readonly date: string | null;
  private members: CastMember[] = [];
  private readonly mentioned: Set<string>;
  private readonly byLocalId: Map<string, Person>;
  private authorCache: Speaker | null | undefined;
  /**
   * The same labels come back sentence after sentence ("he", "the Secretary", "Gromyko"), and
   * what a label resolves to depends only on the document and the persons list: each is
   * resolved once. Callers only read the speakers returned, so they can be shared.
   */
  private readonly resolved = new Map<string, Speaker | null>();
  private readonly resolvedTitles = new Map<string, Speaker | null>();

  constructor(
    private readonly doc: Document,
    private readonly persons: readonly Person[],
  ) {
    this.date = doc.date?.start.slice(0, 10) ?? null;
    this.byLocalId = new Map(persons.map((person) => [person.localId, person]));
    this.mentioned = new Set(doc.mentions.map((mention) => mention.personId));
    this.members = doc.participants.map((participant) => {
      const listed = participant.personId ? this.byLocalId.get(participant.personId) : undefined;
      const person =
        listed ?? this.pickPerson(personsNamed(participant.label, persons), participant.label) ?? null;
      const speaker = person
        ? this.speakerOf(person)
        : { personId: null, personName: participant.name || participant.label };
      const roleText = [participant.label, participant.description, person?.description]
        .filter(Boolean)
        .join('; ');
      return { speaker, person, roleText };
    });
  }

  speakerOf(person: Person): Speaker {
    return { personId: person.localId, personName: person.name };
  }

  byId(localId: string): Speaker | null {
    const person = this.byLocalId.get(localId);
    return person ? this.speakerOf(person) : null;
  }

  participants(): Speaker[] {
    return this.members.map((member) => member.speaker);
  }

  /**
   * A label as written → the person, or null when the words do not name a person. Names are
   * looked up in the persons list (participants and people the document mentions first);
   * titles through participants and the office-holder table.
   */
  resolve(label: string): Speaker | null {
    return remembered(this.resolved, label, (key) => this.resolveLabel(key));
  }

  private resolveLabel(label: string): Speaker | null {
    const written = label.replace(/[:,]+$/, '').trim();
    if (written === '') return null;
    if (/^(?:I|me|my|we|us)$/i.test(written)) return this.author();
    if (/^[A-Z]{1,3}\.?$/.test(written) && !/^(?:I|A)$/.test(written)) return this.abbreviation(written);
    const title = titleOnly(written);
    if (title) return this.resolveTitle(title);
    const named = this.pickPerson(personsNamed(written, this.persons), written);
    if (named) return this.speakerOf(named);
    const member = this.members.find((candidate) =>
      sameName(candidate.speaker.personName, surnameLabel(written)),
    );
    if (member) return member.speaker;
    // A title with a name the persons list lacks ("Mr. Nowlan"): a person, unlisted.
    const words = nameWords(written);
    if (words.length === 0 || words.length > 3) return null;
    const surname = written
      .split(/\s+/)
      .at(-1)!
      .replace(/[^\p{L}'’-]/gu, '');
    if (!/^\p{Lu}/u.test(surname)) return null;
    const embedded =
      /^(?:(?:the|The)\s+)?((?:[A-Z][a-z]+\s+)*?)([A-Z][a-z]+(?: [A-Z][a-z]+)*)\s+([A-Z]\w+)$/.exec(written);
    if (embedded && officeForTitle(embedded[2]!))
      return this.resolveTitle(embedded[2]!) ?? { personId: null, personName: surname };
    return { personId: null, personName: surname };
  }

  /** Among persons of the same name, prefer participants, then persons the document mentions, then office holders. */
  private pickPerson(candidates: Person[], label: string): Person | null {
    if (candidates.length <= 1) return candidates[0] ?? null;
    const participantIds = new Set(this.members.map((member) => member.speaker.personId));
    const inDocument = candidates.filter((person) => participantIds.has(person.localId));
    if (inDocument.length === 1) return inDocument[0]!;
    const mentioned = candidates.filter((person) => this.mentioned.has(person.localId));
    const titleWord = TITLE_WORDS.find((title) => new RegExp(`\\b${title}\\b`).test(label));
    if (titleWord && this.date) {
      const holder = holderOn(titleWord, this.date);
      const holding = holder && candidates.find((person) => sameName(person.name, holder.person));
      if (holding) return holding;
    }
    if (mentioned.length >= 1) return mentioned[0]!;
    return candidates[0]!;
  }

  /** "K", "P", "D", "HAK": a participant's (or a mentioned person's) initial; "P" is the President. */
  abbreviation(letters: string): Speaker | null {
    const key = letters.replace(/\./g, '').toLowerCase();
    if (key === 'p') {
      const president = this.resolveTitle('President');
      if (president) return president;
    }
    const pool: Person[] = [
      ...this.members.flatMap((member) => (member.person ? [member.person] : [])),
      ...this.persons.filter((person) => this.mentioned.has(person.localId)),
      ...this.namedInText(),
    ];
    for (const person of pool) {
      const surnameInitial = personNameKey(person.name).surname[0];
      if (key.length === 1 ? surnameInitial === key : initialsMatch(person.name, key))
        return this.speakerOf(person);
    }
    // Records outside FRUS have no persons list: "K" is then the participant named Kissinger.
    for (const member of this.members) {
      const name = member.speaker.personName;
      if (member.person || !name) continue;
      if (key.length === 1 ? nameParts(name).surname[0] === key : initialsMatch(name, key))
        return member.speaker;
    }
    return null;
  }

  private namedCache: Person[] | null = null;

  /** Persons of the list whose surname the document's text spells out, most often named first. */
  private namedInText(): Person[] {
    if (this.namedCache) return this.namedCache;
    const text = [this.doc.title, ...this.doc.passages.map((passage) => passage.text)].join('\n');
    const counted = this.persons
      .map((person) => {
        const surname = person.name.split(',')[0]!.trim();
        const count =
          surname.length > 2 ? (text.match(new RegExp(`\\b${escape(surname)}\\b`, 'g')) ?? []).length : 0;
        return { person, count };
      })
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count);
    this.namedCache = counted.map((entry) => entry.person);
    return this.namedCache;
  }

  /** "the President", "The Secretary", "the Ambassador", "the Foreign Minister" on the document's date. */
  resolveTitle(title: string): Speaker | null {
    return remembered(this.resolvedTitles, title, (key) => this.resolveTitleUncached(key));
  }

  private resolveTitleUncached(title: string): Speaker | null {
    const bare = title.replace(/^(?:the|The)\s+/, '').trim();
    const isBare = /^(?:President|Secretary|Ambassador|Minister|Chairman)$/.test(bare);
    const office = officeForTitle(bare);
    const holder = office && this.date ? holderOn(bare, this.date) : null;
    const holderMember =
      holder && this.members.find((member) => sameName(member.speaker.personName, holder.person));
    if (holderMember && (bare !== 'Ambassador' || this.members.length === 0)) return holderMember.speaker;
    // "The President" in a U.S. record is the U.S. President unless a foreign president takes part.
    const titled = this.members.filter(
      (member) =>
        holdsTitle(member.roleText, bare, isBare) &&
        (bare !== 'President' ||
          !holder ||
          /\bPresident of (?!the United States)\p{Lu}/u.test(member.roleText)),
    );
    if (titled.length > 1 && bare === 'Ambassador') {
      const foreign = titled.filter((member) => !US.test(member.roleText));
      if (foreign.length >= 1) return foreign[0]!.speaker;
    }
    if (titled.length >= 1) return titled[0]!.speaker;
    if (holder) {
      const listed = this.persons.find((person) => sameName(person.name, holder.person));
      return listed ? this.speakerOf(listed) : { personId: null, personName: holder.person };
    }
    if (bare === 'Ambassador' && this.date) {
      const soviet = holderOn('Ambassador', this.date, 'Soviet Union');
      const listed =
        soviet &&
        this.persons.find(
          (person) => sameName(person.name, soviet.person) && this.mentioned.has(person.localId),
        );
      if (listed) return this.speakerOf(listed);
    }
    return null;
  }

  /**
   * The "I" of a memorandum: the signer printed at its end (name or initials), else the
   * participant the text never names in the third person (the note-taker speaks of himself as "I").
   */
  author(): Speaker | null {
    if (this.authorCache !== undefined) return this.authorCache;
    this.authorCache = this.findAuthor();
    return this.authorCache;
  }

  private findAuthor(): Speaker | null {
    const closers = this.doc.passages.filter(
      (passage) => passage.kind === 'closer' || (passage.kind === 'paragraph' && passage.text.length < 40),
    );
    for (const closer of closers.reverse()) {
      const text = closer.text.replace(/\[|\]|initialed|signed/gi, ' ').trim();
      if (text === '') continue;
      const letters = text.replace(/[.\s]/g, '');
      if (/^[A-Z]{2,4}$/.test(letters)) {
        const key = letters.toLowerCase();
        const match =
          this.members.find((member) => member.person && initialsMatch(member.person.name, key))?.person ??
          byInitials(this.persons).get(key);
        if (match) return this.speakerOf(match);
        continue;
      }
      if (closer.kind === 'closer') {
        const named = this.pickPerson(personsNamed(text, this.persons), text);
        if (named) return this.speakerOf(named);
      }
    }
    const body = this.doc.passages
      .filter((passage) => passage.kind === 'paragraph' || passage.kind === 'turn')
      .map((passage) => passage.text)
      .join('\n');
    const candidates = this.members.filter((member) => member.speaker.personName);
    let best: { member: CastMember; count: number } | null = null;
    for (const member of candidates) {
      const surname = personNameKey(member.speaker.personName).surname.split(' ').at(-1) ?? '';
      if (!surname) continue;
      const count = (body.match(new RegExp(`\\b${escape(surname)}\\b`, 'gi')) ?? []).length;
      if (!best || count < best.count || (count === best.count && US.test(member.roleText)))
        best = { member, count };
    }
    return best ? best.member.speaker : null;
  }
}

/** The answer for `key`, computed on its first request only. */
function remembered<T>(answers: Map<string, T>, key: string, compute: (key: string) => T): T {
  if (answers.has(key)) return answers.get(key)!;
  const answer = compute(key);
  answers.set(key, answer);
  return answer;
}

/** "JFD" is John Foster Dulles; "MT" is Malcolm ("Mac") Toon: all initials, or first and surname. */
function initialsMatch(name: string, letters: string): boolean {
  return initialsKeys(name).includes(letters);
}

/** The two spellings of a name's initials `initialsMatch` accepts: all of them, and first and surname. */
function initialsKeys(name: string): [string, string] {
  const key = personNameKey(name);
  return [initialsOf(name), `${key.given[0]?.[0] ?? ''}${key.surname[0] ?? ''}`];
}

/** A persons list by initials: the first person (in list order) `initialsMatch` accepts for them. */
const initialsIndexes = new WeakMap<readonly Person[], Map<string, Person>>();

/** Signers' initials are looked up in the whole persons list, once per memorandum: index it once. */
function byInitials(persons: readonly Person[]): Map<string, Person> {
  let index = initialsIndexes.get(persons);
  if (!index) {
    index = new Map();
    for (const person of persons)
      for (const key of initialsKeys(person.name)) if (!index.has(key)) index.set(key, person);
    initialsIndexes.set(persons, index);
  }
  return index;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function surnameLabel(label: string): string {
  return nameWords(label).join(' ');
}

/** "The President", "the Soviet Ambassador", "President" → the title; null when a name follows. */
export function titleOnly(label: string): string | null {
  const stripped = label
    .replace(/^(?:the|The|Mr\.?|Madam)\s+/, '')
    .replace(/^(?:Soviet|British|French|German|U\.S\.|American|Romanian|Yugoslav|Canadian|Polish)\s+/, '')
    .trim();
  if (stripped === 'P') return 'President';
  return TITLE_WORDS.find((title) => title === stripped) ?? null;
}

function holdsTitle(roleText: string, title: string, isBare: boolean): boolean {
  const pattern = new RegExp(`\\b${escape(title)}\\b`, 'i');
  if (!pattern.test(roleText)) return false;
  if (!isBare) return true;
  // A bare "President" is not "Vice President" or "Assistant to the President".
  const qualified = new RegExp(
    `(?:Vice|Under|Assistant|Deputy|Executive|Permanent|to the|of the|First|Second|Third|Press|Private|Special)[\\s-]+${escape(title)}`,
    'gi',
  );
  return pattern.test(roleText.replace(qualified, '').replace(new RegExp(`${escape(title)}['’]s`, 'g'), ''));
}
