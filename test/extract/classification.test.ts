import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classificationFromMarkingLines,
  classificationFromSourceNote,
} from '../../src/extract/classification.js';

test('level and caveats from FRUS source notes', () => {
  // frus1969-76v12/d86
  let found = classificationFromSourceNote(
    "Source: National Archives, Nixon Presidential Materials, NSC Files, Box 489, President's Trip Files, Dobrynin/Kissinger, 1969, Part 1. Top Secret; Sensitive. A covering memorandum indicates that it was sent to Howe, Haig, and Lake.",
  );
  assert.equal(found.level, 'TOP SECRET');
  assert.deepEqual(found.caveats, ['SENSITIVE']);
  // frus1969-76ve15p1/d26
  found = classificationFromSourceNote(
    'Source: National Archives, Nixon Presidential Materials, NSC Files, Box 1027, Presidential/HAK Memoranda of Conversations. Top Secret; Sensitive; Exclusively Eyes Only. The meeting took place in the Map Room of the White House.',
  );
  assert.deepEqual(found.caveats, ['SENSITIVE', 'EXCLUSIVELY EYES ONLY']);
  // frus1964-68v14/d72
  found = classificationFromSourceNote(
    "Source: National Archives and Records Administration, RG 59, Secretary's Memoranda of Conversation: Lot 65 D 330. Secret; Limited Distribution. Drafted by Rusk on November 19.",
  );
  assert.equal(found.level, 'SECRET');
  assert.deepEqual(found.caveats, ['LIMITED DISTRIBUTION']);
});

test('"No classification marking" is the level NONE, and a source note without a level gives null', () => {
  const none = classificationFromSourceNote(
    'Source: Eisenhower Library, Herter Papers, Telephone Conversations. No classification marking.',
  );
  assert.equal(none.level, 'NONE');
  assert.deepEqual(none.caveats, []);
  const silent = classificationFromSourceNote('Source: Department of State, Central Files, 840.1901/1–1355.');
  assert.equal(silent.level, null);
});

test('the drafting sentence after the level is not a caveat', () => {
  const found = classificationFromSourceNote(
    'Source: Department of State, Central Files, ECIN 6 EEC. Confidential. Drafted by Beigel and approved in S on January 19.',
  );
  assert.equal(found.level, 'CONFIDENTIAL');
  assert.deepEqual(found.caveats, []);
});

test('a caveat printed before the level', () => {
  const found = classificationFromSourceNote(
    'Source: Department of State, Presidential Correspondence: Lot 66 D 204, Dulles/Herter with German Officials 1953–1959. Personal and Confidential. A notation on the source text',
  );
  assert.equal(found.level, 'CONFIDENTIAL');
  assert.deepEqual(found.caveats, ['PERSONAL']);
});

test('marking lines at the top of a reproduced record', () => {
  const found = classificationFromMarkingLines([
    'MEMORANDUM',
    'THE WHITE HOUSE',
    'SECRET/SENSITIVE',
    'MEMORANDUM FOR',
  ]);
  assert.equal(found.level, 'SECRET');
  assert.deepEqual(found.caveats, ['SENSITIVE']);
  assert.equal(classificationFromMarkingLines(['SECRET AGENTS OF THE KGB WERE SEEN']).level, null);
});
