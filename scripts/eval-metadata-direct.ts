/**
 * Dev tool: reads the FRUS volumes through the TEI reader (no database) and scores them against
 * the metadata gold. `--misses` prints every wrong field. Also reports reader-only time.
 *   node --import tsx scripts/eval-metadata-direct.ts [--misses] [gold.jsonl] [volumes-dir]
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJsonLines } from '../src/eval/jsonl.js';
import { compareMetadata, parseGoldMetadata, scoreMetadata } from '../src/eval/metadata.js';
import { readFrusTei } from '../src/ingest/tei-frus/index.js';
import type { Document } from '../src/records/schema.js';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const [
  goldPath = resolve('../shared/eval/metadata.jsonl'),
  volumesDir = resolve('../shared/corpus/frus/volumes'),
] = args.filter((arg) => !arg.startsWith('--'));

const documents = new Map<string, Document>();
const started = process.hrtime.bigint();
for (const name of readdirSync(volumesDir)
  .filter((file) => file.endsWith('.xml'))
  .sort()) {
  for await (const event of readFrusTei(join(volumesDir, name))) {
    if (event.kind === 'document') documents.set(event.document.id, event.document);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `read ${documents.size} documents in ${seconds.toFixed(3)} s (${Math.round(documents.size / seconds)} docs/s)`,
);

const lines = await readJsonLines(goldPath);
const scores = await scoreMetadata(lines, (id) => documents.get(id) ?? null);
for (const [field, score] of Object.entries(scores)) {
  console.log(`${field.padEnd(16)} ${(score.accuracy * 100).toFixed(1).padStart(5)}%  (n=${score.n})`);
}
if (showMisses) {
  for (const gold of parseGoldMetadata(lines, goldPath)) {
    const document = documents.get(gold.doc) ?? null;
    const result = compareMetadata(gold, document);
    for (const [field, value] of Object.entries(result)) {
      if (value === 1) continue;
      const system = document
        ? {
            type: document.type,
            date: document.date?.start,
            time: document.time,
            place: document.place,
            classification: document.classification.level,
            caveats: document.classification.caveats,
            participants: document.participants.map((p) => `${p.name}|${p.personId}`),
            redactions: document.redactions.map((r) => r.marker),
          }[field]
        : 'missing';
      const expected =
        field === 'classification'
          ? gold.classification.level
          : field === 'caveats'
            ? gold.classification.caveats
            : field === 'participants'
              ? gold.participants.map((p) => `${p.name}|${p.id}`)
              : (gold as Record<string, unknown>)[field];
      console.log(
        `${gold.doc} ${field} (${value.toFixed(2)}): gold ${JSON.stringify(expected)} system ${JSON.stringify(system)}`,
      );
    }
  }
}
