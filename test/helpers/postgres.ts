/**
 * PostgreSQL for tests: `DATABASE_URL` names a database the tests may create schemas in. Each
 * archive gets a schema of its own (through the connection's search_path), dropped afterwards.
 * In CI a missing DATABASE_URL fails the run; on a laptop without PostgreSQL the tests skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withLibpqDefaults } from '../../src/store/postgres/database.js';

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

/** A fresh, empty schema; the URL connects into it. */
export async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = postgresUrl();
  if (!base) throw new Error('DATABASE_URL is not set.');
  const schema = `declass_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withLibpqDefaults(base) });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const separator = base.includes('?') ? '&' : '?';
  return {
    url: `${base}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      const client = new pg.Client({ connectionString: withLibpqDefaults(base) });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
