/**
 * PostgreSQL under a shared-server load: 200 concurrent readers hit `GET /api/search` (ten
 * documents with facets, the search page's request) on a real `declass serve --database …`
 * over loopback for 60 s, while one ingester keeps replacing documents in the same database.
 * Prints reader p50/p99, requests/s and errors, and the ingester's documents/s and errors.
 * The baseline in the same run: the same queries through `archive.search` with no load.
 *
 *   DATABASE_URL=postgres:///declass_test node --import tsx bench/pg/run.ts [--connections 200] [--duration 60] [--workers N]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import { parseQuery } from '../../src/search/parser.js';
import { openPostgresArchive, type PostgresArchive } from '../../src/store/postgres/index.js';
import { createScratchSchema } from '../../src/store/postgres/scratch.js';

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

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('bench/pg: set DATABASE_URL (e.g. postgres:///declass_test); see scripts/ci-postgres.sh.');
  process.exit(2);
}
const connections = Number(option('connections', '200'));
const duration = Number(option('duration', '60'));
const workers = Number(option('workers', String(Math.min(4, availableParallelism()))));
const root = resolve(import.meta.dirname, '..', '..');
const volumes = resolve(root, '..', 'shared', 'corpus', 'frus', 'volumes');

const schema = await createScratchSchema(base, 'declass_bench');
try {
  await main(schema.url);
} finally {
  await schema.drop();
}

async function main(url: string): Promise<void> {
  const archive = await openPostgresArchive(url, { poolSize: 4 });
  try {
    const summary = await ingestPaths(archive, [volumes], { enrichers: defaultEnrichers });
    const stats = await archive.stats();
    console.log(
      `PostgreSQL archive: ${stats.documents} documents, ${stats.passages} passages ` +
        `(ingest ${summary.seconds.toFixed(1)} s, ${summary.failed.length} failed)`,
    );
    const baseline = await directBaseline(archive);

    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        resolve(import.meta.dirname, 'serve.ts'),
        '--database',
        url,
        'serve',
        '--port',
        '0',
        '--workers',
        String(workers),
      ],
      // Its own process group, so the server and its workers can be stopped together.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    try {
      const address = await new Promise<string>((resolveUrl, reject) => {
        let seen = '';
        child.stderr.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /serving (http:\/\/[^/\s]+)\//.exec(seen);
          if (match) resolveUrl(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`the server exited with code ${code}: ${seen}`)));
      });
      console.log(
        `\n${connections} readers on GET /api/search for ${duration} s against ${address}, one ingester`,
      );
      const ingester = startIngester(archive);
      const result = await autocannon({
        url: address,
        connections,
        duration,
        requests: QUERIES.map((q) => ({
          method: 'GET' as const,
          path: `/api/search?${new URLSearchParams({ q, limit: '10', facets: 'true' })}`,
        })),
      });
      const written = await ingester.stop();
      // autocannon counts a timeout as an error too (`errors` includes `timeouts`).
      const errors = result.errors + result.non2xx;
      const rows: [string, string][] = [
        ['reader requests', String(result.requests.total)],
        ['reader requests/s (mean)', result.requests.average.toFixed(0)],
        ['reader latency p50', `${result.latency.p50} ms`],
        ['reader latency p99', `${result.latency.p99} ms`],
        ['reader latency max', `${result.latency.max} ms`],
        [
          'reader errors (incl. timeouts, non-2xx)',
          `${errors} (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
        ],
        [
          'ingester documents replaced',
          `${written.documents} (${(written.documents / duration).toFixed(1)}/s)`,
        ],
        ['ingester errors', String(written.errors)],
        ['baseline: archive.search p50, no load', `${baseline.p50.toFixed(2)} ms`],
        ['baseline: archive.search p99, no load', `${baseline.p99.toFixed(2)} ms`],
        ['ratio: p50 under load / baseline', (result.latency.p50 / baseline.p50).toFixed(1)],
      ];
      console.log('');
      for (const [name, value] of rows) console.log(`${name.padEnd(42)} ${value}`);
      if (errors > 0 || written.errors > 0) process.exitCode = 1;
    } finally {
      await stopServer(child);
    }
  } finally {
    await archive.close();
  }
}

/**
 * SIGTERM to the whole group, then SIGKILL if it has not stopped in 5 s, so that a server
 * stuck under load never keeps the bench from exiting (autocannon's connections close only
 * when this process exits).
 */
async function stopServer(child: ChildProcess): Promise<void> {
  const group = -child.pid!;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  process.kill(group, 'SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolveLate) => setTimeout(() => resolveLate(false), 5000)),
  ]);
  if (!stopped) {
    console.error('bench/pg: the server did not stop within 5 s of SIGTERM; killing it.');
    process.kill(group, 'SIGKILL');
    await exited;
  }
}

async function directBaseline(archive: PostgresArchive): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const text of QUERIES) {
      const started = performance.now();
      await archive.search({ query: parseQuery(text), limit: 10, facets: true });
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  return { p50: at(50), p99: at(99) };
}

/**
 * One writer replacing documents in a loop (each a new version: new hash, one more passage),
 * in its own transactions, as a re-ingest of changed files does.
 */
function startIngester(archive: PostgresArchive): { stop(): Promise<{ documents: number; errors: number }> } {
  let running = true;
  let documents = 0;
  let errors = 0;
  const loop = (async () => {
    const ids = await archive.listDocumentIds();
    for (let round = 1; running; round++) {
      for (const id of ids) {
        if (!running) break;
        try {
          const document = (await archive.getDocument(id))!;
          const ordinal = Math.max(...document.passages.map((p) => p.ordinal)) + 1;
          await archive.putDocument({
            ...document,
            contentHash: `${document.contentHash}+${round}`,
            passages: [
              ...document.passages,
              {
                ordinal,
                kind: 'paragraph',
                text: `Revision ${round} note.`,
                noteNumber: null,
                anchor: null,
                page: null,
                speakers: [],
              },
            ],
          });
          documents++;
        } catch (error) {
          errors++;
          if (errors <= 3) console.error(`ingester: ${(error as Error).message}`);
        }
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { documents, errors };
    },
  };
}
