import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueryNode } from '../../src/search/ast.js';
import { MAX_QUERY_LENGTH, parseQuery, QuerySyntaxError } from '../../src/search/parser.js';

const term = (value: string, prefix = false): QueryNode => ({ type: 'term', value, prefix });
const filter = (field: Extract<QueryNode, { type: 'filter' }>['field'], value: string): QueryNode => ({
  type: 'filter',
  field,
  value,
});

function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    assert.ok(error instanceof QuerySyntaxError, `expected a QuerySyntaxError for ${JSON.stringify(query)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(query)} to be refused`);
}

test('words, phrases and implicit AND', () => {
  assert.deepEqual(parseQuery('Berlin'), term('Berlin'));
  assert.deepEqual(parseQuery('  Berlin   access '), {
    type: 'and',
    children: [term('Berlin'), term('access')],
  });
  assert.deepEqual(parseQuery('"strategic arms" talks'), {
    type: 'and',
    children: [{ type: 'phrase', words: ['strategic', 'arms'] }, term('talks')],
  });
  // A quoted single word is a word; punctuation inside quotes separates words as the index does.
  assert.deepEqual(parseQuery('"Gromyko"'), term('Gromyko'));
  assert.deepEqual(parseQuery('"U.S.-Soviet"'), { type: 'phrase', words: ['U', 'S', 'Soviet'] });
  assert.deepEqual(parseQuery('diplomat*'), term('diplomat', true));
  assert.deepEqual(parseQuery('U.S. 10:30'), { type: 'and', children: [term('U.S.'), term('10:30')] });
});

test('AND, OR, NOT, minus and parentheses; AND binds tighter than OR', () => {
  assert.deepEqual(parseQuery('a b OR c'), {
    type: 'or',
    children: [{ type: 'and', children: [term('a'), term('b')] }, term('c')],
  });
  assert.deepEqual(parseQuery('a AND (b OR c)'), {
    type: 'and',
    children: [term('a'), { type: 'or', children: [term('b'), term('c')] }],
  });
  assert.deepEqual(parseQuery('NATO -France'), {
    type: 'and',
    children: [term('NATO'), { type: 'not', child: term('France') }],
  });
  assert.deepEqual(parseQuery('NATO NOT France'), parseQuery('NATO -France'));
  assert.deepEqual(parseQuery('-"de Gaulle" -(a OR b)'), {
    type: 'and',
    children: [
      { type: 'not', child: { type: 'phrase', words: ['de', 'Gaulle'] } },
      { type: 'not', child: { type: 'or', children: [term('a'), term('b')] } },
    ],
  });
  // Lower-case and/or/not and inner hyphens are words.
  assert.deepEqual(parseQuery('war and peace'), {
    type: 'and',
    children: [term('war'), term('and'), term('peace')],
  });
  assert.deepEqual(parseQuery('anti-ballistic'), term('anti-ballistic'));
});

test('filters, with their spellings and quoted values', () => {
  assert.deepEqual(parseQuery('type:memcon'), filter('type', 'memcon'));
  assert.deepEqual(parseQuery('type:Telegram'), filter('type', 'cable'));
  assert.deepEqual(parseQuery('date:1969..1970-06'), filter('date', '1969..1970-06'));
  assert.deepEqual(parseQuery('date:1969'), filter('date', '1969'));
  assert.deepEqual(parseQuery('date:..1970'), filter('date', '..1970'));
  assert.deepEqual(parseQuery('date:1969-05-01..'), filter('date', '1969-05-01..'));
  for (const spelling of [
    'class:top-secret',
    'class:"top secret"',
    'class:top secret',
    'class:TOP_SECRET',
    'class:ts',
  ])
    assert.deepEqual(parseQuery(spelling), filter('class', 'TOP SECRET'), spelling);
  assert.deepEqual(parseQuery('class:secret'), filter('class', 'SECRET'));
  assert.deepEqual(parseQuery('caveat:nodis'), filter('caveat', 'NODIS'));
  assert.deepEqual(parseQuery('caveat:eyes-only'), filter('caveat', 'EYES ONLY'));
  assert.deepEqual(parseQuery('collection:frus1969-76v12'), filter('collection', 'frus1969-76v12'));
  assert.deepEqual(parseQuery('person:p_KHA1'), filter('person', 'p_KHA1'));
  assert.deepEqual(parseQuery('person:"Henry Kissinger"'), filter('person', 'Henry Kissinger'));
  assert.deepEqual(parseQuery('Speaker:Gromyko Berlin'), {
    type: 'and',
    children: [filter('speaker', 'Gromyko'), term('Berlin')],
  });
});

test('blank input means everything', () => {
  assert.deepEqual(parseQuery(''), { type: 'all' });
  assert.deepEqual(parseQuery('   \n\t'), { type: 'all' });
});

test('malformed queries point at where they broke', () => {
  const cases: [string, number, RegExp][] = [
    ['foo "bar', 4, /quote is never closed/],
    ['NEAR(a b', 4, /\( is never closed/],
    ['NEAR(', 4, /\( is never closed/],
    ['a)', 1, /\) has no matching \(/],
    ['()', 0, /empty/],
    ['*', 0, /\* needs letters/],
    ['a*b', 1, /end of a word/],
    ['title:foo', 0, /"title:" is not a filter/],
    ['type:bogus', 0, /not a document type/],
    ['date:1970..1969', 0, /ends before it starts/],
    ['date:1969-13', 0, /month 13/],
    ['date:yesterday', 0, /not a date/],
    ['class:cosmic', 0, /not a classification level/],
    ['person:', 7, /needs a value/],
    ['a OR', 2, /OR needs/],
    ['OR a', 0, /OR needs something/],
    ['NOT', 0, /NOT must be followed/],
    ['^', 0, /no letters or digits/],
    [':', 0, /no letters or digits/],
  ];
  for (const [query, position, message] of cases) {
    const error = syntaxError(query);
    assert.equal(error.position, position, `position for ${JSON.stringify(query)}`);
    assert.match(error.message, message, query);
    // The message shows the query with a caret under the position.
    const lines = error.message.split('\n');
    assert.equal(lines[1], `  ${query}`);
    assert.equal(lines[2], `  ${' '.repeat(position)}^`);
  }
});

test('hostile input costs linear time and never escapes as another error', () => {
  const long = 'a'.repeat(10_000);
  const started = performance.now();
  const error = syntaxError(long);
  assert.match(error.reason, new RegExp(`limit is ${MAX_QUERY_LENGTH}`));
  const nested = `${'('.repeat(40)}a${')'.repeat(40)}`;
  assert.match(syntaxError(nested).reason, /nest deeper/);
  assert.match(syntaxError('a '.repeat(150)).reason, /more than 100/);
  // Many shapes of junk: each either parses or throws QuerySyntaxError, quickly.
  const junk = [
    '"'.repeat(1999),
    '-'.repeat(1999),
    '*'.repeat(1999),
    ':'.repeat(1999),
    '(-'.repeat(999),
    'a:'.repeat(999),
  ];
  for (const query of junk) {
    try {
      parseQuery(query);
    } catch (caught) {
      assert.ok(caught instanceof QuerySyntaxError, `${query.slice(0, 10)}… threw ${String(caught)}`);
    }
  }
  assert.ok(performance.now() - started < 1000);
});
