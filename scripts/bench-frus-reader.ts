/**
 * Dev tool: reader-only speed on the shared volumes, next to a bare saxes pass over the same
 * files (the parser's floor). Best of N rounds, so a busy machine disturbs it less.
 *   node --import tsx scripts/bench-frus-reader.ts [rounds] [volumes-dir]
 */
import { createReadStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { readFrusTei } from '../src/ingest/tei-frus/index.js';

const rounds = Number(process.argv[2] ?? 3);
const dir = resolve(process.argv[3] ?? '../shared/corpus/frus/volumes');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => join(dir, name));

async function parseOnly(): Promise<void> {
  for (const file of files) {
    const parser = new SaxesParser({ position: false });
    parser.on('opentag', () => undefined);
    parser.on('text', () => undefined);
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      parser.write(chunk as string);
    }
    parser.close();
  }
}

async function readerOnly(): Promise<number> {
  let documents = 0;
  for (const file of files) {
    for await (const event of readFrusTei(file)) if (event.kind === 'document') documents++;
  }
  return documents;
}

/** Best wall time and best CPU time (user + system) of N rounds, in ms. CPU time is what a busy machine disturbs least. */
async function best(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  let wall = Infinity;
  let cpu = Infinity;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    await run();
    const used = process.cpuUsage(cpuStart);
    wall = Math.min(wall, Number(process.hrtime.bigint() - started) / 1e6);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const documents = await readerOnly();
const parse = await best(parseOnly);
const reader = await best(readerOnly);
console.log(`files ${files.length}, documents ${documents}; best of ${rounds} rounds`);
console.log(`saxes parse only   wall ${parse.wall.toFixed(0)} ms, cpu ${parse.cpu.toFixed(0)} ms`);
console.log(
  `FRUS TEI reader    wall ${reader.wall.toFixed(0)} ms, cpu ${reader.cpu.toFixed(0)} ms ` +
    `(${Math.round((documents / reader.wall) * 1000)} documents/s by wall time)`,
);
console.log(`ratio (wall)       ${(reader.wall / parse.wall).toFixed(2)}×`);
