// Reading without storing, for bench/ingest: the built FRUS reader (parse + extraction) and the
// default enrichers (speaker attribution), counting documents.
import { readEnriched } from '../../dist/ingest/enriched-read.js';
import { defaultEnrichers } from '../../dist/ingest/enrichers.js';
import { defaultReaders } from '../../dist/ingest/registry.js';

const enrich = process.argv[2] === '--enrich';
let documents = 0;
for (const file of process.argv.slice(enrich ? 3 : 2)) {
  for await (const event of readEnriched(file, defaultReaders, enrich ? defaultEnrichers : [])) {
    if (event.kind === 'document') documents++;
  }
}
console.log(documents);
