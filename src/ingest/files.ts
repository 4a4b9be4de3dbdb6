/**
 * Finding the files an ingest names, and fingerprinting them.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Expands files and folders (recursively, in a stable order) into a list of file paths. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => null);
    if (info === null) missing.push(given);
    else if (info.isDirectory()) files.push(...(await listFolder(path)));
    else files.push(path);
  }
  return { files: [...new Set(files)], missing };
}

async function listFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    // Hidden files (editor swap files, .DS_Store) are never records.
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFolder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** The first bytes of a file, for content-type detection. */
export async function readHead(path: string, bytes = 4096): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** sha256 of a file's bytes, streamed, salted with a version so a new pipeline re-reads old files. */
export async function fingerprintFile(path: string, salt: string): Promise<string> {
  const hash = createHash('sha256').update(salt).update('\0');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
