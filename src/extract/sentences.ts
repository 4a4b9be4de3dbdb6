/**
 * Sentence spans over a passage's text, from the sbd sentence-boundary detector (which knows
 * "Mr.", "Dr.", "p.m." and initials, and is several times faster than an AST-building splitter
 * on volumes of thousands of passages), with repairs for the way FRUS prints quotations:
 * - a closing quote that the splitter leaves at the head of the next sentence ("“Are you sure?|”
 *   he asked.") goes back to the sentence it closes, and a sentence that then starts in lower
 *   case is the tail of the quoted one ("… he asked") and is joined to it;
 * - a quotation that ends a sentence ("… the Middle East, etc.” K said …") ends the sentence
 *   even when its last word is an abbreviation, if a capitalised word follows.
 */
import sbd from 'sbd';

export interface SentenceSpan {
  /** Offset of the first character, in the passage text. */
  start: number;
  /** Offset just after the last character. */
  end: number;
}

const CLOSERS = /^[”’"')\]]+/u;
/** End of a quoted sentence followed by a new sentence: `.”  K`, `?”  The`. */
const QUOTE_END = /[.?!][”"]\s+(?=[\p{Lu}“"([])/gu;

const SBD_OPTIONS = { preserve_whitespace: true, newline_boundaries: false };

export function sentenceSpans(text: string): SentenceSpan[] {
  const raw: SentenceSpan[] = [];
  let at = 0;
  for (const sentence of sbdSentences(text)) {
    // sbd returns the sentences in order with white space kept, so offsets follow by search.
    const start = text.indexOf(sentence, at);
    if (start < 0) continue;
    raw.push({ start, end: start + sentence.length });
    at = start + sentence.length;
  }
  const repaired = rejoinAfterCountryAbbreviations(text, rejoinQuotedTails(text, raw));
  // Plain loops rather than flatMap: this runs for every passage attributed.
  const spans: SentenceSpan[] = [];
  for (const span of repaired)
    for (const piece of splitAtQuoteEnds(text, span)) {
      const kept = trimmed(text, piece);
      if (kept) spans.push(kept);
    }
  return spans;
}

/**
 * sbd's sentences, without running sbd on a text it would return whole: about a third of
 * the passages attributed are one sentence (a turn's "Yes.", a list item, a heading).
 */
function sbdSentences(text: string): string[] {
  if (isOneSentence(text)) return /\S/.test(text) ? [text] : [];
  return sbd.sentences(text, SBD_OPTIONS);
}

/** Stops and the closing quotes and brackets that may follow them at the end of a text. */
const FINAL_STOPS = new Set(['.', '?', '!', '"', '”', '’', "'", ')', ']']);

/**
 * True when sbd cannot find a boundary before the end of the text. sbd only breaks a sentence
 * at a word that contains `.`, `?` or `!` (or is its own newline marker `@~@`). When every such
 * character is in the run of stops and closers that ends the text, the only word that has one
 * is the last word, and on the last word sbd ends the sentence that is ending anyway — none of
 * its splits inside a word ("end.Next") applies, as no letter follows the stop.
 */
function isOneSentence(text: string): boolean {
  if (text.includes('@~@')) return false;
  const trimmed = text.trimEnd();
  let stops = trimmed.length;
  while (stops > 0 && FINAL_STOPS.has(trimmed[stops - 1]!)) stops--;
  return (
    !hasBefore(trimmed, '.', stops) && !hasBefore(trimmed, '?', stops) && !hasBefore(trimmed, '!', stops)
  );
}

/** Does `char` occur in `text` before offset `end`? (indexOf is a native scan.) */
function hasBefore(text: string, char: string, end: number): boolean {
  const at = text.indexOf(char);
  return at >= 0 && at < end;
}

function rejoinQuotedTails(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    if (!previous) {
      out.push({ ...span });
      continue;
    }
    const body = text.slice(span.start, span.end);
    const closers = CLOSERS.exec(body)?.[0].length ?? 0;
    const rest = body.slice(closers).trimStart();
    if (closers > 0 && (rest === '' || /^[\p{Ll},;:—–-]/u.test(rest))) {
      previous.end = span.end;
      continue;
    }
    if (closers > 0) {
      previous.end = span.start + closers;
      out.push({ start: span.start + closers, end: span.end });
      continue;
    }
    out.push({ ...span });
  }
  return out;
}

/** Words that start sentences; after "U.S." any other capitalised word is a noun it qualifies. */
const SENTENCE_STARTERS =
  /^(?:The|He|She|It|We|I|They|This|That|These|Those|There|In|At|On|But|And|If|As|When|After|Before|Mr|Mrs|Dr|His|Her|Our|Their|What|Why|How|Yes|No)\b/;

/** "the U.S. | Government agreed", "M. | Rollman said": no sentence ends at "U.S." or an initial before a name. */
function rejoinAfterCountryAbbreviations(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    const next = text.slice(span.start, span.end).trimStart();
    if (
      previous &&
      /(?:\b(?:U\.S|U\.K|U\.N|U\.S\.S\.R)|(?:^|\s)\p{Lu})\.$/u.test(
        text.slice(previous.start, previous.end).trimEnd(),
      ) &&
      /^\p{Lu}/u.test(next) &&
      !SENTENCE_STARTERS.test(next)
    ) {
      previous.end = span.end;
      continue;
    }
    out.push({ ...span });
  }
  return out;
}

function splitAtQuoteEnds(text: string, span: SentenceSpan): SentenceSpan[] {
  const body = text.slice(span.start, span.end);
  const pieces: SentenceSpan[] = [];
  let from = 0;
  for (const match of body.matchAll(QUOTE_END)) {
    const cut = match.index + 2;
    // A quotation opened inside this sentence must be the one closing here, or the
    // apostrophe-like `"` is not a quote end at all.
    if (!/[“"]/u.test(body.slice(from, cut - 1))) continue;
    pieces.push({ start: span.start + from, end: span.start + cut });
    from = match.index + match[0].length;
  }
  pieces.push({ start: span.start + from, end: span.end });
  return pieces;
}

/** The span without white space at its ends, or null when nothing else is left. */
function trimmed(text: string, span: SentenceSpan): SentenceSpan | null {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}
