/**
 * Word-level tools shared by claim parsing, evidence ranking and verdicts: tokens, a light
 * stemmer, function words, and the few synonym families that press paraphrase swaps in for
 * the record's wording ("expansion" for "enlargement", "U.S." for "United States").
 */

/** Straight quotes and dashes for curly ones, so "didn’t" in an article meets "didn't" in a record. */
export function foldPunctuation(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** Words as written, lower-cased: letters, digits and inner apostrophes ("didn't", "f-111"). */
export function words(text: string): string[] {
  const folded = foldPunctuation(text)
    .toLowerCase()
    .replace(/\bu\.\s?s\.(?:s\.r\.)?/g, (m) => m.replace(/[.\s]/g, ''))
    .replace(/\bunited states\b/g, 'us');
  return folded.match(/\d{1,3}(?:,\d{3})+|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
}

export const FUNCTION_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from into onto upon about as than then that this these those ' +
    "it its it's he him his she her hers they them their theirs we us our ours you your i me my mine " +
    'is are was were be been being am do does did done have has had having ' +
    'will would shall should can could may might must ' +
    'there here which who whom whose what when where why how also only just so very too ' +
    'such some any each every all both either neither other another more most much many ' +
    'own same up down out over under again further once s t' +
    ' said say says told tell tells stated state noted note added add replied reply remarked ' +
    'asked ask answered explained indicated suggested mentioned commented observed responded'
  ).split(/\s+/),
);

/**
 * Words an article uses for the record's word: both sides map to one stem so that a paraphrase
 * matches. Kept to families whose members mean the same thing in diplomatic prose.
 */
const SYNONYM_STEMS: Record<string, string> = {
  expans: 'enlarg',
  expand: 'enlarg',
  enlarg: 'enlarg',
  us: 'us',
  usa: 'us',
  america: 'us',
  washin: 'us',
  soviet: 'soviet',
  ussr: 'soviet',
  moscow: 'soviet',
  britai: 'britis',
  britis: 'britis',
  uk: 'britis',
  london: 'britis',
  german: 'german',
  mfn: 'mostfa',
  'most-f': 'mostfa',
  telcon: 'phone',
  teleph: 'phone',
  phone: 'phone',
  call: 'phone',
  nuclea: 'atomic',
  atomic: 'atomic',
  eec: 'common',
  common: 'common',
  talk: 'discus',
  discus: 'discus',
  mainta: 'keep',
  keep: 'keep',
  kept: 'keep',
  entir: 'whole',
  whol: 'whole',
  // A country and its people or adjective: "China" / "the Chinese".
  chines: 'china',
  french: 'france',
  spanis: 'spain',
  japane: 'japan',
  cuban: 'cuba',
  italia: 'italy',
  polish: 'poland',
};

/** A stem: inflection stripped, then cut to six letters, with synonym families merged. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (/^\d/.test(w)) return w.replace(/[,']/g, '');
  for (const suffix of ['ings', 'ing', 'edly', 'ed', 'ies', 'es', 's', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length) + (suffix === 'ies' ? 'y' : '');
      // "cutting" → "cut", "planned" → "plan".
      if (/(?:ing|ed)$/.test(suffix) && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|ff|zz)$/.test(w))
        w = w.slice(0, -1);
      break;
    }
  }
  // "value" and "valued" meet at "valu".
  if (w.length > 4) w = w.replace(/e$/, '');
  const cut = w.slice(0, 6);
  return SYNONYM_STEMS[cut] ?? cut;
}

/** Content words of a text as stems, in order, without function words. */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => !FUNCTION_WORDS.has(w) && w.length > 1)
    .map(stem);
}

/** Words that turn a statement round. "rather than X" says "not X". */
const NEGATORS = /\b(?:not|no|never|none|nothing|nobody|neither|nor|cannot|without|unlikely|[a-z]+n't)\b/g;

/** How many negations a clause carries (its polarity is the parity). */
export function negationCount(text: string): number {
  return (foldPunctuation(text).toLowerCase().match(NEGATORS) ?? []).length;
}

/**
 * Pairs of words whose swap reverses a statement, as stems. A claim that says one where the
 * record says the other, with the rest of the sentence the same, is a polarity contradiction.
 */
const ANTONYM_PAIRS: [string, string][] = [
  ['accept', 'unacce'],
  ['left', 'remain'],
  ['leave', 'remain'],
  ['withdr', 'remain'],
  ['greate', 'smalle'],
  ['larger', 'smalle'],
  ['increa', 'decrea'],
  ['increa', 'reduce'],
  ['streng', 'weaken'],
  ['suppor', 'oppose'],
  ['agree', 'disagr'],
  ['approv', 'disapp'],
  ['likely', 'unlike'],
  ['possib', 'imposs'],
  ['succee', 'failed'],
  ['will', "won't"],
];

/** The antonym pairs split between the claim's stems and the record's stems. */
export function antonymClashes(claimStems: ReadonlySet<string>, recordStems: ReadonlySet<string>): string[] {
  const clashes: string[] = [];
  for (const [a, b] of ANTONYM_PAIRS) {
    if (claimStems.has(a) && !claimStems.has(b) && recordStems.has(b) && !recordStems.has(a))
      clashes.push(`${a}… / ${b}…`);
    else if (claimStems.has(b) && !claimStems.has(a) && recordStems.has(a) && !recordStems.has(b))
      clashes.push(`${b}… / ${a}…`);
  }
  return clashes;
}

/** Surname key of a person as written ("Lyndon Johnson", "Kissinger, Henry A.", "de Gaulle"). */
export function surnameKey(name: string): string {
  const cleaned = foldPunctuation(name)
    .replace(/\([^)]*\)/g, ' ')
    .trim();
  const base = cleaned.includes(',') ? cleaned.split(',')[0]! : cleaned;
  const tokens = base.match(/[\p{L}'-]+/gu) ?? [];
  if (tokens.length === 0) return '';
  const last = tokens[tokens.length - 1]!.toLowerCase();
  return stripAccents(last);
}

export function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}
