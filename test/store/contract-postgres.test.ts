/**
 * The Archive contract on PostgreSQL: each case in a schema of its own. Needs DATABASE_URL
 * (fails in CI without it, skips with a message elsewhere).
 */
import { test } from 'node:test';
import { openPostgresArchive } from '../../src/store/postgres/index.js';
import { freshSchema, skipWithoutPostgres } from '../helpers/postgres.js';
import { archiveContract } from './contract.js';

const skip = skipWithoutPostgres();
if (skip) {
  test('postgres contract', { skip }, () => {});
} else {
  archiveContract('postgres', {
    async open() {
      const schema = await freshSchema();
      const archive = await openPostgresArchive(schema.url, { poolSize: 8 });
      return { archive, dispose: () => schema.drop() };
    },
  });
}
