/**
 * Where the archive lives: `--database postgres://…` (a shared PostgreSQL server), else
 * `--db FILE` (an SQLite file; a postgres:// URL there works too), else $DATABASE_URL, else
 * $DECLASS_DB, else ./declass.db.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Archive } from '../store/archive.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import { openSqliteArchive } from '../store/sqlite/index.js';
import { UserError } from './errors.js';

export interface ArchiveOptions {
  db?: string;
  database?: string;
}

export type ArchiveLocation = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export function archiveLocation(options: ArchiveOptions): ArchiveLocation {
  if (options.database !== undefined) {
    if (!isPostgresUrl(options.database)) {
      throw new UserError(
        `--database takes a PostgreSQL URL such as postgres://user@host/declass (got "${options.database}"); for an SQLite file use --db.`,
      );
    }
    return { engine: 'postgres', url: options.database };
  }
  const named = options.db ?? process.env.DATABASE_URL ?? process.env.DECLASS_DB ?? 'declass.db';
  return isPostgresUrl(named)
    ? { engine: 'postgres', url: named }
    : { engine: 'sqlite', file: resolve(named) };
}

/** How a process uses the archive. */
export interface ArchiveUse {
  /** PostgreSQL connections this process may hold at once (default: the engine's). */
  connections?: number;
  /** Many documents will be written: an SQLite archive stores them on a second thread. */
  bulkWrites?: boolean;
}

/**
 * Opens the archive. Reading commands refuse to create an empty SQLite file by accident: a
 * mistyped path should say so, not answer "0 results".
 */
export async function openArchive(
  options: ArchiveOptions,
  mode: 'read' | 'write',
  use: ArchiveUse = {},
): Promise<Archive> {
  const location = archiveLocation(options);
  if (location.engine === 'postgres') {
    try {
      // Loaded on demand: the driver is only needed for a shared server.
      const { openPostgresArchive } = await import('../store/postgres/index.js');
      return await openPostgresArchive(location.url, { poolSize: use.connections });
    } catch (error) {
      throw new UserError(`cannot open the PostgreSQL archive: ${(error as Error).message}`);
    }
  }
  const file = location.file;
  if (mode === 'read' && !existsSync(file)) {
    throw new UserError(
      `no archive at ${file}. Ingest records first ("declass ingest <files>") or point --db / DECLASS_DB at an existing archive.`,
    );
  }
  return openSqliteArchive(file, { writeThread: use.bulkWrites ?? false });
}
