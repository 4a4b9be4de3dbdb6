/**
 * Who took part in a FRUS document: the people of a memcon's participants list, the parties
 * named in a telcon's head, the sender and addressees of a cable, memo or letter (head
 * `persName`/`gloss` with type from/to, and the signer in `closer`/`signed`). Group labels
 * ("U.S.", "Soviet Union") are not people; titles ("The Secretary") are resolved to the
 * office holder of the day through the persons list where it can be done unambiguously.
 */
import { resolveOffice, type PersonEntry } from '../../extract/offices.js';
import { invertName, isGroupLabel, stripHonorifics, surnameKey } from '../../extract/participants.js';
import type { DocumentType, Participant } from '../../records/schema.js';
import { descendants, isNote, rawText, textOf, type XmlElement, type XmlNode } from './xml-tree.js';

export interface PersonIndex {
  byId: Map<string, PersonEntry>;
  entries: PersonEntry[];
  /** Surname key → entries with that surname. */
  bySurname: Map<string, PersonEntry[]>;
}

export function indexPersons(entries: PersonEntry[]): PersonIndex {
  const bySurname = new Map<string, PersonEntry[]>();
  for (const entry of entries) {
    const key = surnameKey(entry.name);
    const list = bySurname.get(key);
    if (list) list.push(entry);
    else bySurname.set(key, [entry]);
  }
  return { byId: new Map(entries.map((entry) => [entry.localId, entry])), entries, bySurname };
}

interface Context {
  persons: PersonIndex;
  date: string | null;
}

type Role = Participant['role'];

function fromEntry(entry: PersonEntry, role: Role, label: string, description: string | null): Participant {
  return { name: entry.name, personId: entry.localId, role, description, label };
}

/** A tagged name: the persons-list entry when the id is known, else the printed name inverted. */
function fromPersName(
  persName: XmlElement,
  role: Role,
  description: string | null,
  context: Context,
): Participant | null {
  const label = textOf(persName);
  const id = persName.attrs['corresp']?.trim().split(/\s+/)[0]?.replace(/^#/, '');
  const entry = id ? context.persons.byId.get(id) : undefined;
  if (entry) return fromEntry(entry, role, label, description);
  // Tagged as a person, so never a group label, even as one bare word ("Johnson").
  return (
    fromLabel(label, role, description, context) ?? {
      name: invertName(label),
      personId: null,
      role,
      description,
      label,
    }
  );
}

/** An untagged name or title: office holder, unique surname in the persons list, or the name as printed. */
function fromLabel(
  printed: string,
  role: Role,
  description: string | null,
  context: Context,
): Participant | null {
  const label = printed
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!label) return null;
  const office = resolveOffice(label, context.date, context.persons.entries);
  if (office) return fromEntry(office, role, printed, description);
  if (/\[|not declassified/.test(label) || isGroupLabel(label)) return null;
  const name = invertName(label);
  const stripped = stripHonorifics(label);
  // A bare surname ("Dillon") or a titled one ("Secretary of State Rusk") is matched to the
  // persons list only when exactly one entry has that surname.
  if (!stripped.includes(' ') || stripped !== label) {
    const matches = context.persons.bySurname.get(surnameKey(name)) ?? [];
    if (matches.length === 1) return fromEntry(matches[0]!, role, printed, description);
  }
  return { name, personId: null, role, description, label: printed };
}

/** The leading name of a list item and what follows its first comma. */
function splitItem(item: XmlElement): {
  nameNodes: XmlElement[];
  nameText: string;
  description: string | null;
} {
  const nameNodes: XmlElement[] = [];
  let text = '';
  let inName = true;
  const visit = (node: XmlNode): void => {
    if (typeof node === 'string') {
      if (inName) {
        const comma = node.search(/[,;(]/);
        if (comma >= 0) {
          text += node.slice(0, comma);
          inName = false;
          return;
        }
      }
      if (inName) text += node;
      return;
    }
    if (node.name === 'note') return;
    if (inName && node.name === 'persName') {
      nameNodes.push(node);
      text += rawText(node);
      return;
    }
    for (const child of node.children) if (inName) visit(child);
  };
  for (const child of item.children) visit(child);
  const whole = textOf(item);
  const nameText = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[A-Z/]{1,6}\s*[—–-]\s*/, '');
  const rest = whole
    .slice(Math.min(whole.length, text.replace(/\s+/g, ' ').trim().length))
    .replace(/^[\s,;]+/, '');
  return { nameNodes, nameText, description: rest || null };
}

/** "Mr. Kissinger, Mr. Mitchell, and General Cushman" or "Mr. John Hart was present for Item 1". */
const PROSE_VERB = /\s+(?:was|were)\s+/;
const ABSENT = /\b(?:absent|out of|not present|unable|did not attend)\b/i;
const NAME_SEPARATOR = /\s*,\s*(?:and\s+)?|\s+and\s+/;
const TITLED =
  /^(?:Mr|Mrs|Ms|Miss|Dr|M|Sir|General|Gen|Admiral|Adm|Ambassador|Secretary|Senator|Colonel|Col|Governor|Judge)\.?\s/;

function proseNames(item: XmlElement): string[] | null {
  const text = textOf(item);
  const verb = PROSE_VERB.exec(text);
  if (verb) return ABSENT.test(text) ? [] : text.slice(0, verb.index).split(NAME_SEPARATOR);
  const parts = text.split(NAME_SEPARATOR).filter(Boolean);
  if (parts.length >= 2 && parts.every((part) => TITLED.test(part) && part.split(' ').length <= 4))
    return parts;
  return null;
}

function namesInProse(item: XmlElement, names: string[], context: Context): Participant[] {
  const tagged = descendants(item, 'persName', isNote);
  const found: Participant[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name || name.includes('[')) continue;
    const persName = tagged.find((candidate) => name.includes(textOf(candidate)));
    const participant = persName
      ? fromPersName(persName, 'participant', null, context)
      : fromLabel(name, 'participant', null, context);
    if (participant) found.push(participant);
  }
  return found;
}

function listParticipants(list: XmlElement, context: Context): Participant[] {
  const found: Participant[] = [];
  for (const item of descendants(list, 'item')) {
    const prose = proseNames(item);
    if (prose) {
      found.push(...namesInProse(item, prose, context));
      continue;
    }
    const { nameNodes, nameText, description } = splitItem(item);
    if (nameNodes.length > 0) {
      for (const persName of nameNodes) {
        const participant = fromPersName(persName, 'participant', description, context);
        if (participant) found.push(participant);
      }
      continue;
    }
    // "Mr. Weeks and Mr. Mueller" on one line.
    for (const part of nameText.split(/\s+and\s+(?=(?:Mr|Mrs|Ms|Dr|M|Sir|General|Ambassador)\b)/)) {
      const participant = fromLabel(part, 'participant', description, context);
      if (participant) found.push(participant);
    }
  }
  return found;
}

/** "Between the Secretary of State and the British Ambassador (Makins)" → the two sides. */
function betweenParties(head: XmlElement, context: Context, role: Role): Participant[] {
  const title = textOf(head);
  const match = /\bBetween\s+(.+?)(?:,\s+(?=[A-Z][a-z]+(?:\s|,|$))|$)/.exec(title);
  if (!match) return [];
  const found: Participant[] = [];
  const tagged = descendants(head, 'persName', isNote).map((persName) => textOf(persName));
  for (const side of match[1]!.split(/\s+and\s+(?=[A-Z]|the\b|his\b|her\b)/)) {
    // A side whose name is tagged is read from its persName.
    if (tagged.some((name) => name && side.includes(name))) continue;
    const parenthesised = /\(([^)]+)\)/.exec(side);
    if (parenthesised) {
      const participant = fromLabel(parenthesised[1]!, role, null, context);
      if (participant) found.push(participant);
      continue;
    }
    const participant = fromLabel(side.replace(/^the\s+/i, 'The '), role, null, context);
    if (participant) found.push(participant);
  }
  return found;
}

function headPersons(head: XmlElement, context: Context, defaultRole: Role): Participant[] {
  const found: Participant[] = [];
  const headText = textOf(head);
  const toAt = headText.search(/\s(?:to|for)\s/);
  for (const persName of descendants(head, 'persName', isNote)) {
    const type = persName.attrs['type'];
    let role: Role = defaultRole;
    if (type === 'from') role = 'sender';
    else if (type === 'to') role = 'addressee';
    else if (defaultRole === 'sender' && toAt >= 0) {
      role = headText.indexOf(textOf(persName)) > toAt ? 'addressee' : 'sender';
    }
    const participant = fromPersName(persName, role, null, context);
    if (participant) found.push(participant);
  }
  // Offices named as sender or addressee ("the Secretary of State", "the President").
  for (const gloss of descendants(head, 'gloss', isNote)) {
    const type = gloss.attrs['type'];
    if (type !== 'from' && type !== 'to') continue;
    const office = resolveOffice(textOf(gloss), context.date, context.persons.entries);
    if (office) found.push(fromEntry(office, type === 'from' ? 'sender' : 'addressee', textOf(gloss), null));
  }
  return found;
}

function signers(signedElements: readonly XmlElement[], context: Context): Participant[] {
  const found: Participant[] = [];
  for (const signed of signedElements) {
    const names = descendants(signed, 'persName', isNote);
    if (names.length > 0) {
      for (const persName of names) {
        const participant = fromPersName(persName, 'sender', null, context);
        if (participant) found.push(participant);
      }
    } else {
      const participant = signature(textOf(signed), context);
      if (participant) found.push(participant);
    }
  }
  return found;
}

/**
 * A typed signature: "Harvey", "Dean Rusk", "KISSINGER". Initials ("JFD") and bracketed
 * notes ("[illegible]") name nobody we can use.
 */
function signature(printed: string, context: Context): Participant | null {
  const text = printed.replace(/^[\s[]+|[\s\].]+$/g, '');
  if (!text || text.length > 60 || /not declassified|illegible|\[/i.test(text)) return null;
  if (/^[A-Z]{1,4}$/.test(text.replace(/[\s.]/g, ''))) return null;
  const words = text.split(/\s+/);
  if (words.length === 1) {
    const surname = words[0]!.charAt(0) + words[0]!.slice(1).toLowerCase();
    const matches = context.persons.bySurname.get(surnameKey(surname)) ?? [];
    if (matches.length === 1) return fromEntry(matches[0]!, 'sender', text, null);
    return { name: surname, personId: null, role: 'sender', description: null, label: text };
  }
  return fromLabel(text, 'sender', null, context);
}

const MARKING_WORDS =
  /^(?:SECRET|CONFIDENTIAL|UNCLASSIFIED|NODIS|EXDIS|LIMDIS|SENSITIVE|END|NOTE|TELEGRAM|DRAFT|FYI)$/;

/** The last line of a reproduced telegram often is the signer's name alone: "KISSINGER". */
export function telegramSigner(
  lines: readonly string[],
  context: { persons: PersonIndex; date: string | null },
): Participant | null {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 5); i--) {
    const line = lines[i]!.trim();
    if (/^[A-Z][A-Z'-]{2,}$/.test(line) && !MARKING_WORDS.test(line)) return signature(line, context);
  }
  return null;
}

function dedupe(participants: Participant[]): Participant[] {
  const seen = new Set<string>();
  const unique: Participant[] = [];
  for (const participant of participants) {
    const surname = `~${surnameKey(participant.name)}`;
    if ((participant.personId && seen.has(participant.personId)) || seen.has(surname)) continue;
    if (participant.personId) seen.add(participant.personId);
    seen.add(surname);
    unique.push(participant);
  }
  return unique;
}

/** What a document offers to read its participants from, gathered by the caller in one walk. */
export interface ParticipantSources {
  head: XmlElement | undefined;
  /** `list` elements outside notes; those of type "participants" are used. */
  lists: readonly XmlElement[];
  /** `signed` elements outside notes. */
  signed: readonly XmlElement[];
  /** The document's paragraphs in order, for signatures printed as a last line. */
  bodyLines: readonly string[];
}

export function participantsOf(
  sources: ParticipantSources,
  type: DocumentType,
  persons: PersonIndex,
  date: string | null,
): Participant[] {
  if (type === 'editorial-note' || type === 'report') return [];
  const { head, bodyLines } = sources;
  const context: Context = { persons, date };
  const lists = sources.lists.filter((list) => list.attrs['type'] === 'participants');
  if (lists.length > 0) return dedupe(lists.flatMap((list) => listParticipants(list, context)));
  const found: Participant[] = [];
  if (head) {
    if (type === 'memcon' || type === 'telcon' || type === 'minutes') {
      const role: Role = type === 'telcon' ? 'party' : 'participant';
      found.push(...betweenParties(head, context, role), ...headPersons(head, context, role));
    } else {
      found.push(...headPersons(head, context, 'sender'));
    }
  }
  if (type !== 'memcon' && type !== 'telcon' && type !== 'minutes') {
    const signed = signers(sources.signed, context);
    if (signed.length === 0 && type === 'cable') {
      const signer = telegramSigner(bodyLines, context);
      if (signer) signed.push(signer);
    }
    found.push(...signed);
  }
  return dedupe(found);
}
