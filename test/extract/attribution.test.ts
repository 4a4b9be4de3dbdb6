/**
 * Speaker attribution on passages pasted from the shared FRUS volumes (no reader needed):
 * telcon abbreviations, nested reports, quotations inside reported speech, turns, narration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeDocument } from '../../src/extract/attribution/index.js';
import type { Document, Participant, Person } from '../../src/records/schema.js';

const VOLUME = 'frus1969-76v12';
const persons: Person[] = [
  ['p_NRM1', 'Nixon, Richard M.', 'President of the United States'],
  ['p_KHA1', 'Kissinger, Henry A.', "President's Assistant for National Security Affairs"],
  ['p_DAF1', 'Dobrynin, Anatoliy F.', 'Soviet Ambassador to the United States'],
  ['p_GAA1', 'Gromyko, Andrei A.', 'Soviet Foreign Minister'],
  ['p_RWP1', 'Rogers, William P.', 'Secretary of State'],
].map(([localId, name, description]) => ({
  id: `${VOLUME}/${localId}`,
  collectionId: VOLUME,
  localId: localId!,
  name: name!,
  description: description!,
  canonicalId: null,
}));

function party(name: string, personId: string | null, label: string): Participant {
  return { name, personId, role: 'party', description: null, label };
}

function conversation(
  type: Document['type'],
  date: string,
  participants: Participant[],
  paragraphs: string[],
): Document {
  return {
    id: `${VOLUME}/d0`,
    collectionId: VOLUME,
    number: '0',
    title: 'Memorandum of Conversation',
    type,
    date: { start: date, end: date, precision: 'day' },
    datePrinted: null,
    time: null,
    place: null,
    subject: null,
    classification: { level: null, caveats: [], printed: null },
    declassification: null,
    sourceNote: null,
    participants,
    passages: paragraphs.map((text, index) => ({
      ordinal: index + 1,
      kind: 'paragraph',
      text,
      noteNumber: null,
      anchor: null,
      page: null,
      speakers: [],
    })),
    redactions: [],
    mentions: [],
    links: [],
    pageBreaks: [],
    sourcePath: 'fixture',
    contentHash: 'fixture',
    published: true,
  };
}

/** Sentence → the local id of its speaker (null for narration). */
function speakers(doc: Document): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const passage of doc.passages)
    for (const span of passage.speakers) out.set(passage.text.slice(span.start, span.end), span.personId);
  return out;
}

const telconParties = [
  party('Nixon, Richard M.', 'p_NRM1', 'President Nixon'),
  party('Kissinger, Henry A.', 'p_KHA1', 'Kissinger'),
];

test('a narrated telcon: K, P and D are the parties and the person they talk about', () => {
  // frus1969-76v12/d86, paragraphs 4, 9 and 14.
  const doc = attributeDocument(
    conversation('telcon', '1969-09-27', telconParties, [
      'Mr. Kissinger said he was just going to call the President when this call came in. He said he had an interesting conversation with Dobrynin.',
      "K told the President he didn't think we should move very fast on the Middle East. P said the point is we can't deliver. K said that is not what they are asking.",
      'P asked what had been said about Vietnam. K told him D had said we may not believe it, but the Soviets have a real interest in ending this war, but for different reasons than ours. K told him we have no evidence of this.',
    ]),
    persons,
  );
  const said = speakers(doc);
  assert.equal(
    said.get("K told the President he didn't think we should move very fast on the Middle East."),
    'p_KHA1',
  );
  assert.equal(said.get("P said the point is we can't deliver."), 'p_NRM1');
  assert.equal(said.get('P asked what had been said about Vietnam.'), 'p_NRM1');
  assert.equal(
    said.get(
      'K told him D had said we may not believe it, but the Soviets have a real interest in ending this war, but for different reasons than ours.',
    ),
    'p_DAF1',
    "the view reported is Dobrynin's",
  );
  assert.equal(said.get('K told him we have no evidence of this.'), 'p_KHA1');
});

test('a quotation inside reported speech stays with the reporting speaker', () => {
  const doc = attributeDocument(
    conversation('telcon', '1969-09-27', telconParties, [
      "The President said, “The summit and trade they can have, but I'll be damned if they can get the Middle East, etc.” K said he doesn't see what we gain by going to a fall-back position on the Middle East.",
    ]),
    persons,
  );
  const said = speakers(doc);
  assert.equal(
    said.get(
      "The President said, “The summit and trade they can have, but I'll be damned if they can get the Middle East, etc.”",
    ),
    'p_NRM1',
  );
  assert.equal(
    said.get("K said he doesn't see what we gain by going to a fall-back position on the Middle East."),
    'p_KHA1',
  );
});

test('"He said that Gromyko had said …" reports Gromyko; a plain "He said" continues the last speaker', () => {
  const doc = attributeDocument(
    conversation(
      'memcon',
      '1969-09-27',
      [
        party('Kissinger, Henry A.', 'p_KHA1', 'Dr. Kissinger'),
        party('Dobrynin, Anatoliy F.', 'p_DAF1', 'Ambassador Dobrynin'),
      ],
      [
        'Ambassador Dobrynin came to see me at his request.',
        'Dobrynin then turned to the Middle East and said that the meeting in New York had been very constructive. He said that Gromyko had said the Soviet Union wanted a preliminary agreement. He added that Moscow was ready.',
        'I said we reciprocated this feeling, especially after Vietnam was out of the way.',
      ],
    ),
    persons,
  );
  const said = speakers(doc);
  assert.equal(said.get('Ambassador Dobrynin came to see me at his request.'), null, 'narration');
  assert.equal(
    said.get('He said that Gromyko had said the Soviet Union wanted a preliminary agreement.'),
    'p_GAA1',
  );
  assert.equal(said.get('He added that Moscow was ready.'), 'p_DAF1');
  assert.equal(
    said.get('I said we reciprocated this feeling, especially after Vietnam was out of the way.'),
    'p_KHA1',
    '"I" is the writer',
  );
});

test("dialogue turns, their continuation paragraphs and the transcriber's asides", () => {
  // frus1969-76v12/d178.
  const doc = attributeDocument(
    conversation('telcon', '1970-07-07', telconParties, [
      'K: I just wanted to tell you I talked to Dobrynin today.',
      'P: Do you think he really is frightened?',
      'K: Frightened, we are getting their attention. After this thing, he said we will offer you these (proposals?), he was drooling all over the place.',
      '(Three new SS–9s were mentioned)',
      'P: I am for Israel, for reasons.',
      'Want to let a little country survive.',
    ]),
    persons,
  );
  const said = speakers(doc);
  assert.equal(said.get('K: I just wanted to tell you I talked to Dobrynin today.'), 'p_KHA1');
  assert.equal(said.get('P: Do you think he really is frightened?'), 'p_NRM1');
  assert.equal(said.get('(Three new SS–9s were mentioned)'), null);
  assert.equal(
    said.get('Want to let a little country survive.'),
    'p_NRM1',
    'an unlabelled paragraph continues the turn',
  );
});
