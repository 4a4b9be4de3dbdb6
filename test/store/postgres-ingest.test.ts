/**
 * PostgreSQL after an ingest: the archive vacuums and analyses what the ingest wrote, so that
 * autovacuum's first pass does not land in the middle of serving. Needs DATABASE_URL (fails in
 * CI without it, skips with a message elsewhere).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import type { PostgresArchive } from '../../src/store/postgres/index.js';
import { volumePath } from '../helpers/paths.js';
import { skipWithoutPostgres, withPostgresArchive } from '../helpers/postgres.js';

const skip = skipWithoutPostgres();

/** When passages were last vacuumed and analysed by hand (not by autovacuum), or null. */
async function passagesUpkeep(archive: PostgresArchive) {
  const result = await archive.database.query<{ vacuumed: Date | null; analysed: Date | null }>(
    `SELECT last_vacuum AS vacuumed, last_analyze AS analysed FROM pg_stat_user_tables
     WHERE relname = 'passages' AND schemaname = current_schema()`,
  );
  return result.rows[0]!;
}

test(
  'postgres: an ingest that changes the archive ends with VACUUM (ANALYZE); an unchanged one does not',
  { skip },
  async () => {
    await withPostgresArchive(async (archive) => {
      assert.deepEqual(await passagesUpkeep(archive), { vacuumed: null, analysed: null });
      const volume = volumePath('frus1969-76ve15p1');
      const first = await ingestPaths(archive, [volume], { enrichers: defaultEnrichers });
      assert.equal(first.added, 105);
      const after = await passagesUpkeep(archive);
      assert.ok(after.vacuumed instanceof Date && after.analysed instanceof Date);

      const again = await ingestPaths(archive, [volume], { enrichers: defaultEnrichers });
      assert.equal(again.unchanged, 105);
      assert.deepEqual(await passagesUpkeep(archive), after);
    });
  },
);
