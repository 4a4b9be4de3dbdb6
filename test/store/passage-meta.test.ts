import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePassageMeta, encodePassageMeta } from '../../src/store/sqlite/passage-meta.js';

const turn = {
  noteNumber: null,
  anchor: null,
  speakers: [
    { start: 0, end: 41, label: 'Gromyko', personId: 'p_GAA1', personName: 'Gromyko, Andrei A.' },
    { start: 42, end: 80, label: null, personId: null, personName: null },
    { start: 81, end: 95, label: 'Mr. Nowlan', personId: null, personName: 'Nowlan' },
  ],
};
const footnote = { noteNumber: '4', anchor: { ordinal: 21, offset: 30 }, speakers: [] };

test('passage fields survive the compact column encoding', () => {
  for (const meta of [turn, footnote]) assert.deepEqual(decodePassageMeta(encodePassageMeta(meta)), meta);
  assert.equal(encodePassageMeta({ noteNumber: null, anchor: null, speakers: [] }), null);
  assert.deepEqual(decodePassageMeta(null), { noteNumber: null, anchor: null, speakers: [] });
  // Narration spans carry no nulls: the encoding is much smaller than the objects.
  assert.equal(
    encodePassageMeta(turn),
    '{"s":[[0,41,"Gromyko","p_GAA1","Gromyko, Andrei A."],[42,80],[81,95,"Mr. Nowlan",null,"Nowlan"]]}',
  );
  assert.ok(encodePassageMeta(turn)!.length < JSON.stringify(turn).length / 2);
});

test('rows written in the earlier object encoding are still read', () => {
  assert.deepEqual(decodePassageMeta(JSON.stringify(turn)), turn);
  assert.deepEqual(decodePassageMeta(JSON.stringify(footnote)), footnote);
});
