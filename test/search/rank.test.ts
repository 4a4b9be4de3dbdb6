import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { stem, tokenize } from '../../src/search/porter.js';
import { highlight, rankTerm, relevantTokens, scoringTokens, termFrequency } from '../../src/search/rank.js';
import { planQuery } from '../../src/store/sqlite/query-plan.js';
import { parseQuery } from '../../src/search/parser.js';
import { naturalLanguageQuery } from '../../src/search/natural.js';

const WORDS =
  'caresses ponies ties caress cats feed agreed plastered motoring sing conflated troubled sized hopping ' +
  'tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci ' +
  'digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator ' +
  'feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative ' +
  'formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic ' +
  'adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate ' +
  'angulariti homologous effective bowdlerize probate rate cease controll roll generalizations oscillators ' +
  'sses ies Élysée négociations';

test('the stemmer and tokenizer agree with FTS5 porter unicode61 remove_diacritics 2', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2');
           CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  db.prepare('INSERT INTO t (rowid, x) VALUES (1, ?)').run(WORDS);
  const fts = (db.prepare('SELECT term FROM v ORDER BY offset').pluck().all() as string[]).join(' ');
  assert.equal(tokenize(WORDS).join(' '), fts);
  assert.equal(stem('generalizations'), 'gener');
  db.close();
});

test('sparse scoring tokens keep positions and stem only what may match', () => {
  const terms = [rankTerm({ type: 'term', value: 'Berlin', prefix: false })!];
  const tokens = scoringTokens('The Berlin access, and BERLIN again.', relevantTokens(terms));
  assert.deepEqual(tokens, ['', 'berlin', '', '', 'berlin', '']);
  assert.equal(termFrequency(terms[0]!, tokens), 2);
  const phrase = rankTerm({ type: 'phrase', words: ['strategic', 'arms'] })!;
  assert.equal(termFrequency(phrase, tokenize('strategic arms and arms, strategic arms')), 2);
});

test('highlight marks each matching word inside a window of the passage', () => {
  const terms = [rankTerm({ type: 'term', value: 'access', prefix: false })!];
  assert.equal(highlight('Allied access to Berlin.', terms, 40), 'Allied ««access»» to Berlin.');
  const long = `${'word '.repeat(60)}the access point ${'word '.repeat(60)}`;
  const snippet = highlight(long, terms, 10);
  assert.match(snippet, /^….*««access»».*…$/);
});

test('stop words leave a query with other words, but not phrases or a query of stop words alone', () => {
  const natural = planQuery(naturalLanguageQuery('The effect of the drug is not known'));
  assert.deepEqual(
    natural.leaves.map((leaf) => (leaf.type === 'term' ? leaf.value : leaf.words.join(' '))),
    ['effect', 'drug', 'known'],
  );
  assert.equal(planQuery(parseQuery('"the president" of')).leaves.length, 1);
  assert.equal(planQuery(parseQuery('the of')).leaves.length, 2);
});
