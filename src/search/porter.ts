/**
 * The tokens of SQLite FTS5's `porter unicode61 remove_diacritics 2` tokenizer, in JavaScript,
 * so the re-ranker can count a passage's terms the way the index counted them.
 *
 * Tokens are runs of letters and digits, folded to lower case without diacritics. The stemmer is
 * Porter's 1980 algorithm as FTS5 applies it: tokens shorter than 3 or longer than 64 bytes are
 * kept as they are; in steps 2 to 4 only the longest matching suffix is tried.
 */

const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const MARKS = /\p{M}/gu;

/** The tokens of a text, folded and stemmed. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = fold(match[0]);
    if (word !== '') tokens.push(stem(word));
  }
  return tokens;
}

const NON_ASCII = /[^\t-~]/;
const ASCII_SEPARATORS = /[^a-z0-9]+/;

/**
 * The tokens of a text where only those that may stem to something `relevant` accepts (given
 * the folded token) are stemmed; the others are ''. Positions and counts stay exact, and most
 * tokens skip the stemmer.
 */
export function tokenizeSparse(text: string, relevant: (token: string) => boolean): string[] {
  if (NON_ASCII.test(text)) return tokenize(text).map((token) => (relevant(token) ? token : ''));
  const tokens = text.toLowerCase().split(ASCII_SEPARATORS);
  let start = 0;
  let end = tokens.length;
  if (end > 0 && tokens[0] === '') start = 1;
  if (end > start && tokens[end - 1] === '') end--;
  const out: string[] = new Array<string>(end - start);
  for (let i = start; i < end; i++) {
    const token = tokens[i]!;
    out[i - start] = relevant(token) ? stem(token) : '';
  }
  return out;
}

const folded = new Map<string, string>();
const stems = new Map<string, string>();
/** Memo tables are dropped beyond this size, so a long-running server stays bounded. */
const MEMO_LIMIT = 200_000;

/** Lower case, without diacritics (`Élysée` → `elysee`). */
export function fold(word: string): string {
  if (/^[a-z0-9]*$/.test(word)) return word;
  let result = folded.get(word);
  if (result === undefined) {
    result = word
      .normalize('NFD')
      .replace(MARKS, '')
      .toLowerCase()
      .replace(/\u00b5/g, '\u03bc');
    if (folded.size >= MEMO_LIMIT) folded.clear();
    folded.set(word, result);
  }
  return result;
}

/** The Porter stem of a folded token, as FTS5's porter tokenizer computes it. */
export function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    result = porter(word);
    if (stems.size >= MEMO_LIMIT) stems.clear();
    stems.set(word, result);
  }
  return result;
}

function isVowel(c: string, yIsVowel: boolean): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || (yIsVowel && c === 'y');
}

/** Whether each letter of `w[0..n)` is a consonant (`y` is a vowel after a consonant). */
function consonants(w: string, n: number): boolean[] {
  const kinds: boolean[] = [];
  let consonant = false;
  for (let i = 0; i < n; i++) {
    consonant = !isVowel(w[i]!, consonant);
    kinds.push(consonant);
  }
  return kinds;
}

/** The measure m of `w[0..n)`: the number of vowel-consonant sequences, [C](VC)^m[V]. */
function measure(w: string, n: number): number {
  const kinds = consonants(w, n);
  let m = 0;
  for (let i = 1; i < n; i++) if (kinds[i] && !kinds[i - 1]) m++;
  return m;
}

function hasVowel(w: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (isVowel(w[i]!, i > 0)) return true;
  return false;
}

/** `*o`: ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(w: string, n: number): boolean {
  if (n < 3) return false;
  const last = w[n - 1]!;
  if (last === 'w' || last === 'x' || last === 'y') return false;
  const kinds = consonants(w, n);
  return kinds[n - 1]! && !kinds[n - 2]! && kinds[n - 3]!;
}

type Rule = [suffix: string, replacement: string];

const STEP2: Rule[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['logi', 'log'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
];
const STEP3: Rule[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];
const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

/** Rules grouped by the suffix's last-but-one letter, longest suffix first (as FTS5 tries them). */
function byPenultimate<T>(rules: T[], suffix: (rule: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const rule of rules) {
    const s = suffix(rule);
    const key = s[s.length - 2]!;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  for (const group of groups.values()) group.sort((a, b) => suffix(b).length - suffix(a).length);
  return groups;
}

const STEP2_RULES = byPenultimate(STEP2, (rule) => rule[0]);
const STEP3_RULES = byPenultimate(STEP3, (rule) => rule[0]);
const STEP4_RULES = byPenultimate(STEP4, (suffix) => suffix);

/** Replaces the longest matching suffix when the stem before it has measure > 0. */
function replaceSuffix(w: string, rules: Map<string, Rule[]>): string {
  for (const [suffix, replacement] of rules.get(w[w.length - 2] ?? '') ?? []) {
    if (w.length > suffix.length && w.endsWith(suffix)) {
      const n = w.length - suffix.length;
      return measure(w, n) > 0 ? w.slice(0, n) + replacement : w;
    }
  }
  return w;
}

function porter(word: string): string {
  const bytes = Buffer.byteLength(word);
  if (bytes < 3 || bytes > 64) return word;
  let w = word;

  // Step 1a: plurals.
  if (w.endsWith('s')) {
    if (w.endsWith('es')) {
      const two = (w.length > 4 && w.endsWith('sses')) || (w.length > 3 && w.endsWith('ies'));
      w = w.slice(0, two ? -2 : -1);
    } else if (!w.endsWith('ss')) {
      w = w.slice(0, -1);
    }
  }

  // Step 1b: -eed, -ed, -ing.
  let removed = false;
  if (w.length > 3 && w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.length > 2 && w.endsWith('ed')) {
    if (hasVowel(w, w.length - 2)) {
      w = w.slice(0, -2);
      removed = true;
    }
  } else if (w.length > 3 && w.endsWith('ing')) {
    if (hasVowel(w, w.length - 3)) {
      w = w.slice(0, -3);
      removed = true;
    }
  }
  if (removed) {
    if (w.length > 2 && (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz'))) {
      w += 'e';
    } else {
      const c = w[w.length - 1]!;
      if (
        w.length > 1 &&
        !isVowel(c, false) &&
        c !== 'l' &&
        c !== 's' &&
        c !== 'z' &&
        c === w[w.length - 2]
      ) {
        w = w.slice(0, -1);
      } else if (measure(w, w.length) === 1 && endsCvc(w, w.length)) {
        w += 'e';
      }
    }
  }

  // Step 1c: y → i after a vowel somewhere in the stem.
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = `${w.slice(0, -1)}i`;

  // Steps 2 and 3: double and single suffixes.
  w = replaceSuffix(w, STEP2_RULES);
  w = replaceSuffix(w, STEP3_RULES);

  // Step 4: remove a suffix when m > 1 (-ion only after s or t).
  for (const suffix of STEP4_RULES.get(w[w.length - 2] ?? '') ?? []) {
    if (w.length > suffix.length && w.endsWith(suffix)) {
      const n = w.length - suffix.length;
      if (measure(w, n) > 1 && (suffix !== 'ion' || w[n - 1] === 's' || w[n - 1] === 't')) w = w.slice(0, n);
      break;
    }
  }

  // Step 5a: a final e.
  if (w.endsWith('e')) {
    const n = w.length - 1;
    const m = measure(w, n);
    if (m > 1 || (m === 1 && !endsCvc(w, n))) w = w.slice(0, n);
  }
  // Step 5b: -ll → -l when m > 1.
  if (w.length > 1 && w.endsWith('ll') && measure(w, w.length - 1) > 1) w = w.slice(0, -1);
  return w;
}
