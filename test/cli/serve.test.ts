/**
 * `declass serve` stops when asked, also while a client holds an idle keep-alive connection
 * (as every browser does), with one process and with a supervisor and its workers.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { declassBin, repoRoot, scratchDir } from '../helpers/paths.js';

const scratch = scratchDir('declass-serve-');
const db = join(scratch.dir, 'archive.db');
after(() => scratch.cleanup());

before(() => {
  const result = runCli(['--db', db, 'ingest', '--quiet', join(repoRoot, 'samples', 'frus')]);
  assert.equal(result.status, 0, result.stderr);
});

/** One request over a keep-alive agent; the agent keeps the idle socket open afterwards. */
function getKeptAlive(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolvePromise(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

for (const workers of [1, 2]) {
  test(`serve with ${workers} process(es) stops on SIGTERM while a keep-alive connection is open`, async () => {
    const child = spawn(
      process.execPath,
      [declassBin, '--db', db, 'serve', '--port', '0', '--workers', String(workers)],
      { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) =>
      child.on('exit', (code, signal) => resolvePromise({ code, signal })),
    );
    const url = await new Promise<string>((resolvePromise, reject) => {
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        const served = /Declass is serving (http:\/\/\S+?)\/? /.exec(stderr);
        if (served) resolvePromise(served[1]!);
      });
      child.on('exit', () => reject(new Error(`serve stopped before listening:\n${stderr}`)));
    });
    assert.match(stderr, workers > 1 ? /with 2 workers/ : /serving/);

    const agent = new http.Agent({ keepAlive: true });
    try {
      assert.equal(await getKeptAlive(`${url}/api/search?q=Soviet`, agent), 200);
      // The socket stays open and idle in the agent's pool.
      await new Promise((resolvePromise) => setImmediate(resolvePromise));
      assert.equal(Object.values(agent.freeSockets).flat().length, 1);

      const stopped = Date.now();
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 8000);
      const { code, signal } = await exited;
      clearTimeout(timeout);
      assert.equal(signal, null, `serve did not stop within 8 s of SIGTERM and was killed:\n${stderr}`);
      assert.equal(code, 0, stderr);
      assert.ok(Date.now() - stopped < 8000);
      assert.doesNotMatch(stderr, /starting another/);
    } finally {
      agent.destroy();
      child.kill('SIGKILL');
    }
  });
}
