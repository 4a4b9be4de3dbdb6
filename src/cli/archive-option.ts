/**
 * Where the archive lives: `--db FILE`, else $DECLASS_DB, else ./declass.db.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Archive } from '../store/archive.js';
import { openSqliteArchive } from '../store/sqlite/index.js';
import { UserError } from './errors.js';

export interface ArchiveOptions {
  db?: string;
}

export function archivePath(options: ArchiveOptions): string {
  return resolve(options.db ?? process.env.DECLASS_DB ?? 'declass.db');
}

/**
 * Opens the archive. Reading commands refuse to create an empty database by accident: a
 * mistyped path should say so, not answer "0 results".
 */
export async function openArchive(options: ArchiveOptions, mode: 'read' | 'write'): Promise<Archive> {
  const file = archivePath(options);
  if (mode === 'read' && !existsSync(file)) {
    throw new UserError(
      `no archive at ${file}. Ingest records first ("declass ingest <files>") or point --db / DECLASS_DB at an existing archive.`,
    );
  }
  return openSqliteArchive(file);
}
