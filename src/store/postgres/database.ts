/**
 * The connection pool and the schema brought up to date by the ordered migrations, each in its
 * own transaction, under an advisory lock so that two processes starting at once migrate once.
 */
import { userInfo } from 'node:os';
import pg from 'pg';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

/** The database was written by a newer Declass. */
export class PostgresSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostgresSchemaError';
  }
}

/** An arbitrary constant naming Declass's migration lock among the database's advisory locks. */
const MIGRATION_LOCK = 0x6465636c;

// bigint (int8) columns hold document keys and counts far below 2^53: read them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * Settings every connection starts with. Searches are many short statements: compiling them to
 * machine code (the JIT, which the planner's cost guesses for unnest() and CTEs switch on) costs
 * 200-300 ms a statement and saves nothing.
 */
const SESSION_OPTIONS = '-c jit=off';

export function createPool(url: string, max: number): Pool {
  const pool = new pg.Pool({ ...connectionConfig(url), max });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export async function migrate(pool: Pool, url: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const current = await schemaVersion(client);
    if (current > LATEST_VERSION) {
      throw new PostgresSchemaError(
        `${redact(url)} has schema version ${current}, but this Declass knows versions up to ${LATEST_VERSION}: ` +
          'it was written by a newer Declass. Upgrade Declass, or point --database at another database.',
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      await inTransaction(client, async () => {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export async function schemaVersion(client: Client | Pool): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return result.rows[0]?.version ?? 0;
}

export async function inTransaction<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Deadlocks, serialisation failures and a lost race to insert the same id are worth a retry. */
const RETRYABLE = new Set(['40P01', '40001', '23505']);

/** Runs `work` in a transaction on a pooled client, retrying a few times on transient conflicts. */
export async function withTransaction<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      return await inTransaction(client, () => work(client));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw error;
    } finally {
      client.release();
    }
  }
}

/** The connection string with the session settings added to any `options` it carries. */
function connectionConfig(url: string): pg.PoolConfig {
  const connectionString = withLibpqDefaults(url);
  const at = connectionString.indexOf('?');
  // node-postgres reads the query string as URLSearchParams do (and libpq's URLs too).
  const params = new URLSearchParams(at >= 0 ? connectionString.slice(at + 1) : '');
  const options = params.get('options');
  params.set('options', options ? `${options} ${SESSION_OPTIONS}` : SESSION_OPTIONS);
  return { connectionString: `${at >= 0 ? connectionString.slice(0, at) : connectionString}?${params}` };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * `postgres:///declass` works with psql (libpq takes the login name and the local socket);
 * node-postgres needs both spelled out, so they are filled in the same way libpq would.
 */
export function withLibpqDefaults(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // e.g. `postgres://user@/db?host=…`: node-postgres reads it as it is.
  }
  const user = parsed.username || process.env.PGUSER || userInfo().username;
  const auth = `${user}${parsed.password ? `:${parsed.password}` : ''}@`;
  const needsHost = !parsed.hostname && !/[?&]host=/.test(parsed.search);
  const host = encodeURIComponent(process.env.PGHOST ?? '/var/run/postgresql');
  const search = needsHost ? `${parsed.search ? `${parsed.search}&` : '?'}host=${host}` : parsed.search;
  return `${parsed.protocol}//${auth}${parsed.host}${parsed.pathname}${search}`;
}
