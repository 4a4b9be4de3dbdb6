import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  holderOn,
  holdersOn,
  officeForTitle,
  officeHoldings,
  officesHeldBy,
} from '../../src/records/offices.js';

test('every row has an office, a person, an ISO start, a country and a source', () => {
  const rows = officeHoldings();
  assert.ok(rows.length > 250);
  for (const row of rows) {
    assert.match(row.start, /^\d{4}(?:-\d{2}){1,2}$/, `${row.person} ${row.office}`);
    if (row.end !== null)
      assert.ok(row.end >= row.start, `${row.person} ${row.office} ends before it starts`);
    assert.ok(row.office && row.person && row.country && row.source);
  }
});

test('"The President" by date: Johnson in 1964, Nixon until 8 August 1974, Ford from 9 August', () => {
  assert.equal(holderOn('The President', '1964-05-01')?.person, 'Johnson, Lyndon B.');
  assert.equal(holderOn('President', '1974-08-08')?.person, 'Nixon, Richard M.');
  assert.equal(holderOn('President', '1974-08-09')?.person, 'Ford, Gerald R.');
  assert.equal(holderOn('President', '1956-02-09')?.person, 'Eisenhower, Dwight D.');
  assert.equal(holderOn('President', '2000-06-04')?.person, 'Clinton, William J.');
  assert.equal(holderOn('President', '2000-06-04', 'Russia')?.person, 'Putin, Vladimir V.');
});

test('"the Secretary" is the Secretary of State of the day', () => {
  assert.equal(holderOn('the Secretary', '1956-01-01')?.person, 'Dulles, John Foster');
  assert.equal(holderOn('the Secretary', '1964-11-18')?.person, 'Rusk, Dean');
  assert.equal(holderOn('the Secretary', '1976-05-12')?.person, 'Kissinger, Henry A.');
  assert.equal(holderOn('Secretary of State', '1973-09-10'), null, 'no one between Rogers and Kissinger');
});

test('Soviet titles: the Chairman, the Foreign Minister, the Ambassador', () => {
  assert.equal(holderOn('Chairman', '1964-09-04')?.person, 'Khrushchev, Nikita S.');
  assert.equal(holderOn('Chairman', '1967-06-23')?.person, 'Kosygin, Alexei N.');
  assert.equal(holderOn('Foreign Minister', '1969-09-27', 'USSR')?.person, 'Gromyko, Andrei A.');
  assert.equal(holderOn('Ambassador', '1969-09-27', 'Soviet Union')?.person, 'Dobrynin, Anatoly F.');
  assert.equal(holderOn('General Secretary', '1975-01-01')?.person, 'Brezhnev, Leonid I.');
  assert.equal(
    holderOn('Foreign Minister', '1970-01-01', 'Russia')?.person,
    'Gromyko, Andrei A.',
    'Russia continues the Soviet line',
  );
});

test('Western European heads of government and foreign ministers', () => {
  assert.equal(holderOn('Prime Minister', '1957-12-16', 'United Kingdom')?.person, 'Macmillan, Harold');
  assert.equal(holderOn('Foreign Secretary', '1967-04-18')?.person, 'Brown, George');
  assert.equal(holderOn('Chancellor', '1964-06-01')?.person, 'Erhard, Ludwig');
  assert.equal(holderOn('President', '1965-01-01', 'France')?.person, 'de Gaulle, Charles');
  assert.equal(holderOn('Foreign Minister', '1964-01-06', 'France')?.person, 'Couve de Murville, Maurice');
});

test('titles map to offices; unknown titles to nothing', () => {
  assert.deepEqual(officeForTitle('The Secretary'), {
    office: 'Secretary of State',
    country: 'United States',
  });
  assert.equal(officeForTitle('Premier')?.office, 'Chairman of the Council of Ministers');
  assert.equal(officeForTitle('Court Jester'), null);
  assert.deepEqual(holdersOn('Court Jester', '1960-01-01'), []);
});

test('offices held by a person, whatever the spelling', () => {
  const kissinger = officesHeldBy('Henry Kissinger').map((row) => row.office);
  assert.deepEqual(kissinger, ['National Security Adviser', 'Secretary of State']);
  assert.deepEqual(
    officesHeldBy('Kissinger, Henry A.').map((row) => row.office),
    kissinger,
  );
  assert.ok(officesHeldBy('Gromyko').some((row) => row.office === 'Foreign Minister'));
});
