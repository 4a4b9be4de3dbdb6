/**
 * The claim checker's entry points: `checkArticle` (article in, report out; used by the CLI
 * and by `POST /api/check`) and `checkStatement` (one claim line in, one verdict out; used by
 * the evaluation).
 */
import type { Archive } from '../store/archive.js';
import { ArticleError, readArticle } from './article.js';
import { DEFAULT_MAX_CLAIMS, extractClaims } from './claims.js';
import { EvidenceCache, gatherEvidence } from './evidence.js';
import { checkReference } from './reference.js';
import { titleResolver } from './speakers.js';
import type { CheckedClaim, CheckReport, Claim, Verdict, VerdictLabel } from './types.js';
import { VERDICTS } from './types.js';
import { decideVerdict, type VerdictOptions } from './verdict.js';

export interface CheckOptions {
  /** A name for the input in messages and the report ("article.txt", "stdin"). */
  source?: string;
  /** Claims checked per article; the rest are counted and listed as not checked. */
  maxClaims?: number;
  /** Stop checking new claims after this many milliseconds (the report says so). */
  timeBudgetMs?: number;
}

export async function checkArticle(
  archive: Archive,
  input: string | Buffer,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const started = performance.now();
  const source = options.source ?? 'the article';
  const maxClaims = options.maxClaims ?? DEFAULT_MAX_CLAIMS;
  const article = readArticle(input, source);
  const notes: string[] = [];
  if (article.wasHtml)
    notes.push('The input was HTML: markup, scripts and styles were dropped before reading.');
  const report: CheckReport = {
    source,
    wasHtml: article.wasHtml,
    isEnglish: article.isEnglish,
    characters: article.text.length,
    sentences: 0,
    claims: [],
    skipped: [],
    notChecked: 0,
    claimCap: maxClaims,
    anchorDate: null,
    counts: emptyCounts(),
    notes,
    tookMs: 0,
  };
  if (article.text.trim() === '') {
    notes.push('The article is empty: there is nothing to check.');
    return finish(report, started);
  }
  if (!article.isEnglish) {
    notes.push(
      `The article does not read as English (${Math.round(article.englishScore * 100)}% common English words): ` +
        'the records are in English, so its sentences were not matched word for word. Check an English translation.',
    );
    return finish(report, started);
  }
  const extracted = extractClaims(article.text, { maxClaims });
  report.sentences = extracted.sentences;
  report.skipped = extracted.skipped;
  report.notChecked = extracted.notChecked;
  if (extracted.notChecked > 0)
    notes.push(
      `Only the first ${maxClaims} claims were checked; ${extracted.notChecked} more were found and not checked.`,
    );

  const context = await verdictContext(archive);
  const cache = new EvidenceCache(archive);
  const budget = options.timeBudgetMs ?? 60_000;
  const anchored: Claim[] = [];
  for (const claim of extracted.claims) {
    if (performance.now() - started > budget) {
      report.notChecked++;
      continue;
    }
    if (claim.anchoredToRecord) {
      anchored.push(claim);
      continue;
    }
    report.claims.push({ claim, result: await checkClaim(cache, claim, context, null) });
  }
  // "Since this meeting" is read against the record the article's other claims cite.
  report.anchorDate = anchorDate(report.claims);
  if (anchored.length > 0 && report.anchorDate)
    notes.push(
      `"Since this meeting" and similar phrases were read as since ${report.anchorDate}, the date of the record the article's other claims cite.`,
    );
  for (const claim of anchored) {
    report.claims.push({ claim, result: await checkClaim(cache, claim, context, report.anchorDate) });
  }
  report.claims.sort((a, b) => Number(a.claim.id.slice(1)) - Number(b.claim.id.slice(1)));
  if (report.notChecked > extracted.notChecked)
    notes.push(
      `The time budget of ${Math.round(budget / 1000)} s ran out; ${report.notChecked - extracted.notChecked} claims were not checked.`,
    );
  return finish(report, started);
}

/**
 * One claim line (which may hold several claims) → one verdict: the first non-supporting
 * verdict of its parts, else supported.
 */
export async function checkStatement(
  archive: Archive,
  text: string,
  cache: EvidenceCache = new EvidenceCache(archive),
): Promise<{ result: Verdict; parts: CheckedClaim[] }> {
  const context = await verdictContext(archive);
  const { claims } = extractClaims(text);
  const parts: CheckedClaim[] = [];
  for (const claim of claims) parts.push({ claim, result: await checkClaim(cache, claim, context, null) });
  return { result: combine(parts), parts };
}

const SEVERITY: VerdictLabel[] = [
  'altered_quote',
  'misattributed',
  'contradicted',
  'not_in_record',
  'supported',
];

export function combine(parts: readonly CheckedClaim[]): Verdict {
  if (parts.length === 0)
    return {
      verdict: 'not_in_record',
      confidence: 0.3,
      reason: 'no checkable claim was found in the text',
      citations: [],
    };
  const sorted = [...parts].sort(
    (a, b) => SEVERITY.indexOf(a.result.verdict) - SEVERITY.indexOf(b.result.verdict),
  );
  const worst = sorted[0]!.result;
  // Citations of the deciding part first, then the others', for the reader's context.
  const citations = [...worst.citations];
  for (const part of parts)
    for (const citation of part.result.citations)
      if (!citations.some((c) => c.link === citation.link && c.quote === citation.quote))
        citations.push(citation);
  return { ...worst, citations };
}

async function checkClaim(
  cache: EvidenceCache,
  claim: Claim,
  context: VerdictOptions,
  anchor: string | null,
): Promise<Verdict> {
  const evidence = await gatherEvidence(cache, claim);
  const textual = decideVerdict(claim, evidence, context);
  const reference = checkReference(claim, evidence, anchor);
  if (!reference) return textual;
  if (reference.verdict === 'contradicted') {
    // The passages the claim was read against come with the computation.
    return { ...reference, citations: [...reference.citations, ...textual.citations].slice(0, 4) };
  }
  // The table agrees: the claim stands or falls on the rest of what it says.
  if (textual.verdict === 'not_in_record' || textual.verdict === 'supported')
    return {
      ...reference,
      citations: [...textual.citations, ...reference.citations].slice(0, 4),
      reason: `${reference.reason}${textual.verdict === 'supported' ? '; the record agrees' : ''}`,
    };
  return { ...textual, computation: reference.computation, reference: reference.reference };
}

async function verdictContext(archive: Archive): Promise<VerdictOptions> {
  const collections = await archive.listCollections().catch(() => []);
  const years = new Map<string, [number, number]>();
  for (const collection of collections) {
    // FRUS titles carry the years covered: "…, 1955–1957, Volume IV …".
    const match = /(1[89]\d\d|20\d\d)\s*[-–]\s*(\d{2,4})(?!\d)/.exec(`${collection.title} ${collection.id}`);
    if (!match) continue;
    const start = Number(match[1]);
    let end = Number(match[2]);
    if (end < 100) end += Math.floor(start / 100) * 100;
    years.set(collection.id, [start, end]);
  }
  return { resolveTitle: titleResolver(), collectionYears: (id) => years.get(id) ?? null };
}

function anchorDate(checked: readonly CheckedClaim[]): string | null {
  const counts = new Map<string, number>();
  for (const { result } of checked) {
    if (result.verdict === 'not_in_record') continue;
    const date = result.citations[0]?.documentDate;
    if (date) counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function emptyCounts(): Record<VerdictLabel, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<VerdictLabel, number>;
}

function finish(report: CheckReport, started: number): CheckReport {
  report.counts = emptyCounts();
  for (const { result } of report.claims) report.counts[result.verdict]++;
  report.tookMs = Math.round(performance.now() - started);
  return report;
}

export { ArticleError };
