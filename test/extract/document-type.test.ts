import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentTypeFromTitle } from '../../src/extract/document-type.js';

test('document types from printed heads of the shared volumes', () => {
  const cases: [string, string][] = [
    [
      '86. Transcript of Telephone Conversation Between President Nixon and his Assistant for National Security Affairs (Kissinger)',
      'telcon',
    ],
    [
      "242. Memorandum of Telephone Conversation Between the President's Special Assistant (Rostow) and John J. McCloy",
      'telcon',
    ],
    [
      '32. Memorandum of a Conversation Between the Secretary of State and the British Ambassador (Makins), Department of State, Washington, June 29, 1956',
      'memcon',
    ],
    [
      '44. Telegram 1337 From the Embassy in Poland to the Department of State, March 22, 1973, 0856Z.',
      'cable',
    ],
    ['Circular Telegram From the Department of State to All NATO Capitals', 'cable'],
    ['Airgram A-385 From the Embassy in Romania to the Department of State', 'cable'],
    ['Memorandum From Secretary of State Rusk to President Johnson', 'memo'],
    ['Memorandum for the Record', 'memo'],
    ['Paper Prepared in the Office of Western European Affairs', 'memo'],
    ['Letter From Prime Minister Eden to President Eisenhower', 'letter'],
    [
      'Memorandum of Discussion at the 245th Meeting of the National Security Council, Washington, April 21, 1955',
      'minutes',
    ],
    ['Memorandum of Conference With the President, Washington, October 2, 1956', 'minutes'],
    ['Summary Notes of the 566th Meeting of the National Security Council', 'minutes'],
    ['Minutes of Washington Special Actions Group Meeting', 'minutes'],
    ['National Intelligence Estimate 11-14-75, Washington, September 4, 1975.', 'report'],
    ['Intelligence Note No. 904', 'report'],
    ['Editorial Note', 'editorial-note'],
    ['Diary Entry by the Ambassador to the United Kingdom (Bruce)', 'other'],
  ];
  for (const [head, type] of cases) assert.equal(documentTypeFromTitle(head), type, head);
});

test('a memorandum for the record that minutes a meeting, by its subject', () => {
  assert.equal(
    documentTypeFromTitle(
      'Memorandum for the Record',
      'Minutes of the Meeting of the 303 Committee, 23 December 1969',
    ),
    'minutes',
  );
  assert.equal(
    documentTypeFromTitle('Memorandum for the Record', 'Conversation with Ambassador Dobrynin'),
    'memo',
  );
});
