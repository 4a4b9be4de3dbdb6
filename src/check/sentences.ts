/**
 * Sentences of an article or a record passage, with their offsets. A sentence ends at ".",
 * "!" or "?" (with any closing quote or bracket) followed by space and a capital or an
 * opening quote — unless the word before the stop is an abbreviation ("U.S.", "Mr.",
 * "p.m.", an initial), which in news and diplomatic prose is followed by a name, not a
 * new sentence. (The general-purpose splitter cut "former U.S. | President Bill Clinton".)
 */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr st gen adm col lt maj capt sgt amb sen rep gov pres sec no nos vol p pp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec jr sr messrs mme mlle hon rev prof ' +
    'u.s u.k u.n u.s.s.r a.m p.m e.g i.e cf etc vs'
  ).split(' '),
);

const BOUNDARY = /[.!?]+["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018(]?[\p{Lu}\d])/gu;

export function splitSentences(text: string, offset = 0): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const stop = match.index;
    const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, stop - 12), stop))?.[1] ?? '';
    const bare = word.toLowerCase().replace(/\.$/, '');
    // "U.S." and "Mr." are abbreviations, "J." an initial: no sentence ends there.
    if (
      text[stop] === '.' &&
      (ABBREVIATIONS.has(bare) || /^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word))
    )
      continue;
    const end = stop + match[0].trimEnd().length;
    pushSpan(spans, text, start, end, offset);
    start = stop + match[0].length;
  }
  pushSpan(spans, text, start, text.length, offset);
  return spans;
}

function pushSpan(spans: SentenceSpan[], text: string, start: number, end: number, offset: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  if (body === '') return;
  spans.push({ text: body, start: offset + start + lead, end: offset + start + lead + body.length });
}
