/**
 * Scale: an archive of N documents made from the shared FRUS volumes (each document copied
 * under new ids with its passages shuffled, so the vocabulary and lengths are real), then a
 * fixed query set. Prints ingest documents/s, database size against raw text size, and query
 * latency p50/p95/p99.
 *
 *   npm run bench:scale -- --documents 100000 [--db FILE] [--keep] [--facets]
 *   npm run bench:scale -- --db FILE --reuse     (queries only, on an archive built before)
 *
 * Documents are stored as `declass ingest` stores them: in batches of 100 (`putDocuments`, one
 * transaction each) on the archive's write thread, the next batch made while one is written. `--facets`
 * asks every query for facet counts too, as the web UI does; `--verbose` prints each query's
 * median.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { readFrusTei } from '../../src/ingest/tei-frus/index.js';
import { percentile } from '../../src/eval/ir-metrics.js';
import type { Document } from '../../src/records/schema.js';
import { parseQuery } from '../../src/search/parser.js';
import { openSqliteArchive, type SqliteArchive } from '../../src/store/sqlite/index.js';
import { unpackTexts } from '../../src/store/sqlite/passage-texts.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1]! : fallback;
};
const target = Number(option('--documents', '100000'));
const keep = args.includes('--keep');
const reuse = args.includes('--reuse');
const withFacets = args.includes('--facets');
const verbose = args.includes('--verbose');
const BATCH = 100;
const volumes = resolve(
  option('--volumes', join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'frus', 'volumes')),
);

/** Queries a historian would type: names, phrases, filters, and a long common-word query. */
const QUERIES = [
  'Dobrynin',
  'Berlin access',
  '"strategic arms"',
  'Kissinger Dobrynin summit',
  'NATO nuclear sharing',
  'speaker:Gromyko Berlin',
  'type:memcon Vietnam',
  'de Gaulle NATO withdrawal',
  'Romania most favored nation',
  'date:1969..1970 SALT',
  'class:"top secret" Cuba',
  'the President said that he would not accept this',
];

/**
 * Filters without words, as when browsing: listed by date, counted, faceted. Timed apart from
 * QUERIES so the headline figures stay comparable with earlier runs.
 */
const FILTER_QUERIES = [
  'type:memcon',
  'class:"top secret"',
  'type:telcon caveat:nodis',
  'date:1969..1970',
  'collection:scale type:cable',
];

/** A small deterministic generator so every run builds the same archive. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function replicate(base: Document, copy: number, next: () => number): Document {
  const body = base.passages.filter((p) => p.kind !== 'heading');
  for (let i = body.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [body[i], body[j]] = [body[j]!, body[i]!];
  }
  const passages = [...base.passages.filter((p) => p.kind === 'heading'), ...body].map((p, index) => ({
    ...p,
    ordinal: index + 1,
    anchor: null,
  }));
  const id = `scale/${base.id.replace('/', '-')}-${copy}`;
  return {
    ...base,
    id,
    collectionId: 'scale',
    passages,
    redactions: [],
    mentions: [],
    links: [],
    pageBreaks: [],
    contentHash: `${base.contentHash}-${copy}`,
  };
}

const folder = mkdtempSync(join(tmpdir(), 'declass-scale-'));
const dbFile = resolve(option('--db', join(folder, 'scale.db')));
let ingestSeconds = 0;
let rawBytes = 0;
let documents = target;
if (reuse) {
  if (!existsSync(dbFile)) throw new Error(`${dbFile} does not exist; build it first with --db FILE --keep.`);
} else {
  if (existsSync(dbFile)) throw new Error(`${dbFile} exists; name a new file with --db, or add --reuse.`);
  ({ ingestSeconds, rawBytes } = await build(dbFile));
}

async function build(file: string): Promise<{ ingestSeconds: number; rawBytes: number }> {
  const base: Document[] = [];
  for (const name of readdirSync(volumes).filter((entry) => entry.endsWith('.xml'))) {
    for await (const event of readFrusTei(join(volumes, name)))
      if (event.kind === 'document') base.push(event.document);
  }
  const archive = await openSqliteArchive(file, { writeThread: true });
  await archive.putCollection(
    {
      id: 'scale',
      title: `FRUS replicated to ${target} documents`,
      series: null,
      subseries: null,
      volumeNumber: null,
      volumeTitle: null,
      editors: [],
      publishedYear: null,
      publisher: null,
      format: 'frus-tei',
      sourcePath: volumes,
      published: true,
    },
    [],
  );
  const next = random(1969);
  let bytes = 0;
  const started = performance.now();
  let batch: Document[] = [];
  let storing: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < target; i++) {
    const document = replicate(base[i % base.length]!, Math.floor(i / base.length), next);
    for (const passage of document.passages) bytes += Buffer.byteLength(passage.text);
    batch.push(document);
    if (batch.length === BATCH || i === target - 1) {
      // Handed over before waiting for the batch in hand, so that the archive's work on this
      // thread (deflating the texts, copying the batch to the write thread) overlaps the writing.
      const next = archive.putDocuments(batch);
      await storing;
      storing = next;
      batch = [];
    }
    if ((i + 1) % 50000 === 0) {
      const seconds = (performance.now() - started) / 1000;
      console.error(`  ${i + 1} documents, ${Math.round((i + 1) / seconds)} documents/s`);
    }
  }
  await storing;
  const seconds = (performance.now() - started) / 1000;
  await archive.close();
  return { ingestSeconds: seconds, rawBytes: bytes };
}

const reader = await openSqliteArchive(dbFile);
if (reuse) {
  documents = (reader.database.prepare('SELECT count(*) FROM documents').pluck().get() as number) ?? 0;
  rawBytes = storedTextBytes(reader.database);
}

/** The passages' text in bytes: in passage rows (archives before schema 3) and deflated per document. */
function storedTextBytes(db: SqliteArchive['database']): number {
  let bytes =
    (db.prepare("SELECT sum(length(CAST(coalesce(head, body, '') AS BLOB))) FROM passages").pluck().get() as
      number | null) ?? 0;
  const packed = db.prepare('SELECT texts FROM documents WHERE texts IS NOT NULL').pluck();
  for (const texts of packed.iterate() as Iterable<Buffer>)
    for (const text of unpackTexts(texts).values()) bytes += Buffer.byteLength(text);
  return bytes;
}
const latencies: number[] = [];
const filterLatencies: number[] = [];
const perQuery = new Map<string, number[]>([...QUERIES, ...FILTER_QUERIES].map((text) => [text, []]));
for (let round = 0; round < 5; round++) {
  for (const text of [...QUERIES, ...FILTER_QUERIES]) {
    const t0 = performance.now();
    const response = await reader.search({ query: parseQuery(text), limit: 10, facets: withFacets });
    // Snippets are built when read: read them, as a caller printing the page would.
    for (const hit of response.hits) for (const passage of hit.passages) void passage.snippet;
    const elapsed = performance.now() - t0;
    if (round > 0) {
      (FILTER_QUERIES.includes(text) ? filterLatencies : latencies).push(elapsed); // round 0 warms the page cache
      perQuery.get(text)!.push(elapsed);
    }
  }
}
await reader.close();
const dbBytes = ['', '-wal'].reduce(
  (sum, suffix) => sum + (existsSync(dbFile + suffix) ? statSync(dbFile + suffix).size : 0),
  0,
);
console.log(
  `scale benchmark: ${documents} documents (FRUS replicated), ${QUERIES.length} queries × 4 rounds${withFacets ? ', with facets' : ''}`,
);
if (!reuse)
  console.log(
    `  ingest     ${ingestSeconds.toFixed(1)} s, ${Math.round(target / ingestSeconds)} documents/s (target ≥ 1,000)`,
  );
console.log(
  `  size       database ${(dbBytes / 1e9).toFixed(2)} GB, raw text ${(rawBytes / 1e9).toFixed(2)} GB, ratio ${(dbBytes / rawBytes).toFixed(2)} (target ≤ 2)`,
);
console.log(
  `  queries    p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (target p95 ≤ 200)`,
);
console.log(
  `  filters    p50 ${percentile(filterLatencies, 50).toFixed(1)} ms, p95 ${percentile(filterLatencies, 95).toFixed(1)} ms, p99 ${percentile(filterLatencies, 99).toFixed(1)} ms (${FILTER_QUERIES.length} filters-only queries, listed by date)`,
);
if (verbose)
  for (const [text, times] of perQuery)
    console.log(`    ${percentile(times, 50).toFixed(1).padStart(8)} ms  ${text}`);
if (!keep) rmSync(folder, { recursive: true, force: true });
