import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeBeforeDate, placeFromHead, placeFromTelegramHeader } from '../../src/extract/place.js';

test('the place printed before the date in a dateline', () => {
  const dateline = 'Glassboro, New Jersey, June 23, 1967, 11:30 a.m.-1:30 p.m.';
  assert.equal(placeBeforeDate(dateline, dateline.indexOf('June')), 'Glassboro, New Jersey');
  assert.equal(placeBeforeDate('May 2, 1958.', 0), null);
});

test('the place in an E-volume head', () => {
  const head = 'Memorandum of Conversation, Bucharest, November 3, 1974, 5:30-9:30 p.m.';
  assert.equal(placeFromHead(head, head.indexOf('November')), 'Bucharest');
  const between =
    'Memorandum of a Conversation Between the Secretary of State and the British Ambassador (Makins), Department of State, Washington, June 29, 1956';
  assert.equal(placeFromHead(between, between.indexOf('June')), 'Washington');
  const telegram =
    'Telegram 1337 From the Embassy in Poland to the Department of State, March 22, 1973, 0856Z.';
  assert.equal(placeFromHead(telegram, telegram.indexOf('March')), null);
});

test('the originator line of a telegram', () => {
  assert.equal(
    placeFromTelegramHeader([
      'TELEGRAM',
      'R 220856Z MAR 73',
      'FM AMEMBASSY WARSAW',
      'TO SECSTATE WASHDC 3137',
    ]),
    'Warsaw',
  );
  assert.equal(placeFromTelegramHeader(['FM SECSTATE WASHDC']), 'Washington');
  assert.equal(placeFromTelegramHeader(['TO AMEMBASSY MOSCOW']), null);
});
