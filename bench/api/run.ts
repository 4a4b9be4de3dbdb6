/**
 * Search API under load: 50 concurrent clients for 30 s against `GET /api/search` (the
 * requests the search page makes: ten documents with facets), over an archive of the six
 * shared FRUS volumes. Prints p50/p99 latency, requests/s and errors, next to a baseline
 * measured in the same run: the same queries through `archive.search` directly, without HTTP.
 *
 *   npm run bench:api [-- --db FILE] [--connections 50] [--duration 30] [--workers N]
 *
 * The server is the real `declass serve` (one worker per core unless --workers says otherwise),
 * in child processes, so that the load generator does not share their threads.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import { parseQuery } from '../../src/search/parser.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';

/** A mix of what readers type: words, phrases, filters, boolean logic, prefixes, speakers. */
const QUERIES = [
  'Dobrynin',
  '"strategic arms"',
  'Berlin type:memcon',
  'NATO -France',
  'Kissinger Dobrynin date:1969..1970-06',
  'class:secret Vietnam',
  'detent*',
  'speaker:Gromyko',
  'Khrushchev Berlin',
  'oil OR petroleum',
  'nuclear test ban',
  '(Israel OR Egypt) AND ceasefire',
];

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const db = resolve(option('db', join(tmpdir(), 'declass-bench-api.db')));

const declassBin = resolve(import.meta.dirname, '..', '..', 'bin', 'declass');

await main();

async function main(): Promise<void> {
  const connections = Number(option('connections', '50'));
  const duration = Number(option('duration', '30'));
  const workers = Number(option('workers', String(availableParallelism())));
  const volumes = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'frus', 'volumes');

  // Ingest (unchanged files are skipped, so a second run starts at once).
  const archive = await openSqliteArchive(db);
  const summary = await ingestPaths(archive, [volumes], { enrichers: defaultEnrichers });
  const stats = await archive.stats();
  console.log(
    `archive ${db}: ${stats.documents} documents, ${stats.passages} passages in ${stats.collections.length} collections` +
      ` (ingest ${summary.seconds.toFixed(1)} s, ${summary.failed.length} failed)`,
  );

  // Baseline: the same requests straight to the engine, one at a time.
  const direct: number[] = [];
  const rounds = 20;
  for (let round = 0; round < rounds; round++) {
    for (const text of QUERIES) {
      const started = performance.now();
      await archive.search({ query: parseQuery(text), limit: 10, facets: true });
      direct.push(performance.now() - started);
    }
  }
  await archive.close();
  direct.sort((a, b) => a - b);
  const directP50 = percentile(direct, 50);
  const directP99 = percentile(direct, 99);

  // The real `declass serve`, with its worker processes, on a free port.
  const child = spawn(
    process.execPath,
    [declassBin, '--db', db, 'serve', '--port', '0', '--workers', String(workers)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let seen = '';
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving (http:\/\/[^/\s]+)\//.exec(seen);
      if (match) resolveUrl(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code}: ${seen}`)));
  });
  console.log(`\nGET /api/search: ${connections} connections for ${duration} s against ${url}`);
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: QUERIES.map((q) => ({
      method: 'GET' as const,
      path: `/api/search?${new URLSearchParams({ q, limit: '10', facets: 'true' })}`,
    })),
  });
  child.kill('SIGTERM');

  const errors = result.errors + result.timeouts + result.non2xx;
  const rows: [string, string][] = [
    ['requests', String(result.requests.total)],
    ['requests/s (mean)', result.requests.average.toFixed(0)],
    ['latency p50', `${result.latency.p50} ms`],
    ['latency p99', `${result.latency.p99} ms`],
    ['latency max', `${result.latency.max} ms`],
    [
      'errors (incl. timeouts, non-2xx)',
      `${errors} (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
    ],
    ['baseline: archive.search p50', `${directP50.toFixed(2)} ms`],
    ['baseline: archive.search p99', `${directP99.toFixed(2)} ms`],
    ['baseline: one-at-a-time ceiling', `${(1000 / mean(direct)).toFixed(0)} searches/s`],
    ['ratio: API throughput / direct ceiling', (result.requests.average / (1000 / mean(direct))).toFixed(2)],
  ];
  console.log('');
  for (const [name, value] of rows) console.log(`${name.padEnd(40)} ${value}`);
  if (errors > 0) process.exitCode = 1;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
