/**
 * Development measure of speaker attribution with no database: reads the six shared FRUS
 * volumes through the TEI reader, attributes each gold document and scores
 * `../shared/eval/attribution.jsonl`. Prints the score and every miss.
 *
 *   node --import tsx scripts/eval-attribution-direct.ts [gold.jsonl] [--json]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readFrusTei } from '../src/ingest/tei-frus/index.js';
import { attributeDocument } from '../src/extract/attribution/index.js';
import { scoreAttributionLines, speakerForText, type AttributionGoldLine } from '../src/eval/attribution.js';
import type { Document, Person } from '../src/records/schema.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const shared = resolve(import.meta.dirname, '..', '..', 'shared');
const goldPath = args.find((arg) => !arg.startsWith('--')) ?? resolve(shared, 'eval', 'attribution.jsonl');
const gold = readFileSync(goldPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as AttributionGoldLine);

const wanted = new Set(gold.map((line) => line.doc));
const volumes = [...new Set(gold.map((line) => line.doc.split('/')[0]!))];
const documents = new Map<string, Document>();
for (const volume of volumes) {
  let persons: Person[] = [];
  for await (const event of readFrusTei(resolve(shared, 'corpus', 'frus', 'volumes', `${volume}.xml`))) {
    if (event.kind === 'persons') persons = event.persons;
    if (event.kind === 'document' && wanted.has(event.document.id))
      documents.set(event.document.id, attributeDocument(event.document, persons));
  }
}

const { score, results } = scoreAttributionLines(gold, (line) => {
  const doc = documents.get(line.doc);
  return doc ? speakerForText(doc, line.text) : undefined;
});
if (json) console.log(JSON.stringify(score));
else {
  for (const result of results.filter((candidate) => !candidate.correct)) {
    const system =
      result.system === undefined
        ? 'TEXT NOT FOUND'
        : result.system
          ? `${result.system.personName} (${result.system.personId}) via "${result.system.label}"`
          : 'null';
    console.log(
      `✗ ${result.line.doc}  gold=${result.line.speaker ?? 'null'}  system=${system}\n    ${result.line.text.slice(0, 140)}`,
    );
  }
  console.log(
    `accuracy ${score.accuracy.toFixed(3)}  null_accuracy ${score.null_accuracy.toFixed(3)}  n ${score.n}`,
  );
}
