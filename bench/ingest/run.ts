/**
 * Ingest speed: the six shared FRUS volumes into a fresh SQLite archive with `declass ingest`,
 * next to a parse-only pass over the same files with the same XML parser (saxes), each a whole
 * process as a user runs it (start-up and a cold JIT included), alternating, median of N
 * rounds. Also times reading alone (parse + extraction) and reading with speaker attribution.
 *
 *   npm run bench:ingest [-- <folder>] [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const rounds = Number(option('--rounds') ?? 3);
const root = resolve(import.meta.dirname, '..', '..');
const folder = resolve(args[0] ?? join(root, '..', 'shared', 'corpus', 'frus', 'volumes'));
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => join(folder, name));
const megabytes = files.reduce((sum, file) => sum + statSync(file).size, 0) / 1e6;

// The ingest runs the built command, so build it from these sources first.
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) throw new Error('bench/ingest: the build failed; fix it and run again.');

/** Runs a command to completion; returns its wall time in seconds and its standard output. */
function run(command: string[]): { seconds: number; stdout: string } {
  const started = performance.now();
  const child = spawnSync(process.execPath, command, { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${command.join(' ')} failed:\n${child.stderr}`);
  return { seconds, stdout: child.stdout };
}

function ingest(): { seconds: number; documents: number } {
  const dir = mkdtempSync(join(tmpdir(), 'declass-bench-'));
  try {
    const db = join(dir, 'bench.db');
    const bin = join(root, 'bin', 'declass');
    const result = run([bin, '--db', db, 'ingest', '--quiet', '--json', ...files]);
    const summary = JSON.parse(result.stdout) as { added: number; failed: unknown[] };
    if (summary.failed.length > 0) throw new Error(`ingest failed: ${JSON.stringify(summary.failed)}`);
    return { seconds: result.seconds, documents: summary.added };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parseScript = join(root, 'bench', 'ingest', 'parse-only.mjs');
const readScript = join(root, 'bench', 'ingest', 'read-only.mjs');
const timings = {
  parse: [] as number[],
  read: [] as number[],
  enrich: [] as number[],
  ingest: [] as number[],
};
let documents = 0;
run([parseScript, ...files]); // warm-up: the file cache
for (let round = 0; round < rounds; round++) {
  timings.parse.push(run([parseScript, ...files]).seconds);
  timings.read.push(run([readScript, ...files]).seconds);
  timings.enrich.push(run([readScript, '--enrich', ...files]).seconds);
  const full = ingest();
  timings.ingest.push(full.seconds);
  documents = full.documents;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const parse = median(timings.parse);
console.log(
  `ingest benchmark: ${files.length} files, ${megabytes.toFixed(1)} MB, ${documents} documents; ` +
    `whole processes, median of ${rounds} rounds`,
);
const row = (name: string, seconds: number) =>
  console.log(
    `  ${name.padEnd(40)} ${seconds.toFixed(3)} s  ${String(Math.round(documents / seconds)).padStart(5)} documents/s  ${(seconds / parse).toFixed(2)}× parse`,
  );
row('parse only (saxes)', parse);
row('read (parse + extraction)', median(timings.read));
row('read + speaker attribution', median(timings.enrich));
const full = median(timings.ingest);
row('declass ingest (into SQLite)', full);
console.log(
  `targets: full ≤ 3× parse-only → ${full / parse <= 3 ? 'met' : 'MISSED'}; ` +
    `≥ 1,500 documents/s → ${documents / full >= 1500 ? 'met' : 'MISSED'}`,
);
