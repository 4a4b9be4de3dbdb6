/**
 * `declass serve`: the web UI and the JSON API over an archive, until Ctrl-C.
 *
 * A search runs on the process's one thread, so by default one worker process serves per
 * processor core (node:cluster shares the port between them); each opens the archive for
 * itself, which SQLite in WAL mode and PostgreSQL's pool both allow.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and the JSON API (documented at /api/docs) over the archive')
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 8080)
    .option('--host <host>', 'address to listen on; 0.0.0.0 to be reachable from other machines', '127.0.0.1')
    .option('--public-url <url>', 'the address readers use, for the links in citations')
    .option('--workers <n>', 'worker processes (default: one per processor core)', parseWorkers)
    .action(async (options: ServeOptions, command: Command) => {
      const archiveOptions = command.optsWithGlobals<ArchiveOptions>();
      const workers = options.workers ?? availableParallelism();
      if (workers > 1 && cluster.isPrimary) return superviseWorkers(archiveOptions, options, workers);
      await serveInThisProcess(archiveOptions, options, workers);
    });
}

/**
 * PostgreSQL connections per worker: about two running statements per core in all, since more
 * only makes the database switch between them while the rest wait in each worker's queue.
 */
function connectionsPerWorker(workers: number): number {
  return Math.max(2, Math.ceil((2 * availableParallelism()) / workers));
}

async function serveInThisProcess(
  archiveOptions: ArchiveOptions,
  options: ServeOptions,
  workers: number,
): Promise<void> {
  // The HTTP stack is loaded only by the command that serves.
  const { startServer } = await import('../../server/index.js');
  const archive = await openArchive(archiveOptions, 'read', { connections: connectionsPerWorker(workers) });
  let app;
  let url: string;
  try {
    ({ app, url } = await startServer({
      archive,
      port: options.port,
      host: options.host,
      publicUrl: options.publicUrl,
    }));
  } catch (error) {
    await archive.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(`port ${options.port} is in use; choose another with --port.`);
    }
    throw error;
  }
  if (cluster.isPrimary) announce(url, options.host, 1);
  await new Promise<void>((resolvePromise) => {
    const stop = () => resolvePromise();
    // Ctrl-C reaches a worker and then the supervisor's SIGTERM too: a worker keeps catching
    // signals, so the second one does not kill it in the middle of a request.
    const listen = cluster.isWorker ? process.on.bind(process) : process.once.bind(process);
    listen('SIGINT', stop);
    listen('SIGTERM', stop);
  });
  // Finish the requests in flight, then release the database.
  await app.close();
  await archive.close();
  // A worker's channel to the supervisor would keep it running: close it too.
  if (cluster.isWorker) process.disconnect();
}

async function superviseWorkers(archiveOptions: ArchiveOptions, options: ServeOptions, workers: number) {
  // Open once here so a missing or unreadable archive is reported before any worker starts.
  await (await openArchive(archiveOptions, 'read')).close();
  let stopping = false;
  let announced = false;
  cluster.on('listening', (_worker, address) => {
    if (announced) return;
    announced = true;
    announce(`http://${options.host}:${address.port}`, options.host, workers);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(
      `declass: worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another.`,
    );
    cluster.fork();
  });
  for (let index = 0; index < workers; index++) cluster.fork();
  await new Promise<void>((resolvePromise) => {
    const running = () => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    const killAll = () => {
      for (const worker of running()) worker.process.kill('SIGKILL');
    };
    const stop = () => {
      if (stopping) return killAll(); // a second Ctrl-C: stop now
      stopping = true;
      const workersLeft = running();
      if (workersLeft.length === 0) return resolvePromise();
      // Workers that have not finished their requests in time are stopped all the same.
      const deadline = setTimeout(killAll, STOP_GRACE_MS);
      let left = workersLeft.length;
      for (const worker of workersLeft) {
        worker.once('exit', () => {
          if (--left > 0) return;
          clearTimeout(deadline);
          resolvePromise();
        });
        // The signal itself, not worker.kill(): that first waits for every open connection,
        // and a browser's idle keep-alive connection would hold the worker for good.
        worker.process.kill('SIGTERM');
      }
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** How long `serve --workers` waits for its workers to finish their requests when stopped. */
const STOP_GRACE_MS = 10_000;

function announce(url: string, host: string, workers: number): void {
  const shown = host === '0.0.0.0' ? url.replace('0.0.0.0', 'localhost') : url;
  const served = workers > 1 ? ` with ${workers} workers` : '';
  console.error(
    `Declass is serving ${shown.replace(/\/$/, '')}/${served} (API docs at /api/docs). Ctrl-C stops it.`,
  );
}

interface ServeOptions {
  port: number;
  host: string;
  publicUrl?: string;
  workers?: number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(`--port must be a number from 0 to 65535 (got "${value}").`);
  }
  return port;
}

function parseWorkers(value: string): number {
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new UserError(`--workers must be a whole number from 1 to 64 (got "${value}").`);
  }
  return workers;
}
