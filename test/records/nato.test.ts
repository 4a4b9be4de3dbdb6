import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accessionOf,
  enlargementRoundsBetween,
  joinedBetween,
  membersOn,
  natoMembers,
} from '../../src/records/nato.js';

test('the shipped table is the shared one: 32 members, founders on 1949-04-04', () => {
  assert.equal(natoMembers().length, 32);
  assert.equal(membersOn('1949-04-04').value, 12);
  assert.equal(membersOn('1949-04-03').value, 0);
});

test('members on a date count accessions on or before it', () => {
  assert.equal(membersOn('2000-06-04').value, 19);
  assert.equal(membersOn('2004-03-29').value, 26);
  assert.equal(membersOn('2024-03-07').value, 32);
});

test('joined between two dates: strictly after the first, on or before the second, with the rows', () => {
  const after = joinedBetween('2000-06-04', '2025-01-01');
  assert.equal(after.value, 13);
  assert.deepEqual(
    after.rows.map((row) => row.country),
    [
      'Bulgaria',
      'Estonia',
      'Latvia',
      'Lithuania',
      'Romania',
      'Slovakia',
      'Slovenia',
      'Albania',
      'Croatia',
      'Montenegro',
      'North Macedonia',
      'Finland',
      'Sweden',
    ],
  );
  assert.match(after.computation, /strictly after 2000-06-04/);
  assert.equal(
    joinedBetween('1999-03-12', '2004-03-29').value,
    7,
    'the 1999 round is excluded, 2004 included',
  );
});

test('enlargement rounds in a period', () => {
  assert.equal(enlargementRoundsBetween('1949-04-04', '2025-01-01').value, 10);
  assert.equal(enlargementRoundsBetween('1990-01-01', '2010-01-01').value, 3);
});

test('when a country joined, under its old or new name', () => {
  assert.equal(accessionOf('Turkey').value, '1952-02-18');
  assert.equal(accessionOf('Türkiye').value, '1952-02-18');
  assert.equal(accessionOf('Czech Republic').value, '1999-03-12');
  assert.equal(accessionOf('Macedonia').value, '2020-03-27');
  assert.equal(accessionOf('North Macedonia').rows[0]?.iso3, 'MKD');
  assert.equal(accessionOf('Austria').value, null);
});
