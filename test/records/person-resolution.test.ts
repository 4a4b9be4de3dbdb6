import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalPersonKey, mergePersons, personsNamed } from '../../src/records/person-resolution.js';
import type { Person } from '../../src/records/schema.js';

const person = (collectionId: string, localId: string, name: string): Person => ({
  id: `${collectionId}/${localId}`,
  collectionId,
  localId,
  name,
  description: null,
  canonicalId: null,
});

test('the same person in several volumes becomes one canonical person with aliases', () => {
  const { canonical, byPersonId } = mergePersons([
    person('frus1969-76v12', 'p_DAF1', 'Dobrynin, Anatoliy F.'),
    person('frus1964-68v14', 'p_DAF1', 'Dobrynin, Anatoli F.'),
    person('frus1969-76v12', 'p_KHA1', 'Kissinger, Henry A.'),
    person('frus1969-76ve15p1', 'p_KHA1', 'Kissinger, Henry A.'),
    person('frus1955-57v04', 'p_DJF1', 'Dulles, John Foster'),
    person('frus1955-57v04', 'p_DAW1', 'Dulles, Allen W.'),
  ]);
  assert.equal(canonical.length, 4);
  assert.equal(byPersonId.get('frus1969-76v12/p_DAF1'), byPersonId.get('frus1964-68v14/p_DAF1'));
  assert.notEqual(byPersonId.get('frus1955-57v04/p_DJF1'), byPersonId.get('frus1955-57v04/p_DAW1'));
  const dobrynin = canonical.find((entry) => entry.memberIds.includes('frus1964-68v14/p_DAF1'))!;
  assert.deepEqual([dobrynin.name, ...dobrynin.aliases].sort(), [
    'Dobrynin, Anatoli F.',
    'Dobrynin, Anatoliy F.',
  ]);
  assert.equal(canonicalPersonKey({ name: 'Kissinger, Henry A.' }), 'kissinger|h');
});

test('names as written find the listed person: surname, title + surname, full name, Sir + first name', () => {
  const list = [
    person('v', 'p_GWPC1', 'Gordon Walker, Patrick'),
    person('v', 'p_MSRM1', 'Makins, Sir Roger M.'),
    person('v', 'p_KHA1', 'Kissinger, Henry A.'),
  ];
  assert.deepEqual(
    personsNamed('Gordon Walker', list).map((entry) => entry.localId),
    ['p_GWPC1'],
  );
  assert.deepEqual(
    personsNamed('Dr. Kissinger', list).map((entry) => entry.localId),
    ['p_KHA1'],
  );
  assert.deepEqual(
    personsNamed('Henry A. Kissinger', list).map((entry) => entry.localId),
    ['p_KHA1'],
  );
  assert.deepEqual(
    personsNamed('Sir Roger', list).map((entry) => entry.localId),
    ['p_MSRM1'],
  );
  assert.deepEqual(personsNamed('Hanoi', list), []);
});
