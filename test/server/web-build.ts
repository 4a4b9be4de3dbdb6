/**
 * The browser tests need the built web UI; build it once if web/dist is missing (a fresh
 * clone), with the same command as `npm run build:web`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

export const webDist = join(repoRoot, 'web', 'dist');

export function ensureWebBuilt(): string {
  if (existsSync(join(webDist, 'index.html'))) return webDist;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', 'web', '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build web failed:\n${result.stdout}\n${result.stderr}`);
  return webDist;
}
