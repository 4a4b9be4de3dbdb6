/**
 * Genre rules for untagged records, on snippets as released records print them: a State
 * telegram header (frus1969-76ve15p1 d15, STATE 024976), declassification stamps, exemption
 * codes, and page furniture across pages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDeclassificationStamp } from '../../src/extract/declassification-stamp.js';
import { findUntaggedRedactions } from '../../src/extract/exemptions.js';
import { removePageFurniture } from '../../src/extract/page-furniture.js';
import { readTelegramHeader } from '../../src/extract/telegram-header.js';
import { buildUntaggedRecord } from '../../src/extract/untagged-record.js';

const STATE_024976 = [
  'PAGE 01 STATE 024976',
  'ORIGIN SS-25',
  'INFO OCT-01 ISO-00 SSO-00 /026 R',
  'DRAFTED BY EUR/PP:WZIMMERMANN',
  'APPROVED BY THE SECRETARY',
  '--------------------- 003526',
  'R 012139Z FEB 76',
  'FM SECSTATE WASHDC',
  'TO ALL EUROPEAN DIPLOMATIC POSTS',
  'S E C R E T STATE 024976',
  'EXDIS FOR AMBASSADOR',
  'E.O. 11652: GDS',
  'TAGS: ECON, PFOR',
  'SUBJECT: U.S. POLICY TOWARD USSR AND EASTERN EUROPE',
  '',
  "1. FOLLOWING IS A NON-VERBATIM SUMMARY OF THE COUNSELOR'S DISCUSSION OF THIS SUBJECT.",
];

test('a telegram header: date-time group, precedence prosign, FM/TO, E.O., TAGS, subject', () => {
  const header = readTelegramHeader(STATE_024976);
  assert.ok(header);
  assert.deepEqual(header.date, { start: '1976-02-01', end: '1976-02-01', precision: 'day' });
  assert.equal(header.time, '21:39Z');
  assert.equal(header.precedence, 'ROUTINE');
  assert.equal(header.from, 'SECSTATE WASHDC');
  assert.deepEqual(header.to, ['ALL EUROPEAN DIPLOMATIC POSTS']);
  assert.equal(header.executiveOrder, 'E.O. 11652: GDS');
  assert.deepEqual(header.tags, ['ECON', 'PFOR']);
  assert.equal(header.subject, 'U.S. POLICY TOWARD USSR AND EASTERN EUROPE');
  assert.equal(header.place, 'Washington');
  assert.match(STATE_024976[header.bodyLine + 1]!, /^1\. FOLLOWING/);
});

test('an IMMEDIATE telegram from an embassy: precedence on the TO line, addressees run on', () => {
  const header = readTelegramHeader([
    'O 241530Z OCT 73',
    'FM AMEMBASSY MOSCOW',
    'TO SECSTATE WASHDC IMMEDIATE 1234',
    'INFO USMISSION NATO',
    '     AMEMBASSY LONDON',
    'TAGS: PFOR, UR, US',
    'SUBJ: SOVIET REACTION',
  ]);
  assert.ok(header);
  assert.equal(header.precedence, 'IMMEDIATE');
  assert.deepEqual(header.to, ['SECSTATE WASHDC']);
  assert.deepEqual(header.info, ['USMISSION NATO', 'AMEMBASSY LONDON']);
  assert.equal(header.place, 'Moscow');
  assert.equal(header.dateTimeGroup, '241530Z OCT 73');
  assert.equal(readTelegramHeader(['MEMORANDUM FOR THE RECORD', 'SUBJECT: Lunch']), null);
});

test('declassification stamps: NARA authority, E.O. section with MR case, CIA release line', () => {
  const nara = findDeclassificationStamp([
    'text above',
    'DECLASSIFIED',
    'Authority NLC-97-123-4-5-6',
    'By dfm NARA, Date 3/14/05',
    'text below',
  ]);
  assert.deepEqual(nara?.lineIndices, [1, 2, 3]);
  assert.deepEqual(nara?.declassification, {
    authority: 'NLC-97-123-4-5-6',
    date: '2005-03-14',
    caseNumber: 'NLC-97-123-4-5-6',
    printed: 'DECLASSIFIED / Authority NLC-97-123-4-5-6 / By dfm NARA, Date 3/14/05',
  });
  const order = findDeclassificationStamp([
    'DECLASSIFIED',
    'E.O. 12958, Sec. 3.6',
    'MR 04-123, #5',
    'By ljm NARA, Date 7/1/04',
  ]);
  assert.equal(order?.declassification.authority, 'E.O. 12958, Sec. 3.6');
  assert.equal(order?.declassification.caseNumber, 'MR 04-123');
  assert.equal(order?.declassification.date, '2004-07-01');
  const cia = findDeclassificationStamp(['Approved For Release 2005/06/14 : CIA-RDP80B01676R000900030001-2']);
  assert.equal(cia?.declassification.date, '2005-06-14');
  assert.equal(cia?.declassification.caseNumber, 'CIA-RDP80B01676R000900030001-2');
  assert.equal(findDeclassificationStamp(['[1 line not declassified]']), null);
});

test('exemption codes: runs are one redaction, bracketed FRUS markers are not counted twice', () => {
  const found = findUntaggedRedactions(
    'He met (b)(1) (b)(3) in Vienna; the source 25X1 said [name not declassified] was there, (b)(7)(C).',
  );
  assert.deepEqual(
    found.map((r) => [r.marker, r.exemptions]),
    [
      ['(b)(1) (b)(3)', ['(b)(1)', '(b)(3)']],
      ['25X1', ['25X1']],
      ['[name not declassified]', []],
      ['(b)(7)(C)', ['(b)(7)(C)']],
    ],
  );
  assert.deepEqual(findUntaggedRedactions('Section (b) of the treaty'), []);
});

test('page furniture: banners kept apart, running heads and page numbers removed, body kept', () => {
  const bodies = ['The Ambassador called at noon.', 'He asked about the talks.', 'I said we would reply.'];
  const pages = bodies.map((body, index) => ({
    page: String(index + 1),
    lines: [
      'CONFIDENTIAL',
      `PAGE 0${index + 1} MOSCOW 12345 241530Z`,
      body,
      `- ${index + 1} -`,
      'CONFIDENTIAL',
    ],
  }));
  const result = removePageFurniture(pages);
  assert.deepEqual(
    result.pages.map((page) => page.lines),
    bodies.map((body) => [body]),
  );
  assert.deepEqual(result.banners, ['CONFIDENTIAL']);
});

test('an untagged telegram becomes a cable with sender, addressees, date and classification', () => {
  const document = buildUntaggedRecord({
    id: 'x/state-024976',
    collectionId: 'x',
    sourcePath: '/x/state-024976.pdf',
    contentHash: 'h',
    pages: [{ page: '1', lines: ['SECRET', ...STATE_024976, 'KISSINGER', 'SECRET'] }],
    fallbackTitle: 'state-024976',
  });
  assert.equal(document.type, 'cable');
  assert.equal(document.title, 'U.S. POLICY TOWARD USSR AND EASTERN EUROPE');
  assert.equal(document.time, '21:39Z');
  assert.equal(document.classification.level, 'SECRET');
  assert.deepEqual(
    document.participants.map((p) => [p.role, p.name]),
    [
      ['sender', 'SECSTATE WASHDC'],
      ['addressee', 'ALL EUROPEAN DIPLOMATIC POSTS'],
    ],
  );
  assert.ok(document.passages.some((p) => p.kind === 'paragraph' && p.text.startsWith('1. FOLLOWING')));
});
