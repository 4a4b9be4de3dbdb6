/**
 * A throw-away schema in a PostgreSQL database, for tests and benchmarks: the returned URL
 * connects into it (through the connection's search_path), and `drop` removes it with its tables.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withLibpqDefaults } from './database.js';

export interface ScratchSchema {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createScratchSchema(url: string, prefix = 'declass_scratch'): Promise<ScratchSchema> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  // The name is ours (a fixed prefix and hex digits), so it may be spelled into the SQL.
  await run(url, `CREATE SCHEMA ${name}`);
  const separator = url.includes('?') ? '&' : '?';
  return {
    url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${name}`)}`,
    name,
    drop: () => run(url, `DROP SCHEMA IF EXISTS ${name} CASCADE`),
  };
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withLibpqDefaults(url) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
