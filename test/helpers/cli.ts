/**
 * Running the real `bin/declass` as a child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { declassBin, repoRoot } from './paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [declassBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI and SIGKILLs it after `delayMs`; resolves when the process is gone. */
export function runCliAndKill(args: readonly string[], delayMs: number): Promise<{ killed: boolean }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [declassBin, ...args], { cwd: repoRoot, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolvePromise({ killed: signal === 'SIGKILL' });
    });
  });
}
