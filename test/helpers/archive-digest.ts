/**
 * A fingerprint of everything an archive holds, read through the Archive interface, so two
 * archives can be compared for equality whatever the engine's internals.
 */
import { createHash } from 'node:crypto';
import { parseQuery } from '../../src/search/parser.js';
import type { Archive } from '../../src/store/archive.js';

const PROBE_QUERIES = ['Kissinger Dobrynin', '"strategic arms"', 'Berlin type:memcon', 'NATO -France'];

export async function archiveDigest(archive: Archive): Promise<{ digest: string; documents: number }> {
  const hash = createHash('sha256');
  const ids = await archive.listDocumentIds();
  for (const id of ids) hash.update(JSON.stringify(await archive.getDocument(id)));
  hash.update(JSON.stringify(await archive.listCollections()));
  hash.update(JSON.stringify(await archive.listPersons()));
  hash.update(JSON.stringify(await archive.stats()));
  for (const query of PROBE_QUERIES) {
    const response = await archive.search({ query: parseQuery(query), limit: 20, facets: true });
    hash.update(JSON.stringify({ total: response.total, hits: response.hits, facets: response.facets }));
  }
  return { digest: hash.digest('hex'), documents: ids.length };
}
