// `npm start`: the main job. Builds if needed, loads the bundled sample collection into the
// embedded archive on first run (later runs skip unchanged files), and serves the web archive
// at http://localhost:8080.
import { existsSync, mkdirSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const declass = join(root, 'bin', 'declass');
const db = process.env.DECLASS_DB ?? join(root, '.declass', 'sample.db');
const port = process.env.PORT ?? '8080';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, 'dist', 'cli', 'main.js')) || !existsSync(join(root, 'web', 'dist', 'index.html'))) {
  run('npm', ['run', 'build']);
}
mkdirSync(dirname(db), { recursive: true });
run(process.execPath, [declass, '--db', db, 'ingest', join(root, 'samples', 'frus'), join(root, 'samples', 'clinton-putin-2000')]);
const server = spawn(process.execPath, [declass, '--db', db, 'serve', '--port', port], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
