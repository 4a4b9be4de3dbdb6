/**
 * Evidence for a claim: candidate documents from the search engine, with query trees built
 * from the claim (quotes as phrases, key terms, names, the claimed date), then every sentence
 * of those documents re-ranked for the claim — weighted overlap of stemmed content words,
 * with weights from how rare each word is in the archive, plus agreement of names and dates.
 * Each sentence carries the speaker that attribution gave it.
 */
import type { Document } from '../records/schema.js';
import type { QueryNode } from '../search/ast.js';
import type { DocumentHit } from '../search/types.js';
import type { Archive } from '../store/archive.js';
import { findNumbers, type NumberMention } from './quantities.js';
import { splitSentences } from './sentences.js';
import type { Claim, EvidenceSentence } from './types.js';
import { contentStems, FUNCTION_WORDS, stem, stripAccents, surnameKey, words } from './words.js';

/** Documents read in full per claim: enough for the right one to be among them. */
const MAX_DOCUMENTS = 20;
const MAX_QUERY_TERMS = 14;

export interface RankedSentence extends EvidenceSentence {
  /** Share of the claim's content weight found in the sentence (0–1). */
  coverage: number;
  /** Coverage counting the sentences either side too (a statement can run over two). */
  contextCoverage: number;
  /** Ranking score: coverage plus name and date agreement. */
  score: number;
  /** Claim stems the sentence holds. */
  matched: string[];
}

export interface ClaimEvidence {
  ranked: RankedSentence[];
  documents: Map<string, Document>;
  /** The claim's content stems with their weights. */
  weights: Map<string, number>;
}

/**
 * How many documents use a word, per archive: looked up once per archive and process, so the
 * claims of an article (and every later article) share the look-ups.
 */
const frequencyCaches = new WeakMap<Archive, { total: number; byWord: Map<string, Promise<number>> }>();

async function frequencyCache(
  archive: Archive,
): Promise<{ total: number; byWord: Map<string, Promise<number>> }> {
  let cache = frequencyCaches.get(archive);
  if (!cache) {
    cache = { total: Math.max(1, (await archive.stats()).documents), byWord: new Map() };
    frequencyCaches.set(archive, cache);
  }
  return cache;
}

/**
 * Shared across the claims of one article (or one evaluation run): documents read once.
 * Word rarity is shared wider, per archive.
 */
export class EvidenceCache {
  readonly documents = new Map<string, Document | null>();

  constructor(readonly archive: Archive) {}

  async document(id: string): Promise<Document | null> {
    if (!this.documents.has(id)) this.documents.set(id, await this.archive.getDocument(id));
    return this.documents.get(id) ?? null;
  }

  /**
   * Inverse document frequency of a word, from the engine's own match count. The engine stems
   * the word as it stems the index, so every inflection counts ("lived", "lives").
   */
  async idf(word: string): Promise<number> {
    const cache = await frequencyCache(this.archive);
    let df = cache.byWord.get(word);
    if (df === undefined) {
      df = this.archive
        .search({ query: { type: 'term', value: word, prefix: false }, limit: 0, countLimit: Infinity })
        .then((response) => response.total)
        .catch(() => 0);
      cache.byWord.set(word, df);
    }
    return Math.log(1 + cache.total / ((await df) + 1));
  }
}

export async function gatherEvidence(cache: EvidenceCache, claim: Claim): Promise<ClaimEvidence> {
  const ids = await candidateDocuments(cache.archive, claim);
  const documents = new Map<string, Document>();
  for (const id of ids) {
    const document = await cache.document(id);
    if (document) documents.set(id, document);
  }
  const weights = await contentWeights(cache, claim);
  const people = claimPeople(claim);
  // Counts and amounts the claim gives (not ranks, not small numbers): a sentence with a figure
  // of the same size is where the record states it, even with a different value.
  const figures = claim.numbers.filter((n) => !n.ordinal && n.low >= 10);
  const ranked: RankedSentence[] = [];
  for (const document of documents.values()) {
    const prior = documentPrior(claim, document, people);
    for (const sentences of stemmedSentences(document)) {
      for (const [index, { sentence, stems }] of sentences.entries()) {
        const own = overlap(stems, weights);
        const context = overlap(
          new Set([...(sentences[index - 1]?.stems ?? []), ...stems, ...(sentences[index + 1]?.stems ?? [])]),
          weights,
        );
        // A sentence spoken by someone the claim names is more likely the one it is about —
        // whichever of them the claim gives it to, so misattributions are still found.
        const byNamed = sentence.speakerName && people.includes(surnameKey(sentence.speakerName)) ? 0.05 : 0;
        const score =
          own.coverage +
          0.1 * context.coverage +
          prior +
          byNamed +
          (holdsFigureLike(sentence.text, figures) ? 0.15 : 0);
        ranked.push({
          ...sentence,
          coverage: own.coverage,
          contextCoverage: context.coverage,
          score,
          matched: own.matched,
        });
      }
    }
  }
  ranked.sort((a, b) => b.score - a.score);
  return { ranked, documents, weights };
}

/** The claim's content words and their weights (rarer words weigh more). */
async function contentWeights(cache: EvidenceCache, claim: Claim): Promise<Map<string, number>> {
  const names = new Set(claimPeople(claim));
  const weights = new Map<string, number>();
  const surfaces = new Map<string, string>();
  // Dates and the place of the event are checked on their own, not as content words.
  const excluded = new Set(
    [...claim.contentDates, ...(claim.eventDate ? [claim.eventDate] : [])]
      .flatMap((d) => words(d.text))
      .concat(claim.places.filter((p) => p.role === 'event').flatMap((p) => words(p.text)))
      .concat(claim.numbers.flatMap((n) => words(n.text)))
      .concat(['late', 'early', 'mid']),
  );
  for (const word of words(claim.content)) {
    // Figures are compared as numbers, not as words: a wrong figure must not hide the passage.
    if (FUNCTION_WORDS.has(word) || word.length < 2 || excluded.has(word) || /^\d/.test(word)) continue;
    const key = contentStems(word)[0];
    if (!key || names.has(surnameKey(word)) || surfaces.has(key)) continue;
    surfaces.set(key, word);
  }
  const entries = [...surfaces];
  const idfs = await Promise.all(entries.map(([, word]) => cache.idf(word.replace(/'.*$/, ''))));
  entries.forEach(([key], index) => weights.set(key, idfs[index]!));
  return weights;
}

/** Does the text give a count or amount within a factor of three of one of the claim's? */
function holdsFigureLike(text: string, figures: readonly NumberMention[]): boolean {
  if (figures.length === 0 || !/\d/.test(text)) return false;
  const found = findNumbers(text).filter((n) => !n.ordinal);
  return found.some((r) => figures.some((f) => r.low >= f.low / 3 && r.low <= f.high * 3));
}

const stemmedIndex = new WeakMap<Document, { sentence: EvidenceSentence; stems: Set<string> }[][]>();

/** A document's sentences with their content stems, computed once per document. */
function stemmedSentences(document: Document): { sentence: EvidenceSentence; stems: Set<string> }[][] {
  let found = stemmedIndex.get(document);
  if (!found) {
    found = passageSentences(document).map((sentences) =>
      withPronounSpeakers(document, sentences).map((sentence) => ({
        sentence,
        stems: new Set(contentStems(sentence.text)),
      })),
    );
    stemmedIndex.set(document, found);
  }
  return found;
}

function overlap(
  present: ReadonlySet<string>,
  weights: Map<string, number>,
): { coverage: number; matched: string[] } {
  let total = 0;
  let found = 0;
  const matched: string[] = [];
  for (const [key, weight] of weights) {
    total += weight;
    // "unacceptable" finds "acceptable": the passage is found, and polarity is judged later.
    const base = /^(?:un|in|dis)/.test(key) ? stem(key.replace(/^(?:un|in|dis)/, '')) : null;
    if (present.has(key) || (base && present.has(base))) {
      found += weight;
      matched.push(key);
    }
  }
  return { coverage: total === 0 ? 0 : found / total, matched };
}

/** Surnames the claim names as actor, addressee, nested speaker or co-actor. */
export function claimPeople(claim: Claim): string[] {
  return [claim.actor, claim.addressee, claim.nestedSpeaker, ...claim.coActors]
    .map((person) => person?.surname)
    .filter((surname): surname is string => Boolean(surname));
}

/**
 * How well a document fits the claim's frame, whatever its words: the people the claim names
 * taking part (a participant or a speaker counts fully, a mention by name half) and the
 * claimed month. A wrong date lowers the fit but never removes the document: a claim with a
 * wrong date must still find its record, to be contradicted.
 */
function documentPrior(claim: Claim, document: Document, people: readonly string[]): number {
  let fit = 0;
  if (people.length > 0) {
    const present = documentParticipants(document);
    const mentioned = documentSurnames(document);
    const share =
      people.reduce(
        (sum, surname) => sum + (present.has(surname) ? 1 : mentioned.has(surname) ? 0.5 : 0),
        0,
      ) / people.length;
    fit += 0.25 * share;
  }
  if (claim.eventDate && document.date) {
    if (claimDateAgrees(claim, document)) fit += 0.2;
    else if (Math.abs(Number(document.date.start.slice(0, 4)) - claim.eventDate.year) <= 1) fit += 0.03;
  }
  return fit;
}

const participantIndex = new WeakMap<Document, Set<string>>();

/** Surnames of the document's listed participants and of everyone it records speaking. */
export function documentParticipants(document: Document): Set<string> {
  let found = participantIndex.get(document);
  if (found) return found;
  found = new Set(document.participants.map((p) => surnameKey(p.name)));
  for (const passage of document.passages)
    for (const span of passage.speakers) if (span.personName) found.add(surnameKey(span.personName));
  participantIndex.set(document, found);
  return found;
}

const surnameIndex = new WeakMap<Document, Set<string>>();

/** Every capitalised word of a document and its participants' surnames, lower-cased. */
export function documentSurnames(document: Document): Set<string> {
  let found = surnameIndex.get(document);
  if (found) return found;
  found = new Set<string>();
  for (const participant of document.participants) found.add(surnameKey(participant.name));
  for (const passage of document.passages) {
    for (const match of passage.text.matchAll(/\p{Lu}[\p{L}'-]+/gu)) {
      found.add(surnameKey(match[0]));
    }
    for (const span of passage.speakers) if (span.personName) found.add(surnameKey(span.personName));
  }
  found.add(...[surnameKey(document.title)]);
  surnameIndex.set(document, found);
  return found;
}

export function claimDateAgrees(claim: Claim, document: Document): boolean {
  if (!claim.eventDate || !document.date) return false;
  const start = document.date.start;
  const year = Number(start.slice(0, 4));
  if (year !== claim.eventDate.year) return false;
  if (claim.eventDate.month === null) return true;
  return Math.abs(Number(start.slice(5, 7)) - claim.eventDate.month) <= 1;
}

/** The sentences of each passage, with speakers from attribution where it gave them. */
export function passageSentences(document: Document): EvidenceSentence[][] {
  return document.passages
    .filter((passage) => passage.kind !== 'footnote' && passage.kind !== 'source-note')
    .map((passage) => {
      const base = {
        documentId: document.id,
        documentTitle: document.title,
        documentDate: document.date?.start.slice(0, 10) ?? null,
        ordinal: passage.ordinal,
        link: `${document.id}#p${passage.ordinal}`,
        passageKind: passage.kind,
        passageText: passage.text,
      };
      const spans = passage.speakers.filter((span) => span.end > span.start);
      if (spans.length > 1 || (spans.length === 1 && passage.kind !== 'turn')) {
        return spans.map((span) => ({
          ...base,
          text: passage.text.slice(span.start, span.end).trim(),
          speakerLabel: span.label,
          speakerName: span.personName,
        }));
      }
      // One span over a whole turn (or none): split it, every sentence keeps the turn's speaker.
      const turnSpeaker = spans[0] ?? null;
      return splitSentences(passage.text).map((sentence) => ({
        ...base,
        text: sentence.text,
        speakerLabel: turnSpeaker?.label ?? null,
        speakerName: turnSpeaker?.personName ?? null,
      }));
    });
}

/**
 * Narration that goes on about someone ("Mr. Kosygin came from Leningrad … He himself had
 * spent the entire siege there") reports that person: a sentence opening with "He" or "She"
 * that attribution left to nobody takes the speaker of the sentence before it, or the
 * participant that sentence opens with.
 */
function withPronounSpeakers(document: Document, sentences: EvidenceSentence[]): EvidenceSentence[] {
  let previous: { label: string | null; name: string | null } | null = null;
  return sentences.map((sentence) => {
    let result = sentence;
    if (!sentence.speakerName && !sentence.speakerLabel && previous && /^(?:He|She)\b/.test(sentence.text))
      result = { ...sentence, speakerLabel: previous.label, speakerName: previous.name };
    previous = result.speakerName
      ? { label: result.speakerLabel, name: result.speakerName }
      : openingParticipant(document, result.text);
    return result;
  });
}

/** The participant a sentence opens with ("Mr. Kosygin came …", "Ambassador Toon said …"), if any. */
function openingParticipant(document: Document, text: string): { label: string; name: string } | null {
  const opening =
    /^(?:(?:Mr|Mrs|Ms|Dr|Ambassador|Secretary|Minister|Chancellor|General|Premier|Chairman|President)\.?\s+)*([\p{Lu}][\p{L}'-]+)/u.exec(
      text,
    );
  if (!opening) return null;
  const surname = stripAccents(opening[1]!.toLowerCase());
  const participant = document.participants.find((p) => surnameKey(p.name) === surname);
  return participant ? { label: opening[0], name: participant.name } : null;
}

/** Query trees for the claim: built as trees, never as strings for the parser. */
export function claimQueries(claim: Claim): { query: QueryNode; limit: number }[] {
  const people = claimPeople(claim);
  const terms = uniqueTerms(claim.content, people).slice(0, MAX_QUERY_TERMS);
  const termNodes: QueryNode[] = terms.map((value) => ({ type: 'term', value, prefix: false }));
  const anyTerm: QueryNode | null =
    termNodes.length === 0
      ? null
      : termNodes.length === 1
        ? termNodes[0]!
        : { type: 'or', children: termNodes };
  const queries: { query: QueryNode; limit: number }[] = [];
  // The record of a conversation names both sides: documents where the claim's people take
  // part (participants or mentions), ranked by the claim's words.
  const frame = people.slice(0, 3);
  if (anyTerm && frame.length >= 1)
    queries.push({
      query: {
        type: 'and',
        children: [...frame.map(takesPart), anyTerm],
      },
      limit: 6,
    });
  for (const quote of claim.quotes) {
    const quoteWords = words(quote);
    if (quoteWords.length >= 1) queries.push({ query: { type: 'phrase', words: quoteWords }, limit: 6 });
    // The closest wording, for a quotation that was changed: its rarer words, any of them.
    const rare = quoteWords.filter((w) => !FUNCTION_WORDS.has(w));
    if (rare.length >= 2)
      queries.push({
        query: {
          type: 'and',
          children: rare.slice(0, 2).map((value) => ({ type: 'term', value, prefix: false })),
        },
        limit: 4,
      });
  }
  const personNodes: QueryNode[] = people.map((surname) => ({ type: 'term', value: surname, prefix: false }));
  const everything: QueryNode | null =
    personNodes.length + termNodes.length === 0
      ? null
      : { type: 'or', children: [...personNodes, ...termNodes] };
  const dateFilter: QueryNode | null = claim.eventDate
    ? {
        type: 'filter',
        field: 'date',
        value: `${claim.eventDate.year}${claim.eventDate.month ? `-${String(claim.eventDate.month).padStart(2, '0')}` : ''}`,
      }
    : null;
  // The engine matches passages, so each query asks for what one passage may hold.
  if (everything && dateFilter)
    queries.push({ query: { type: 'and', children: [everything, dateFilter] }, limit: 6 });
  if (personNodes.length > 0 && dateFilter)
    queries.push({
      query: { type: 'and', children: [{ type: 'or', children: personNodes }, dateFilter] },
      limit: 4,
    });
  if (anyTerm) queries.push({ query: anyTerm, limit: 8 });
  // Without a date or a term to go by, the names are all there is.
  if (!dateFilter && !anyTerm && everything) queries.push({ query: everything, limit: 8 });
  return queries;
}

/** Documents that list the person, name them, or record them speaking (a title resolved by date). */
function takesPart(surname: string): QueryNode {
  return {
    type: 'or',
    children: [
      { type: 'filter', field: 'person', value: surname },
      { type: 'filter', field: 'speaker', value: surname },
    ],
  };
}

async function candidateDocuments(archive: Archive, claim: Claim): Promise<string[]> {
  const ids: string[] = [];
  for (const { query, limit } of claimQueries(claim)) {
    let response;
    try {
      response = await archive.search({ query, limit: limit * 2 });
    } catch {
      continue; // a query the engine cannot run (e.g. an unsupported filter) is just skipped
    }
    // The engine ranks documents by all their matching passages, which favours long records;
    // a claim is made in one place, so documents are taken by their best passage.
    const byBestPassage = [...response.hits].sort((a, b) => bestPassageScore(b) - bestPassageScore(a));
    for (const hit of byBestPassage.slice(0, limit))
      if (!ids.includes(hit.documentId)) ids.push(hit.documentId);
    if (ids.length >= MAX_DOCUMENTS) break;
  }
  return ids.slice(0, MAX_DOCUMENTS);
}

function bestPassageScore(hit: DocumentHit): number {
  return hit.passages.reduce((best, passage) => Math.max(best, passage.score), 0) || hit.score;
}

function uniqueTerms(text: string, people: readonly string[]): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of words(text)) {
    const bare = word.replace(/'.*$/, '');
    if (FUNCTION_WORDS.has(bare) || bare.length < 3 || (/^\d+$/.test(bare) === false && bare.length < 3))
      continue;
    if (people.includes(bare) || seen.has(bare)) continue;
    seen.add(bare);
    terms.push(...bare.split('-').filter((part) => part.length > 1));
  }
  return [...new Set(terms)];
}
