/**
 * Ingest speed: the six shared FRUS volumes through the whole pipeline into a fresh SQLite
 * archive, next to a parse-only pass of the same files with the same XML parser (saxes) in
 * the same process. Prints documents/s and the ratio full / parse-only, for the whole ingest
 * on one thread and with read threads as `declass ingest` runs it by default (cores − 1).
 *
 *   npm run bench:ingest [-- <folder>] [--rounds N] [--threads N]
 */
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import { readFrusTei } from '../../src/ingest/tei-frus/index.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';

const args = process.argv.slice(2);
const roundsFlag = args.indexOf('--rounds');
const rounds = roundsFlag >= 0 ? Number(args.splice(roundsFlag, 2)[1]) : 3;
const threadsFlag = args.indexOf('--threads');
const threads =
  threadsFlag >= 0
    ? Number(args.splice(threadsFlag, 2)[1])
    : Math.max(1, Math.min(availableParallelism() - 1, 4));
const folder = resolve(
  args[0] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'frus', 'volumes'),
);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => join(folder, name));
const megabytes = files.reduce((sum, file) => sum + statSync(file).size, 0) / 1e6;

async function parseOnly(): Promise<number> {
  let elements = 0;
  for (const file of files) {
    const parser = new SaxesParser({ xmlns: true, position: false });
    parser.on('opentag', () => elements++);
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
      parser.write(chunk as string);
    }
    parser.close();
  }
  return elements;
}

async function readOnly(): Promise<number> {
  let documents = 0;
  for (const file of files)
    for await (const event of readFrusTei(file)) if (event.kind === 'document') documents++;
  return documents;
}

async function fullIngest(readThreads: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'declass-bench-'));
  try {
    const archive = await openSqliteArchive(join(dir, 'bench.db'));
    const options = readThreads > 0 ? { threads: readThreads } : { enrichers: defaultEnrichers };
    const summary = await ingestPaths(archive, files, options);
    await archive.close();
    if (summary.failed.length > 0) throw new Error(`ingest failed: ${JSON.stringify(summary.failed)}`);
    return summary.added;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function time<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { seconds: (performance.now() - started) / 1000, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await parseOnly(); // warm-up: file cache and JIT
const parse: number[] = [];
const read: number[] = [];
const single: number[] = [];
const threaded: number[] = [];
let documents = 0;
for (let round = 0; round < rounds; round++) {
  parse.push((await time(parseOnly)).seconds);
  read.push((await time(readOnly)).seconds);
  const ingest = await time(() => fullIngest(0));
  single.push(ingest.seconds);
  documents = ingest.value;
  threaded.push((await time(() => fullIngest(threads))).seconds);
}
const p = median(parse);
const r = median(read);
const f1 = median(single);
const ft = median(threaded);
console.log(
  `ingest benchmark: ${files.length} files, ${megabytes.toFixed(1)} MB, ${documents} documents, median of ${rounds} rounds`,
);
console.log(`  parse only (saxes)              ${p.toFixed(3)} s  ${(megabytes / p).toFixed(1)} MB/s`);
const row = (name: string, seconds: number) =>
  console.log(
    `  ${name.padEnd(30)}  ${seconds.toFixed(3)} s  ${Math.round(documents / seconds)} documents/s  ${(seconds / p).toFixed(2)}× parse`,
  );
row('read (parse + extract)', r);
row('full ingest, one thread', f1);
row(`full ingest, ${threads} read thread${threads === 1 ? '' : 's'}`, ft);
console.log(
  `targets (default ingest, ${threads} read threads): full ≤ 3× parse-only → ${ft / p <= 3 ? 'met' : 'MISSED'}; ` +
    `≥ 1,500 documents/s → ${documents / ft >= 1500 ? 'met' : 'MISSED'}`,
);
