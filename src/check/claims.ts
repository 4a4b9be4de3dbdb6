/**
 * From article text to check-worthy claims. A claim is a statement about what someone said
 * or did, an event, a date, a place, a number or a quotation; opinion and framing are listed
 * as skipped with the reason. One sentence can hold several claims ("X said A, although he
 * acknowledged B"; "X said that A and that B"), each with the actor carried over.
 */
import { findDates, findNumbers, type DateMention } from './quantities.js';
import { splitSentences } from './sentences.js';
import type { Claim, PersonRef, PlaceMention, SkippedSentence } from './types.js';
import { foldPunctuation, stripAccents } from './words.js';

/** Verbs that report speech, thought or a position. */
const SAY_VERBS =
  'said|says|told|tells|stated|stating|noted|noting|added|replied|remarked|asked|agreed|stressed|observed|pointed out|pointed|' +
  'warned|warning|assured|assuring|acknowledged|admitted|argued|claimed|insisted|promised|predicted|reported|indicated|' +
  'suggested|expressed|explained|emphasi[sz]ed|urged|proposed|offered|confirmed|denied|conceded|complained|' +
  'informed|advised|announced|declared|recalled|believed|thought|felt|hoped|committed|answered|responded|' +
  'recogni[sz]ed|understood|reminded|cautioned|conceded|maintained|affirmed|predicted|vowed|pledged';
/** Verbs after which the person addressed comes next ("told Nixon", "assured Putin"). */
const OBJECT_VERBS = new Set([
  'told',
  'tells',
  'assured',
  'assuring',
  'warned',
  'warning',
  'informed',
  'promised',
  'urged',
  'advised',
  'asked',
  'reminded',
  'cautioned',
  'pointed',
]);
/** A name inside the content followed by one of these speaks or holds a view in the record. */
const NESTED_VERBS =
  /^(?:(?:had|has|now|then|also|still)\s+)*(?:said|told|stated|valued|wanted|favou?red|supported|opposed|feared|expected|considered|regarded|intended|planned|believed|thought|felt|hoped|asked|replied|answered|responded|agreed|emphasi[sz]ed|stressed)\b/i;

const TITLE_WORDS = new Set(
  (
    'president vice secretary under assistant deputy federal foreign minister prime ambassador general chancellor ' +
    'senator counselor counsellor dr mr mrs ms sir lord premier chairman commissioner director high authority ' +
    'former u.s. us soviet yugoslav spanish british french german romanian american russian king queen chief ' +
    'state defense defence of the undersecretary sen rep governor adviser advisor national security'
  ).split(' '),
);
/** Capitalised words that name places and bodies, not people, when they stand as the actor. */
const NOT_PEOPLE = new Set(
  (
    'nato u.s. us usa america united states russia soviet union ussr china britain england france germany spain ' +
    'washington london moscow paris bonn beijing congress kremlin alliance government administration ' +
    'west east europe the documents records archive'
  ).split(' '),
);
const VENUE_WORDS =
  /\b(?:Embassy|Department|Ministry|Hotel|Office|Building|Residence|House|Hall|Room|Club|Chancery|Consulate)\b/;
const MONTH_WORDS =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
/** Capitalised only because they open the sentence. */
const SENTENCE_STARTERS = new Set(
  'at in on when while after before during over under the a an this that these those his her their its as since by for from with although though however if'.split(
    ' ',
  ),
);

/** Sentences that judge, frame or interpret rather than state a fact of record. */
const OPINION_MARKERS =
  /\b(?:significance|underscored?|invites? (?:broader |further |new )?(?:discussions?|questions|debate|comparisons?)|shed(?:s|ding)? light|suggesting|reflects?|perspectives?|arguably|it is clear|in (?:my|our) view|should be seen as|broader discussions?|remains to be seen|raises questions|a point of contention|consistently|over the years|in recent years)\b/i;
/** Wording that announces what the documents show: the claim is what follows. */
const META_LEAD =
  /^(?:.*?\b(?:revealing|reveal|reveals|showing|show|shows|indicating|indicate|indicates|confirming|confirm|confirms)\s+that\s+|according to [^,]+,\s*|the significance of [^.]*? is underscored by the fact that\s+)/i;
const DISCOURSE_LEAD =
  /^(?:however|moreover|meanwhile|in turn|still|yet|indeed|also|then|later|instead|but|and|so|thus)\s*,?\s+/i;

export interface ExtractOptions {
  /** At most this many claims are returned; the rest are counted in `notChecked`. */
  maxClaims?: number;
  /** Sentences beyond this many are not read (a 5 MB paste is not an article). */
  maxSentences?: number;
}

export interface ExtractedClaims {
  claims: Claim[];
  skipped: SkippedSentence[];
  sentences: number;
  notChecked: number;
}

export const DEFAULT_MAX_CLAIMS = 40;
export const DEFAULT_MAX_SENTENCES = 2000;

export function extractClaims(text: string, options: ExtractOptions = {}): ExtractedClaims {
  const maxClaims = options.maxClaims ?? DEFAULT_MAX_CLAIMS;
  const maxSentences = options.maxSentences ?? DEFAULT_MAX_SENTENCES;
  const claims: Claim[] = [];
  const skipped: SkippedSentence[] = [];
  let notChecked = 0;
  let sentenceIndex = 0;
  let lastActor: PersonRef | null = null;
  // Paragraph by paragraph, so a huge paste is read only as far as the caps allow.
  for (const paragraph of foldPunctuation(text).split(/\n\s*\n|\n/)) {
    if (sentenceIndex >= maxSentences) break;
    for (const span of splitSentences(paragraph)) {
      if (sentenceIndex >= maxSentences) break;
      const sentence = span.text.trim();
      const index = sentenceIndex++;
      const found = claimsOfSentence(sentence, index, lastActor);
      if ('reason' in found) {
        skipped.push({ sentence, sentenceIndex: index, reason: found.reason });
        continue;
      }
      for (const claim of found.claims) {
        if (claim.actor?.surname) lastActor = claim.actor;
        if (claims.length >= maxClaims) {
          notChecked++;
          continue;
        }
        claims.push({ ...claim, id: `c${claims.length + 1}` });
      }
    }
  }
  return { claims, skipped, sentences: sentenceIndex, notChecked };
}

type SentenceResult = { claims: Claim[] } | { reason: string };

function claimsOfSentence(
  sentence: string,
  sentenceIndex: number,
  lastActor: PersonRef | null,
): SentenceResult {
  const wordCount = sentence.split(/\s+/).filter(Boolean).length;
  if (wordCount < 4) return { reason: 'too short to hold a checkable statement' };
  if (!/[.!?"')]$/.test(sentence) && wordCount < 8)
    return { reason: 'a heading or fragment, not a statement' };
  const hasFigure = findNumbers(sentence).length > 0 || findDates(sentence).length > 0;
  const hasQuote = /"[^"]{3,}"/.test(sentence);
  const meta = META_LEAD.exec(sentence);
  const body = meta ? sentence.slice(meta[0].length) : sentence;
  if (OPINION_MARKERS.test(sentence) && !(meta && /fact that/i.test(meta[0]) && hasFigure)) {
    if (!meta || OPINION_MARKERS.test(body))
      return { reason: 'interpretation or framing, not a statement of record' };
  }
  const claims: Claim[] = [];
  let actor = lastActor;
  for (const clause of splitClauses(body)) {
    const parsed = parseClause(clause, actor);
    if (!parsed) continue;
    if (parsed.actor?.surname) actor = parsed.actor;
    const contents = splitContents(parsed.content);
    for (const content of contents) {
      // One of several statements in a clause is shown as "<actor> <verb> that <statement>".
      const text =
        contents.length > 1 && parsed.actor && parsed.verb
          ? `${parsed.actor.written} ${parsed.verb} that ${content}`
          : clause;
      claims.push(buildClaim(text, content, parsed, sentence, sentenceIndex));
    }
  }
  const worthy = claims.filter(
    (claim) =>
      claim.actor?.surname ||
      claim.quotes.length > 0 ||
      claim.numbers.length > 0 ||
      claim.eventDate !== null ||
      claim.coActors.length > 0,
  );
  if (worthy.length === 0) {
    return {
      reason:
        hasFigure || hasQuote
          ? 'names no one the record could have heard say it'
          : 'no named speaker, event, figure or quotation to check',
    };
  }
  return { claims: worthy };
}

/** Clauses with their own subject: "…; …" and "…, although he acknowledged …". */
function splitClauses(sentence: string): string[] {
  return sentence
    .split(/;\s+/)
    .flatMap((part) =>
      part.split(
        /,\s+(?:although|though|while|whereas|but|and)\s+(?=(?:he|she|[A-Z][\p{L}'-]+)\s+(?:also\s+)?(?:had\s+)?(?:acknowledged|said|added|noted|admitted|conceded|answered|replied|responded|warned|insisted|stressed|argued|told|indicated|agreed)\b)/u,
      ),
    )
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** "A, and that B" and "A and that B": one claim per reported statement. */
function splitContents(content: string): string[] {
  return content
    .split(/,?\s+and\s+that\s+/i)
    .map((part) => part.trim())
    .filter((part) => part.split(/\s+/).length >= 2);
}

interface ParsedClause {
  actor: PersonRef | null;
  coActors: PersonRef[];
  addressee: PersonRef | null;
  verb: string | null;
  framing: string;
  content: string;
}

function parseClause(rawClause: string, lastActor: PersonRef | null): ParsedClause | null {
  const clause = rawClause.replace(DISCOURSE_LEAD, '').replace(/^(?:According to [^,]+,\s*)/i, '');
  const verbPattern = new RegExp(`\\b(${SAY_VERBS})\\b`, 'g');
  for (const match of clause.matchAll(verbPattern)) {
    const verb = match[1]!;
    const before = clause.slice(0, match.index);
    // Words inside quotation marks are the quoted speech, not the reporting verb.
    if ((before.match(/"/g) ?? []).length % 2 === 1) continue;
    let actor = actorBefore(before, lastActor);
    if (!actor && /ing$/.test(verb) && /,\s*$/.test(before)) actor = firstPerson(before) ?? null;
    if (!actor) continue;
    let rest = clause.slice(match.index + match[0].length);
    let addressee: PersonRef | null = null;
    if (OBJECT_VERBS.has(verb.toLowerCase())) {
      const object =
        /^\s+((?:his|her|the|its)\s+)?((?:[\p{L}'.-]+\s+){0,5}?[\p{L}'.-]+?)(?=\s+(?:that|he|she|they|it|in|on|at|during|after|before|to|about|of|when|he'd|$)\b|[,:;"]|\s+[\p{Ll}]+ed\b)/u.exec(
          rest,
        );
      if (object && !/^(?:that|he|she|they|it)$/i.test(object[2]!)) {
        addressee = personRef(`${object[1] ?? ''}${object[2]!}`.trim());
        rest = rest.slice(object[0].length);
      }
    }
    // "told the chiefs of mission that …": the statement starts after a nearby "that".
    const nearThat = /^[^"]{0,60}?\bthat\b\s*/.exec(rest);
    if (nearThat && (addressee || /^\s+(?:the|his|her|their)\b/i.test(rest)))
      rest = rest.slice(nearThat[0].length - 0);
    const framingEnd = clause.length - rest.length;
    // Skip what stands between the verb and the statement: dates, places, "that", ":".
    const lead =
      /^(?:\s*,?\s*(?:(?:in|on|at|during|over|after|before|from)\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+)?[\p{L}\d, ]*?\d{4}|in\s+[A-Z][\p{L}]+)\b)*\s*(?:,\s*)?(?:that\b|:)?\s*/u.exec(
        rest,
      );
    const content = rest
      .slice(lead ? lead[0].length : 0)
      .replace(/^[\s,]+/, '')
      .trim();
    if (content.split(/\s+/).length < 2) continue;
    return {
      actor,
      coActors: [],
      addressee,
      verb,
      framing: clause.slice(0, framingEnd) + (lead ? lead[0] : ''),
      content: stripEndPunctuation(content),
    };
  }
  // No verb of saying: an event ("Johnson and Kosygin held their talks at Camp David").
  const people = peopleIn(clause);
  return {
    actor: people[0] ?? null,
    coActors: people.slice(1),
    addressee: null,
    verb: null,
    framing: clause,
    content: stripEndPunctuation(clause),
  };
}

function stripEndPunctuation(text: string): string {
  return text.replace(/[\s.!?]+$/, '').replace(/^"(.*)"$/s, '"$1"');
}

/** The person named right before a verb ("… Lyndon Johnson told"), or "he" carried over. */
function actorBefore(before: string, lastActor: PersonRef | null): PersonRef | null {
  const trimmed = before
    .replace(/,\s*(?:in turn|too|for (?:his|her) part|however|also)\s*,\s*$/i, ' ')
    .replace(
      /\s+(?:also|then|now|later|again|once|had|has|have|reportedly|privately|publicly|repeatedly)\s*$/i,
      '',
    )
    .trimEnd();
  if (/\b(?:he|she)$/i.test(trimmed))
    return lastActor ? { ...lastActor, written: trimmed.slice(-2).trim() } : null;
  const name = /((?:(?:[A-Z][\p{L}'.-]*|de|von|van|der|du|la|le)\s+)*[A-Z][\p{L}'-]*)$/u.exec(trimmed);
  if (!name) return null;
  const ref = personRef(name[1]!);
  return ref.surname ? ref : null;
}

function firstPerson(text: string): PersonRef | undefined {
  return peopleIn(text)[0];
}

/** People named in a clause: runs of capitalised words that are not places, bodies or months. */
function peopleIn(text: string): PersonRef[] {
  const people: PersonRef[] = [];
  const pattern = /(?:(?:[A-Z][\p{L}'.-]*|de|von|van)\s+)*[A-Z][\p{L}'-]*(?:'s)?/gu;
  for (const match of text.matchAll(pattern)) {
    // "Kissinger's January 1969 meeting": a possessive or a month ends the name.
    let offset = match.index;
    for (const piece of match[0].split(
      /(?<='s)\s+|\s+(?=(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)/,
    )) {
      const start = offset;
      offset += piece.length + 1;
      const written = piece.replace(/'s$/, '').trim();
      const ref = personRef(written);
      if (!ref.surname || VENUE_WORDS.test(written)) continue;
      const before = text.slice(Math.max(0, start - 12), start);
      // "in Moscow", "at the Soviet Embassy": a place, not a person.
      if (/\b(?:in|at|to|from|of)\s+(?:the\s+)?$/i.test(before) && !ref.title) continue;
      if (!people.some((p) => p.surname === ref.surname)) people.push(ref);
    }
  }
  return people;
}

/** A person as written: titles separated from the name, the surname as the comparison key. */
export function personRef(written: string): PersonRef {
  const tokens = written
    .replace(/^(?:his|her|the|its)\s+/i, '')
    .split(/\s+/)
    .filter(Boolean);
  const titleTokens: string[] = [];
  let index = 0;
  while (index < tokens.length - 1 && TITLE_WORDS.has(tokens[index]!.toLowerCase().replace(/'s$/, ''))) {
    titleTokens.push(tokens[index]!);
    index++;
  }
  const nameTokens = tokens
    .slice(index)
    .map((t) => t.replace(/'s$/, ''))
    .filter((t) => /^[A-Z\p{Lu}]/u.test(t) || /^(?:de|von|van)$/.test(t));
  const lowerAll = tokens.join(' ').toLowerCase().replace(/'s\b/g, '');
  let surname: string | null = null;
  const last = nameTokens[nameTokens.length - 1];
  const lastWritten = tokens[tokens.length - 1]!.replace(/'s$/, '');
  if (
    last &&
    last === lastWritten &&
    !(nameTokens.length === 1 && SENTENCE_STARTERS.has(last.toLowerCase())) &&
    !MONTH_WORDS.test(last) &&
    !NOT_PEOPLE.has(lowerAll) &&
    !NOT_PEOPLE.has(last.toLowerCase()) &&
    !TITLE_WORDS.has(last.toLowerCase()) &&
    !/^[A-Z.]{2,}$/.test(last)
  ) {
    surname = stripAccents(last.replace(/'s$/, '').toLowerCase());
  }
  return { written, surname, title: titleTokens.length > 0 ? titleTokens.join(' ') : null };
}

function buildClaim(
  clause: string,
  content: string,
  parsed: ParsedClause,
  sentence: string,
  sentenceIndex: number,
): Claim {
  const framingDates = parsed.verb ? findDates(parsed.framing) : [];
  const contentDates = findDates(content);
  let eventDate: DateMention | null = framingDates[0] ?? null;
  let otherDates = contentDates;
  if (!parsed.verb && !eventDate) {
    // An event clause: its first dated phrase says when it happened.
    eventDate = contentDates[0] ?? null;
    otherDates = contentDates.slice(1);
  }
  const quotes = [...`${parsed.verb ? '' : ''}${content}`.matchAll(/"([^"]{2,})"/g)].map((m) =>
    m[1]!.replace(/[\s,.;:!?]+$/, ''),
  );
  if (quotes.length === 0 && /^"/.test(clause.slice(clause.indexOf(content)))) quotes.push(content);
  const nested = nestedSpeaker(content);
  return {
    id: '',
    text: parsed.verb ? clause : content,
    sentence,
    sentenceIndex,
    actor: parsed.actor,
    coActors: parsed.coActors,
    addressee: parsed.addressee,
    nestedSpeaker: nested,
    verb: parsed.verb,
    content,
    quotes,
    numbers: findNumbers(content, contentDates),
    eventDate,
    contentDates: otherDates,
    places: placesIn(parsed.verb ? parsed.framing : content, parsed.verb !== null),
    anchoredToRecord:
      /\bsince (?:this|that|the) (?:meeting|conversation|call|talk|summit|time|date)\b|\bsince then\b/i.test(
        content,
      ),
  };
}

function nestedSpeaker(content: string): PersonRef | null {
  const match = /^(?:(?:[\p{L}'-]+\s+){0,3}?)((?:[A-Z][\p{L}'.-]*\s+)*[A-Z][\p{L}'-]*)\s+(.*)$/u.exec(
    content,
  );
  if (!match || !NESTED_VERBS.test(match[2]!)) return null;
  const ref = personRef(match[1]!);
  return ref.surname ? ref : null;
}

/** Places after "in", "at" or "from" (not months, not the year's month). */
function placesIn(text: string, isFraming: boolean): PlaceMention[] {
  const places: PlaceMention[] = [];
  const pattern = isFraming
    ? /\b(?:in|at|from)\s+(?:the\s+)?((?:[A-Z][\p{L}.'-]*)(?:\s+[A-Z][\p{L}.'-]*)*)/gu
    : /\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\p{L}.'-]*)(?:\s+[A-Z][\p{L}.'-]*)*)/gu;
  for (const match of text.matchAll(pattern)) {
    const name = match[1]!;
    if (MONTH_WORDS.test(name.split(/\s+/)[0]!)) continue;
    if (/^(?:NATO|U\.S\.|US)$/.test(name)) continue;
    const eventish =
      isFraming ||
      /\b(?:held|took place|met|meeting|talks|summit|dinner|visit)\b/i.test(text.slice(0, match.index + 20));
    places.push({ text: name, role: eventish ? 'event' : 'content', venue: VENUE_WORDS.test(name) });
  }
  return places;
}
