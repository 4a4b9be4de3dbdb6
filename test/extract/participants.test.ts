import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOffice, type PersonEntry } from '../../src/extract/offices.js';
import { invertName, isGroupLabel, surnameKey } from '../../src/extract/participants.js';

test('group labels in participant lists are not persons', () => {
  for (const label of [
    'U.S.',
    'US',
    'United States',
    'Soviet Union',
    'U.S. Side:',
    'French Side',
    'Canada',
    'State',
    'JCS',
    'Department of State',
    'Interpreters',
  ]) {
    assert.equal(isGroupLabel(label), true, label);
  }
  for (const label of [
    'The Secretary',
    'Mr. Leddy',
    'Sir Richard Powell',
    'John W. Tuthill',
    'Ambassador Anatoliy F. Dobrynin, USSR',
  ]) {
    assert.equal(isGroupLabel(label), false, label);
  }
});

test('printed names in list form', () => {
  assert.equal(invertName('M. Pierre Uri'), 'Uri, Pierre');
  assert.equal(invertName('Ambassador Anatoliy F. Dobrynin'), 'Dobrynin, Anatoliy F.');
  assert.equal(invertName('Mr. Reinhardt'), 'Reinhardt');
  assert.equal(invertName('Philip de Zulueta'), 'de Zulueta, Philip');
  assert.equal(invertName('Ambassador Bogdan of Romania'), 'Bogdan');
});

test('surname keys compare list names with printed names', () => {
  assert.equal(surnameKey('Toon, Malcolm “Mac,”'), 'toon');
  assert.equal(surnameKey('Gordon Walker, Patrick'), 'gordon walker');
  assert.equal(surnameKey('Mr. Frederick H. Mueller'), 'mueller');
  assert.equal(surnameKey('Alphand, Hervé'), 'alphand');
});

// Entries as the persons lists of frus1958-60v07p1 and frus1964-68v14 print them.
const persons: PersonEntry[] = [
  { localId: 'p_DJF1', name: 'Dulles, John Foster', description: 'Secretary of State until April 1959' },
  {
    localId: 'p_HCA1',
    name: 'Herter, Christian A.',
    description: 'Under Secretary of State until April 1959; thereafter Secretary of State',
  },
  {
    localId: 'p_EDD1',
    name: 'Eisenhower, Dwight D.',
    description: 'President of the United States, 1953–1961',
  },
  { localId: 'p_KJF1', name: 'Kennedy, John F.', description: 'President of the United States 1961–1963' },
  { localId: 'p_JLB1', name: 'Johnson, Lyndon Baines', description: 'President of the United States' },
  {
    localId: 'p_LSJSB1',
    name: 'Lloyd, Sir John Selwyn Brooke',
    description:
      'British Minister of Supply until April 1955; Secretary of State for Foreign Affairs thereafter',
  },
];

test('titles resolve to the office holder on the day', () => {
  assert.equal(resolveOffice('The Secretary', '1958-07-09', persons)?.localId, 'p_DJF1');
  assert.equal(resolveOffice('The Secretary of State', '1960-03-28', persons)?.localId, 'p_HCA1');
  assert.equal(resolveOffice('the Under Secretary', '1958-07-09', persons)?.localId, 'p_HCA1');
  assert.equal(resolveOffice('The President', '1968-11-26', persons)?.localId, 'p_JLB1');
  assert.equal(resolveOffice('President', '1957-01-01', persons), null, 'two entries claim 1957: ambiguous');
  assert.equal(resolveOffice('The Ambassador', '1958-07-09', persons), null);
});
