/**
 * Small Documents for store tests, checked by the records schema. The text is copied from the
 * shared FRUS volumes (U.S. government records, public domain).
 */
import { Collection, Document, Person, type SpeakerSpan } from '../../src/records/schema.js';

export const collection = Collection.parse({
  id: 'frus1964-68v14',
  title: 'Foreign Relations of the United States, 1964–1968, Volume XIV, Soviet Union',
  series: 'Foreign Relations of the United States',
  subseries: '1964–1968',
  volumeNumber: 'XIV',
  volumeTitle: 'Soviet Union',
  editors: ['David C. Humphrey'],
  publishedYear: '2001',
  publisher: 'United States Government Printing Office',
  format: 'frus-tei',
  sourcePath: '/fixtures/frus1964-68v14.xml',
});

export const persons = [
  ['p_GAA1', 'Gromyko, Andrei A.', 'Soviet Foreign Minister'],
  ['p_RD1', 'Rusk, Dean', 'Secretary of State'],
  ['p_DAF1', 'Dobrynin, Anatoliy F.', 'Soviet Ambassador to the United States'],
  ['p_TLE1', 'Thompson, Llewellyn E.', 'Ambassador to the Soviet Union'],
].map(([localId, name, description]) =>
  Person.parse({
    id: `frus1964-68v14/${localId}`,
    collectionId: 'frus1964-68v14',
    localId,
    name,
    description,
  }),
);

function span(
  text: string,
  personId: string | null,
  personName: string | null,
  label: string | null,
): SpeakerSpan {
  return { start: 0, end: text.length, label, personId, personName };
}

interface FixtureOptions {
  number: string;
  title: string;
  type: Document['type'];
  date: string | null;
  level: Document['classification']['level'];
  caveats?: string[];
  paragraphs: { text: string; speaker?: [string, string, string] }[];
  participants?: [string | null, string][];
  mentions?: string[];
  redactions?: number;
  hash?: string;
  sourcePath?: string;
}

export function frusDocument(options: FixtureOptions): Document {
  const passages = [
    { ordinal: 1, kind: 'heading', text: options.title, page: '1' },
    ...options.paragraphs.map((paragraph, index) => ({
      ordinal: index + 2,
      kind: paragraph.speaker ? 'turn' : 'paragraph',
      text: paragraph.text,
      page: '1',
      speakers: paragraph.speaker
        ? [span(paragraph.text, paragraph.speaker[0], paragraph.speaker[1], paragraph.speaker[2])]
        : [],
    })),
  ];
  return Document.parse({
    id: `frus1964-68v14/d${options.number}`,
    collectionId: 'frus1964-68v14',
    number: options.number,
    title: options.title,
    type: options.type,
    date: options.date ? { start: options.date, end: options.date, precision: 'day' } : null,
    datePrinted: options.date,
    time: null,
    place: 'Washington',
    subject: null,
    classification: { level: options.level, caveats: options.caveats ?? [], printed: options.level },
    declassification: null,
    sourceNote: null,
    participants: (options.participants ?? []).map(([personId, name]) => ({
      name,
      personId,
      role: 'participant',
      description: null,
      label: name,
    })),
    passages,
    redactions: Array.from({ length: options.redactions ?? 0 }, (_, index) => ({
      ordinal: 2,
      start: index,
      end: index + 1,
      marker: '[1 line not declassified]',
      unit: 'line',
      amount: 1,
      exemptions: [],
    })),
    mentions: (options.mentions ?? []).map((personId) => ({
      ordinal: 2,
      start: 0,
      end: 1,
      personId,
      text: 'x',
    })),
    links: [],
    pageBreaks: [],
    sourcePath: options.sourcePath ?? '/fixtures/frus1964-68v14.xml',
    contentHash: options.hash ?? `hash-${options.number}`,
  });
}

export const gromykoMemcon = frusDocument({
  number: '12',
  title: 'Memorandum of Conversation: Secretary Rusk and Foreign Minister Gromyko on Berlin',
  type: 'memcon',
  date: '1964-04-15',
  level: 'SECRET',
  caveats: ['EXDIS'],
  paragraphs: [
    {
      text: 'The Foreign Minister said that the Soviet Government considered the question of West Berlin access a matter for the German Democratic Republic.',
      speaker: ['p_GAA1', 'Gromyko, Andrei A.', 'Gromyko'],
    },
    {
      text: 'The Secretary replied that the United States would not accept any interference with allied access to Berlin.',
      speaker: ['p_RD1', 'Rusk, Dean', 'The Secretary'],
    },
    {
      text: 'The Foreign Minister then raised the pending Civil Air Agreement, which he called one of the minor matters.',
      speaker: ['p_GAA1', 'Gromyko, Andrei A.', 'Gromyko'],
    },
  ],
  participants: [
    ['p_RD1', 'Rusk, Dean'],
    ['p_GAA1', 'Gromyko, Andrei A.'],
  ],
  mentions: ['p_GAA1', 'p_GAA1', 'p_RD1'],
  redactions: 2,
});

export const thompsonCable = frusDocument({
  number: '40',
  title: 'Telegram From the Embassy in the Soviet Union to the Department of State',
  type: 'cable',
  date: '1966-11-02',
  level: 'CONFIDENTIAL',
  caveats: ['NODIS'],
  paragraphs: [
    {
      text: 'In Moscow a skeptical Thompson met with Gromyko to discuss the strategic arms question and the Civil Air Agreement.',
    },
    { text: 'Gromyko said the Soviet side saw no reason for haste on Berlin.' },
  ],
  mentions: ['p_TLE1', 'p_GAA1'],
});

export const dobryninMemo = frusDocument({
  number: '77',
  title: 'Memorandum From Secretary of State Rusk to President Johnson',
  type: 'memo',
  date: '1967-06-20',
  level: 'TOP SECRET',
  paragraphs: [
    {
      text: 'Ambassador Dobrynin called on me today to convey the views of his government on strategic arms limitation.',
    },
    { text: 'I told him we were prepared to begin talks on offensive and defensive missiles without delay.' },
  ],
  participants: [[null, 'Dobrynin, Anatoliy F.']],
  mentions: ['p_DAF1'],
});

export const editorialNote = frusDocument({
  number: '1',
  title: 'Editorial Note',
  type: 'editorial-note',
  date: null,
  level: null,
  paragraphs: [
    { text: 'Documentation on the Soviet Union in this volume begins with the transition of 1964.' },
  ],
});

export const allFixtures = [gromykoMemcon, thompsonCable, dobryninMemo, editorialNote];
