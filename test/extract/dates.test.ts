import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dateFromAttributes,
  dateFromMinMax,
  parsePrintedDate,
  parsePrintedTime,
  timeFromIso,
} from '../../src/extract/dates.js';

test('date@when gives an exact day, or a time, or a month span', () => {
  assert.deepEqual(dateFromAttributes({ when: '1964-01-16' }), {
    start: '1964-01-16',
    end: '1964-01-16',
    precision: 'day',
  });
  assert.deepEqual(dateFromAttributes({ when: '1969-09-27T16:40:00' }), {
    start: '1969-09-27T16:40:00',
    end: '1969-09-27T16:40:00',
    precision: 'time',
  });
  assert.deepEqual(dateFromAttributes({ when: '1967-02' }), {
    start: '1967-02',
    end: '1967-02-28',
    precision: 'month',
  });
  assert.deepEqual(dateFromAttributes({ notBefore: '1975-06-01', notAfter: '1975-06-30' }), {
    start: '1975-06-01',
    end: '1975-06-30',
    precision: 'range',
  });
  assert.equal(dateFromAttributes({}), null);
});

test('frus:doc-dateTime-min/max becomes an interval', () => {
  assert.equal(dateFromMinMax('1973-04-21T11:50:00-04:00', '1973-04-21T12:40:00-04:00').precision, 'time');
  assert.equal(dateFromMinMax('1969-01-01T00:00:00', '1969-01-31T23:59:59').precision, 'range');
});

test('printed dates as FRUS datelines and heads print them', () => {
  assert.equal(parsePrintedDate('Paris, June 10, 1955—2 p.m.')?.date.start, '1955-06-10');
  assert.equal(
    parsePrintedDate('Memorandum of Conversation, Bucharest, November 3, 1974, 5:30 p.m.')?.printed,
    'November 3, 1974',
  );
  assert.equal(parsePrintedDate('the 303 Committee meeting, 23 December 1969')?.date.start, '1969-12-23');
  assert.deepEqual(parsePrintedDate('Washington, undated, June 1967')?.date, {
    start: '1967-06-01',
    end: '1967-06-30',
    precision: 'month',
  });
  assert.equal(parsePrintedDate('Editorial Note'), null);
});

test('times: start of a range, 24-hour, and Z kept for GMT telegram times', () => {
  assert.equal(parsePrintedTime('Paris, 2015Z.'), '20:15Z');
  assert.equal(parsePrintedTime('4:40p.m..'), '16:40');
  assert.equal(parsePrintedTime(', 11 a.m.'), '11:00');
  assert.equal(parsePrintedTime(', 9-9:45 a.m.'), '09:00');
  assert.equal(parsePrintedTime(', 7-8:10 p.m.'), '19:00');
  assert.equal(parsePrintedTime(', 11:30 a.m.-1:30 p.m.'), '11:30');
  assert.equal(parsePrintedTime(', 10:21–11:11 a.m.'), '10:21');
  assert.equal(parsePrintedTime(', 08:25 p.m.'), '20:25');
  assert.equal(parsePrintedTime('Washington.'), null);
  assert.equal(timeFromIso('1973-03-22T08:56:00Z'), '08:56Z');
  assert.equal(timeFromIso('1969-09-27T16:40:00'), '16:40');
  assert.equal(timeFromIso('1969-09-27'), null);
});
