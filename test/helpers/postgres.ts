/**
 * PostgreSQL for tests: `DATABASE_URL` names a database the tests may create schemas in; each
 * archive gets a scratch schema of its own, dropped afterwards. In CI a missing DATABASE_URL
 * fails the run; on a machine without PostgreSQL the tests skip and say why.
 */
import { openPostgresArchive, type PostgresArchive } from '../../src/store/postgres/index.js';
import { createScratchSchema, type ScratchSchema } from '../../src/store/postgres/scratch.js';

export function postgresUrl(): string | null {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error(
      'DATABASE_URL is not set: CI must run the PostgreSQL tests (see scripts/ci-postgres.sh).',
    );
  }
  return null;
}

/** Why the PostgreSQL tests are skipped, or false when they run. */
export function skipWithoutPostgres(): string | false {
  return postgresUrl() === null
    ? 'set DATABASE_URL=postgres:///declass_test to run the PostgreSQL tests (scripts/ci-postgres.sh sets one up)'
    : false;
}

/** A fresh, empty schema; its URL connects into it. */
export async function freshSchema(): Promise<ScratchSchema> {
  const base = postgresUrl();
  if (!base) throw new Error('DATABASE_URL is not set.');
  return createScratchSchema(base, 'declass_test');
}

/** A fresh archive in a scratch schema of its own for `run`; closed and dropped afterwards. */
export async function withPostgresArchive(run: (archive: PostgresArchive) => Promise<void>): Promise<void> {
  const schema = await freshSchema();
  const archive = await openPostgresArchive(schema.url, { poolSize: 2 });
  try {
    await run(archive);
  } finally {
    await archive.close();
    await schema.drop();
  }
}
