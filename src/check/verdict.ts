/**
 * Verdict rules, in the order a careful checker applies them:
 *   1. quotations: words in quotation marks must be in the record, word for word;
 *   2. is the statement in the record at all (enough of its weighted content in one place)?
 *   3. who said it: the sentence's speaker against the claimed speaker;
 *   4. does the passage disagree on a number, the polarity, the date, the place or a participant?
 * Every verdict cites the sentences behind it, with their speakers.
 */
import type { Document } from '../records/schema.js';
import { alignedWindow, containsWords, orderedOverlap, wordDiff } from './diff.js';
import {
  claimDateAgrees,
  claimPeople,
  documentParticipants,
  documentSurnames,
  type ClaimEvidence,
  type RankedSentence,
} from './evidence.js';
import { findDates, findNumbers, numbersAgree } from './quantities.js';
import type { Citation, Claim, EvidenceSentence, Verdict } from './types.js';
import { antonymClashes, contentStems, negationCount, surnameKey, words } from './words.js';

/** Below this share of the claim's weighted content, nothing in the record says it. */
const FOUND = 0.4;
/** A word this rare in the archive (weight = log(1 + N/(df+1))) is the claim's point: the record must hold it. */
const RARE_WEIGHT = 4.5;
/** A quotation whose words the closest sentence holds this much, in order, was altered, not invented. */
const ALTERED = 0.5;
/** At or above this share, a sentence says what the claim says rather than something near it. */
const STRONG = 0.5;

export interface VerdictOptions {
  /** Resolves a title used as a speaker label ("The President") to a name on a date. */
  resolveTitle?: (label: string, date: string | null) => string | null;
  /** Years a collection covers, from its title: a document dated outside them has a misprinted date. */
  collectionYears?: (collectionId: string) => [number, number] | null;
}

export function decideVerdict(claim: Claim, evidence: ClaimEvidence, options: VerdictOptions = {}): Verdict {
  const { ranked, documents } = evidence;
  const speakerOf = (sentence: EvidenceSentence) => sentenceSpeaker(sentence, options);

  // 1. Quotations. Where several people use the quoted words, the claimed speaker's use is
  // the one the claim means.
  const claimed = new Set([claim.actor?.surname, claim.nestedSpeaker?.surname].filter(Boolean) as string[]);
  const byClaimed = (s: RankedSentence) => {
    const surname = speakerOf(s).surname;
    return surname !== null && claimed.has(surname);
  };
  const quoteSentences: RankedSentence[] = [];
  /** Sentences holding a quoted phrase word for word: they pin the passage the claim means. */
  const pinnedSentences: RankedSentence[] = [];
  for (const quote of claim.quotes) {
    const holding = ranked.filter((s) => containsWords(s.text, quote));
    // One quoted word ("train") is common property; a phrase is someone's wording.
    const phrase = words(quote).length >= 2;
    const exact =
      (phrase ? holding.find(byClaimed) : undefined) ?? holding[0] ?? findInPassages(ranked, quote);
    if (exact) {
      quoteSentences.push(exact);
      if (phrase) pinnedSentences.push(exact);
      continue;
    }
    if (words(quote).length < 3) continue;
    const closest = [...ranked]
      .map((s) => ({ s, overlap: orderedOverlap(s.text, quote) + 0.3 * s.coverage }))
      .sort((a, b) => b.overlap - a.overlap)[0];
    if (closest && orderedOverlap(closest.s.text, quote) >= ALTERED) {
      const window = alignedWindow(closest.s.text, quote);
      return {
        verdict: 'altered_quote',
        confidence: round(0.55 + 0.4 * orderedOverlap(closest.s.text, quote)),
        reason: `the quoted words are not in the record; the closest wording is "${window}"`,
        citations: [
          cite(closest.s, 'closest wording', speakerOf(closest.s)),
          ...otherCitations(ranked, closest.s, 2, speakerOf),
        ],
        diff: wordDiff(window, quote),
      };
    }
  }

  // 2a. An event ("X and Y held talks at Z in June 1967"): the record of that meeting decides.
  const eventVerdict = checkEventRecord(claim, evidence);
  if (eventVerdict) return eventVerdict;

  // 2b. The best place the statement is made.
  const best = pickBest(ranked, pinnedSentences, byClaimed);
  if (
    !best ||
    (best.coverage < FOUND && !quoteSentences.includes(best) && best.contextCoverage < FOUND + 0.15)
  ) {
    return notInRecord(claim, best, ranked, speakerOf);
  }
  const document = documents.get(best.documentId)!;
  const participant = participantContradiction(claim, document);
  if (participant) {
    return {
      verdict: 'contradicted',
      confidence: participant.confidence,
      reason: participant.reason,
      citations: [...participant.citations, cite(best, 'best match', speakerOf(best))],
    };
  }
  const missing = [...missingSalientTerms(claim, document), ...missingRareWords(claim, evidence, document)];
  if (missing.length > 0 && !quoteSentences.includes(best)) {
    return {
      ...notInRecord(claim, best, ranked, speakerOf),
      reason: `the record does not mention ${missing.map((m) => `"${m}"`).join(', ')}; the closest passage says something else`,
    };
  }

  // A statement relayed from someone ("Dobrynin said Brezhnev wanted …") needs a record that names them.
  const nested = claim.nestedSpeaker?.surname;
  if (nested && !documentSurnames(document).has(nested) && !quoteSentences.includes(best)) {
    return {
      ...notInRecord(claim, best, ranked, speakerOf),
      reason: `the closest passage is from a record that does not mention ${claim.nestedSpeaker!.written}`,
    };
  }
  // A loose match in a record of another time is a different conversation, not this one.
  const weak =
    best.coverage < STRONG && best.contextCoverage < STRONG + 0.15 && !quoteSentences.includes(best);
  if (weak && claim.eventDate && document.date && !claimDateAgrees(claim, document)) {
    return {
      ...notInRecord(claim, best, ranked, speakerOf),
      reason: `no record of ${claim.eventDate.text} says this; the closest passage, from ${document.datePrinted ?? document.date.start}, holds ${Math.round(best.coverage * 100)}% of the claim's key words`,
    };
  }

  // 3. Who said it. A statement put in someone's mouth must come from a record they are in.
  const spoken = speakerOf(best);
  const surnames = documentSurnames(document);
  const actorPresent = !claim.actor?.surname || surnames.has(claim.actor.surname);
  if (claim.verb && !actorPresent && !quoteSentences.includes(best)) {
    return {
      ...notInRecord(claim, best, ranked, speakerOf),
      reason: `the closest passage is from a record in which ${claim.actor?.written} does not appear`,
    };
  }
  // Words said in a conversation the claimed speaker took no part in, at another time, by
  // someone else, are not what the claim reports.
  const actorTookPart =
    !claim.actor?.surname ||
    documentParticipants(document).has(claim.actor.surname) ||
    spoken.surname === claim.actor.surname ||
    (claim.eventDate !== null && claimDateAgrees(claim, document));
  if (claim.verb && !actorTookPart && !quoteSentences.includes(best)) {
    return {
      ...notInRecord(claim, best, ranked, speakerOf),
      reason: `the closest passage is from a conversation ${claim.actor?.written} took no part in (${document.datePrinted ?? document.id})`,
    };
  }
  const clash = antonymClashes(new Set(contentStems(claim.content)), new Set(contentStems(best.text)));
  if (
    claim.verb &&
    spoken.surname &&
    claimed.size > 0 &&
    !claimed.has(spoken.surname) &&
    clash.length === 0
  ) {
    const known =
      spoken.surname === claim.addressee?.surname ||
      claimPeople(claim).includes(spoken.surname) ||
      surnames.has(spoken.surname);
    // Someone else's words are only a misattribution of the claimed speaker's if the claim
    // is about that conversation: the claimed speaker takes part in it, or it is of the
    // claimed time; and the words must be the claim's, not a loose match.
    const sameConversation =
      documentParticipants(document).has(claim.actor!.surname!) ||
      (claim.eventDate !== null && claimDateAgrees(claim, document));
    if (known && sameConversation && !weak) {
      return {
        verdict: 'misattributed',
        confidence: round(0.6 + 0.35 * Math.min(1, best.coverage)),
        reason: `the record gives these words to ${spoken.name}, not to ${claim.actor?.written ?? 'the claimed speaker'}`,
        citations: [
          cite(best, 'the statement, with its speaker', spoken),
          ...otherCitations(ranked, best, 2, speakerOf),
        ],
      };
    }
    // Part of the claim's wording in someone else's mouth: the claimed words are not there.
    if (known && weak) {
      return {
        ...notInRecord(claim, best, ranked, speakerOf),
        reason: `no passage says this; the closest, spoken by ${spoken.name}, holds ${Math.round(best.coverage * 100)}% of the claim's key words`,
      };
    }
  }

  // 4. Disagreements with the passage.
  const contradiction = findContradiction(claim, best, document, options);
  if (contradiction) {
    return {
      verdict: 'contradicted',
      confidence: contradiction.confidence,
      reason: contradiction.reason,
      citations: [
        ...contradiction.citations,
        cite(best, 'best match', spoken),
        ...otherCitations(ranked, best, 1, speakerOf),
      ].slice(0, 4),
    };
  }

  return {
    verdict: 'supported',
    confidence: round(
      Math.min(0.95, 0.5 + 0.45 * Math.max(best.coverage, quoteSentences.includes(best) ? 1 : 0)),
    ),
    reason:
      quoteSentences.length > 0
        ? `the quoted words are in the record${spoken.name ? `, spoken by ${spoken.name}` : ''}`
        : `the record says this${spoken.name ? ` (${spoken.name})` : ''}`,
    citations: [cite(best, 'best match', spoken), ...otherCitations(ranked, best, 2, speakerOf)],
  };
}

function pickBest(
  ranked: RankedSentence[],
  pinnedSentences: RankedSentence[],
  claimed?: (sentence: RankedSentence) => boolean,
): RankedSentence | undefined {
  const pinned = pinnedSentences;
  if (pinned.length > 0)
    return [...pinned].sort((a, b) => Number(claimed?.(b)) - Number(claimed?.(a)) || b.score - a.score)[0];
  const top = ranked[0];
  if (!top || !claimed) return top;
  // Among near-equal matches, the one the claimed speaker says is the passage meant.
  return ranked.find((s) => s.score >= top.score - 0.1 && claimed(s)) ?? top;
}

function findInPassages(ranked: RankedSentence[], quote: string): RankedSentence | undefined {
  // A quotation can run across two of the splitter's sentences: look in the passage.
  return ranked.find((s) => containsWords(s.passageText, quote) && s.coverage > 0);
}

function notInRecord(
  claim: Claim,
  best: RankedSentence | undefined,
  ranked: RankedSentence[],
  speakerOf: (s: EvidenceSentence) => Speaker,
): Verdict {
  return {
    verdict: 'not_in_record',
    confidence: round(best ? 0.9 - 0.6 * best.coverage : 0.9),
    reason: best
      ? `no passage says this; the closest holds ${Math.round(best.coverage * 100)}% of the claim's key words`
      : 'no passage in the archive matches the claim',
    citations: best
      ? [
          cite(best, 'closest passage (does not support the claim)', speakerOf(best)),
          ...otherCitations(ranked, best, 2, speakerOf),
        ]
      : [],
  };
}

/** The claim's rarest words (its specific point) that the document never uses. */
function missingRareWords(claim: Claim, evidence: ClaimEvidence, document: Document): string[] {
  const stems = new Set(contentStems(documentText(document)));
  const missing: string[] = [];
  const named = new Set(
    [claim.actor, claim.addressee, claim.nestedSpeaker, ...claim.coActors].flatMap((p) =>
      p ? words(p.written) : [],
    ),
  );
  for (const word of words(claim.content)) {
    // Verb forms are paraphrased too freely ("lived" for "spent"); names and nouns are not.
    if (/^\d/.test(word) || named.has(word) || /(?:ed|ing)$/.test(word)) continue;
    const key = contentStems(word)[0];
    if (!key || (evidence.weights.get(key) ?? 0) < RARE_WEIGHT || stems.has(key) || missing.includes(word))
      continue;
    missing.push(word);
  }
  return missing;
}

/**
 * A claim about a meeting itself: find the record of a meeting of the same people at that
 * time and compare where it was held. A building ("the Soviet Embassy") the record does not
 * name is not in the record; a different city or site is a contradiction.
 */
function checkEventRecord(claim: Claim, evidence: ClaimEvidence): Verdict | null {
  if (claim.verb || !claim.eventDate) return null;
  const place = claim.places.find((p) => p.role === 'event');
  const people = [claim.actor, ...claim.coActors].map((p) => p?.surname).filter(Boolean) as string[];
  if (!place || people.length < 2) return null;
  const meetings = [...evidence.documents.values()].filter(
    (document) =>
      claimDateAgrees(claim, document) &&
      people.every((surname) => document.participants.some((p) => surnameKey(p.name) === surname)),
  );
  meetings.sort((a, b) => (a.date?.start ?? '').localeCompare(b.date?.start ?? ''));
  const meeting = meetings[0];
  if (!meeting) return null;
  const placeWords = words(place.text).filter((w) => w !== 'the');
  if (meetings.some((m) => placeWords.every((w) => words(headerText(m)).includes(w)))) return null;
  // Every record of the meeting of those people at that time, earliest first.
  const datelines = meetings
    .slice(0, 3)
    .map((m) => datelineCitation(m, place.venue ? 'the record of the meeting' : 'where the record was made'))
    .filter((c): c is Citation => c !== null);
  if (place.venue || !meeting.place) {
    return {
      verdict: 'not_in_record',
      confidence: 0.6,
      reason: `the record of the meeting (${meeting.datePrinted ?? meeting.id}) does not say it was held at ${place.text}`,
      citations: datelines,
    };
  }
  return {
    verdict: 'contradicted',
    confidence: 0.8,
    reason: `the record${meetings.length > 1 ? 's' : ''} of the meeting place${meetings.length > 1 ? '' : 's'} it in ${meeting.place}, not ${place.text}`,
    citations: datelines,
  };
}

/** Title, place and the opening passages (heading, dateline, participants) of a document. */
function headerText(document: Document): string {
  const opening = document.passages
    .filter((p) => ['heading', 'dateline', 'participants'].includes(p.kind))
    .slice(0, 4);
  return [document.title, document.place ?? '', ...opening.map((p) => p.text)].join(' ');
}

/** Proper nouns and figures of the content that the document never mentions. */
function missingSalientTerms(claim: Claim, document: Document): string[] {
  const people = new Set(claimPeople(claim));
  const text = documentText(document);
  const stems = new Set(contentStems(text));
  const missing: string[] = [];
  for (const match of claim.content.matchAll(/(?<![.!?]\s)\b\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)*/gu)) {
    const phrase = match[0].replace(/'s$/, '');
    if (match.index === 0 || people.has(surnameKey(phrase)) || /\d/.test(phrase)) continue;
    const phraseStems = contentStems(phrase);
    if (phraseStems.length > 0 && phraseStems.every((s) => !stems.has(s))) missing.push(phrase);
  }
  return missing;
}

const textCache = new WeakMap<Document, string>();
function documentText(document: Document): string {
  let text = textCache.get(document);
  if (text === undefined) {
    text = [document.title, document.place ?? '', ...document.passages.map((p) => p.text)].join('\n');
    textCache.set(document, text);
  }
  return text;
}

interface Contradiction {
  reason: string;
  confidence: number;
  citations: Citation[];
}

function findContradiction(
  claim: Claim,
  best: RankedSentence,
  document: Document,
  options: VerdictOptions,
): Contradiction | null {
  const spoken = sentenceSpeaker(best, options);
  const strong = best.coverage >= 0.6 || best.contextCoverage >= 0.7;

  // Numbers: the same statement with a different figure.
  const recordNumbers = findNumbers(best.text, findDates(best.text)).filter((n) => !n.ordinal);
  for (const number of claim.numbers.filter((n) => !n.ordinal && n.low >= 10)) {
    if (recordNumbers.length === 0) continue;
    if (recordNumbers.some((r) => numbersAgree(number, r))) continue;
    const comparable = recordNumbers.filter((r) => r.low >= number.low / 20 && r.low <= number.high * 20);
    if (comparable.length === 0) continue;
    return {
      reason: `the record gives ${comparable.map((r) => r.text).join(', ')} where the claim says ${number.text}`,
      confidence: round(0.6 + 0.3 * best.coverage),
      citations: [cite(best, 'the figure in the record', spoken)],
    };
  }

  // Polarity: the same words with the statement turned round.
  if (strong) {
    const claimStems = new Set(contentStems(claim.content));
    const clause = bestClause(best.text, claimStems);
    const recordStems = new Set(contentStems(clause));
    const claimClause = bestClause(claim.content, recordStems);
    const clashes = antonymClashes(new Set(contentStems(claimClause)), recordStems);
    // The two clauses must say the same thing but for the turn: most of the claim clause's
    // words are in the record's clause.
    const claimClauseStems = new Set(contentStems(claimClause));
    const aligned =
      claimClauseStems.size > 0 &&
      [...claimClauseStems].filter((stem) => recordStems.has(stem)).length / claimClauseStems.size >= 0.6;
    const flipped = aligned && negationCount(claimClause) % 2 !== negationCount(clause) % 2;
    if (clashes.length > 0 || flipped) {
      return {
        reason:
          clashes.length > 0
            ? `the record says the opposite (${clashes.join('; ')})`
            : `the record says the opposite: "${best.text}"`,
        confidence: round(0.5 + 0.3 * best.coverage),
        citations: [cite(best, 'the statement in the record', spoken)],
      };
    }
  }

  // Date: the statement is in a record of another year or month.
  const documentDate = document.date?.start ?? null;
  const inMeeting = (surname: string | null | undefined) =>
    !surname || document.participants.some((p) => surnameKey(p.name) === surname);
  if (
    claim.eventDate &&
    documentDate &&
    best.coverage >= 0.55 &&
    claim.actor?.surname &&
    inMeeting(claim.actor.surname) &&
    inMeeting(claim.addressee?.surname) &&
    dateTrusted(document, options)
  ) {
    const year = Number(documentDate.slice(0, 4));
    const month = Number(documentDate.slice(5, 7));
    const yearOff = year !== claim.eventDate.year;
    const monthOff = claim.eventDate.month !== null && Math.abs(month - claim.eventDate.month) > 1;
    if (yearOff || monthOff) {
      return {
        reason: `the record is dated ${document.datePrinted ?? documentDate}, not ${claim.eventDate.text}`,
        confidence: round(0.55 + 0.3 * best.coverage),
        citations: [datelineCitation(document, "the record's date")].filter(Boolean) as Citation[],
      };
    }
  }

  // Place: the meeting happened somewhere else.
  const place = claim.places.find((p) => p.role === 'event' && !p.venue);
  if (place && document.place) {
    const claimPlace = words(place.text);
    const recordPlace = words(document.place);
    const agrees =
      claimPlace.some((w) => recordPlace.includes(w)) || containsWords(headerText(document), place.text);
    if (!agrees) {
      return {
        reason: `the record places it in ${document.place}, not ${place.text}`,
        confidence: round(0.55 + 0.3 * best.coverage),
        citations: [datelineCitation(document, 'where the record was made')].filter(Boolean) as Citation[],
      };
    }
  }

  return participantContradiction(claim, document);
}

/**
 * A person the claim puts in the conversation whom the record never names, while it names
 * someone else under the same title.
 */
function participantContradiction(claim: Claim, document: Document): Contradiction | null {
  const surnames = documentSurnames(document);
  const actorThere =
    claim.actor?.surname && document.participants.some((p) => surnameKey(p.name) === claim.actor!.surname);
  if (!actorThere || (claim.eventDate && !claimDateAgrees(claim, document))) return null;
  for (const person of [claim.addressee, ...claim.coActors]) {
    if (!person?.surname || !person.title || surnames.has(person.surname)) continue;
    const titled = findTitled(document, person.title);
    if (titled) {
      return {
        reason: `the record's ${person.title} is ${titled.name}, not ${person.written}`,
        confidence: 0.75,
        citations: [titled.citation],
      };
    }
  }
  return null;
}

/** The clause of a record sentence that holds most of the claim's words ("… said that <clause>"). */
function bestClause(sentence: string, claimStems: ReadonlySet<string>): string {
  const clauses = sentence.split(/[,;:()]\s*|\s+(?:that|but|and|while|although|whereas)\s+|\s+-+\s+/);
  let best = sentence;
  let bestScore = -1;
  for (const clause of clauses) {
    const stems = contentStems(clause);
    const score = stems.filter((s) => claimStems.has(s)).length;
    if (score > bestScore) {
      best = clause;
      bestScore = score;
    }
  }
  return best;
}

function dateTrusted(document: Document, options: VerdictOptions): boolean {
  const years = options.collectionYears?.(document.collectionId);
  if (!years || !document.date) return true;
  const year = Number(document.date.start.slice(0, 4));
  return year >= years[0] && year <= years[1];
}

function findTitled(document: Document, title: string): { name: string; citation: Citation } | null {
  const pattern = new RegExp(
    `\\b${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+((?:\\p{Lu}[\\p{L}'-]+\\s*){1,3})`,
    'u',
  );
  for (const passage of [
    { ordinal: 0, text: document.title, kind: 'heading' as const },
    ...document.passages,
  ]) {
    const match = pattern.exec(passage.text);
    if (!match) continue;
    const ordinal = passage.ordinal || document.passages[0]?.ordinal || 1;
    const text = passage.ordinal ? passage.text : document.title;
    return {
      name: match[1]!.trim(),
      citation: {
        documentId: document.id,
        link: `${document.id}#p${ordinal}`,
        quote: text,
        speaker: null,
        speakerLabel: null,
        documentTitle: document.title,
        documentDate: document.date?.start.slice(0, 10) ?? null,
        role: `who the record says was ${title}`,
      },
    };
  }
  return null;
}

function datelineCitation(document: Document, role: string): Citation | null {
  const passage =
    document.passages.find((p) => p.kind === 'dateline') ??
    document.passages.find((p) => p.kind === 'heading') ??
    document.passages[0];
  if (!passage) return null;
  return {
    documentId: document.id,
    link: `${document.id}#p${passage.ordinal}`,
    quote: passage.text,
    speaker: null,
    speakerLabel: null,
    documentTitle: document.title,
    documentDate: document.date?.start.slice(0, 10) ?? null,
    role,
  };
}

interface Speaker {
  name: string | null;
  label: string | null;
  surname: string | null;
}

export function sentenceSpeaker(sentence: EvidenceSentence, options: VerdictOptions): Speaker {
  let name = sentence.speakerName;
  if (!name && sentence.speakerLabel && options.resolveTitle)
    name = options.resolveTitle(sentence.speakerLabel, sentence.documentDate);
  if (name) return { name, label: sentence.speakerLabel, surname: surnameKey(name) };
  return { name: sentence.speakerLabel, label: sentence.speakerLabel, surname: null };
}

function cite(sentence: EvidenceSentence, role: string, speaker: Speaker): Citation {
  return {
    documentId: sentence.documentId,
    link: sentence.link,
    quote: sentence.text,
    speaker: speaker.name,
    speakerLabel: sentence.speakerLabel,
    documentTitle: sentence.documentTitle,
    documentDate: sentence.documentDate,
    role,
  };
}

/** The next best passages (other passages than the first), for context. */
function otherCitations(
  ranked: RankedSentence[],
  first: RankedSentence,
  count: number,
  speakerOf: (s: EvidenceSentence) => Speaker,
): Citation[] {
  const seen = new Set([first.link]);
  const out: Citation[] = [];
  for (const sentence of ranked) {
    if (out.length >= count) break;
    // Context from the same record, or another passage that says much of the same.
    const related =
      sentence.documentId === first.documentId ? sentence.coverage >= 0.25 : sentence.coverage >= 0.5;
    if (seen.has(sentence.link) || !related) continue;
    seen.add(sentence.link);
    out.push(cite(sentence, 'also relevant', speakerOf(sentence)));
  }
  return out;
}

function round(value: number): number {
  return Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;
}
