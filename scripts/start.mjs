// `npm start`: the main job. Builds if needed, loads the bundled sample collection into an
// embedded archive on first run, and shows what the archive can do.
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const declass = join(root, 'bin', 'declass');
const db = process.env.DECLASS_DB ?? join(root, '.declass', 'sample.db');

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) run('npm', ['run', 'build']);
mkdirSync(dirname(db), { recursive: true });
// Re-running is cheap: unchanged files are skipped.
run(process.execPath, [declass, '--db', db, 'ingest', join(root, 'samples')]);
console.log(`\nExample: declass --db ${db} search "Ceausescu speaker:Kissinger"\n`);
run(process.execPath, [declass, '--db', db, 'search', '--limit', '3', 'Ceausescu']);
