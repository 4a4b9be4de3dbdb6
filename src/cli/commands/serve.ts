/**
 * `declass serve`: the web UI and the JSON API over an archive, until Ctrl-C.
 */
import type { Command } from 'commander';
import { startServer } from '../../server/index.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and the JSON API (documented at /api/docs) over the archive')
    .option('--port <n>', 'port to listen on', parsePort, 8080)
    .option('--host <host>', 'address to listen on; 0.0.0.0 to be reachable from other machines', '127.0.0.1')
    .option('--public-url <url>', 'the address readers use, for the links in citations')
    .action(async (options: ServeOptions, command: Command) => {
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      let app;
      try {
        ({ app } = await startServer({
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
      const shownHost = options.host === '0.0.0.0' ? 'localhost' : options.host;
      console.error(
        `Declass is serving http://${shownHost}:${options.port}/ (API docs at /api/docs). Ctrl-C stops it.`,
      );
      await new Promise<void>((resolvePromise) => {
        const stop = () => resolvePromise();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // Finish the requests in flight, then release the database.
      await app.close();
      await archive.close();
    });
}

interface ServeOptions {
  port: number;
  host: string;
  publicUrl?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(`--port must be a number from 0 to 65535 (got "${value}").`);
  }
  return port;
}
