import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { attributeDocument } from '../../src/extract/attribution/index.js';
import { resolveTitledParticipants } from '../../src/extract/titled-participants.js';
import { parseTextRecord } from '../../src/ingest/text/index.js';
import { sharedRoot } from '../helpers/paths.js';

const memcon = join(sharedRoot, 'examples', 'clinton-putin-2000', 'memcon-excerpts.txt');

test('"The President" in a memo header of June 2000 is Clinton; a named participant stays as printed', () => {
  const document = resolveTitledParticipants(
    parseTextRecord(readFileSync(memcon, 'utf8'), memcon, 'clinton-putin-2000'),
  );
  assert.deepEqual(
    document.participants.map((p) => [p.label, p.name]),
    [
      ['The President', 'Clinton, William J.'],
      ['President Vladimir Putin', 'President Vladimir Putin'],
    ],
  );
  // Attribution then resolves the "The President:" turns to the same person.
  const turns = attributeDocument(document, []).passages.filter((p) => p.kind === 'turn');
  assert.ok(turns.length >= 4);
  assert.ok(turns.every((turn) => turn.speakers[0]?.personName === 'Clinton, William J.'));
});

test('an undated record keeps its titled participants as printed', () => {
  const text =
    'MEMORANDUM OF CONVERSATION\n\nPARTICIPANTS: The President; The Secretary\n\nThe President: Yes.\n';
  const document = resolveTitledParticipants(parseTextRecord(text, '/tmp/x/undated.txt', 'x'));
  assert.deepEqual(
    document.participants.map((p) => p.name),
    ['The President', 'The Secretary'],
  );
});
