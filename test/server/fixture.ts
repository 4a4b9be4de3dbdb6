/**
 * A real archive for the server and browser tests: one shared FRUS volume, a plain-text
 * record full of hostile markup and the Clinton–Putin memcon excerpts, ingested through the ordinary pipeline into a temporary
 * SQLite file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths, type IngestSummary } from '../../src/ingest/pipeline.js';
import type { Archive } from '../../src/store/archive.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { scratchDir, sharedRoot, volumePath } from '../helpers/paths.js';

/** The Clinton–Putin memcon excerpts, the record the example article is checked against. */
export const EXAMPLE_MEMCON = join(sharedRoot, 'examples', 'clinton-putin-2000', 'memcon-excerpts.txt');
export const EXAMPLE_ARTICLE = join(sharedRoot, 'examples', 'clinton-putin-2000', 'article.txt');

/** The volume the tests read: Soviet Union, January 1969–October 1970 (332 documents). */
export const TEST_VOLUME = 'frus1969-76v12';

/** Collection and document ids of the hostile record (from its folder and file names). */
export const HOSTILE_COLLECTION = 'hostile-records';
export const HOSTILE_DOCUMENT = `${HOSTILE_COLLECTION}/markup`;

/** Text a careless page would execute: a script tag, an onerror handler, an inline handler. */
export const HOSTILE_TEXT = `MEMORANDUM OF CONVERSATION

SUBJECT: Markup in a record <script>window.__declassXss = 'subject'</script>
DATE: June 4, 2000
PLACE: Moscow

Putin: <img src=x onerror="window.__declassXss = 'img'"> We will not accept this.

The President: <script>window.__declassXss = 'script'</script> Nor will we, <b onmouseover="window.__declassXss = 'b'">ever</b>.
`;

export interface TestArchive {
  archive: Archive;
  summary: IngestSummary;
  dir: string;
  close(): Promise<void>;
}

export async function buildTestArchive(volumes: readonly string[] = [TEST_VOLUME]): Promise<TestArchive> {
  const { dir, cleanup } = scratchDir('declass-server-');
  const hostileDir = join(dir, HOSTILE_COLLECTION);
  mkdirSync(hostileDir);
  writeFileSync(join(hostileDir, 'markup.txt'), HOSTILE_TEXT);
  const archive = await openSqliteArchive(join(dir, 'archive.db'));
  // The same enrichers as `declass ingest`, so speakers are attributed as in production.
  const summary = await ingestPaths(archive, [...volumes.map(volumePath), hostileDir, EXAMPLE_MEMCON], {
    enrichers: defaultEnrichers,
  });
  if (summary.failed.length > 0) {
    throw new Error(`test archive: ${summary.failed.map((f) => `${f.path}: ${f.reason}`).join('; ')}`);
  }
  return {
    archive,
    summary,
    dir,
    async close() {
      await archive.close();
      cleanup();
    },
  };
}
