/**
 * Where tests find the repository, the shared data and a scratch folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedRoot = resolve(repoRoot, '..', 'shared');
export const volumesDir = join(sharedRoot, 'corpus', 'frus', 'volumes');
export const evalDir = join(sharedRoot, 'eval');
export const declassBin = join(repoRoot, 'bin', 'declass');

export function volumePath(volumeId: string): string {
  return join(volumesDir, `${volumeId}.xml`);
}

/** A fresh temporary folder, removed when the returned cleanup runs. */
export function scratchDir(prefix = 'declass-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
