/**
 * `declass ingest <path...>`: read files and folders into the archive, with a progress bar.
 */
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { defaultEnrichers } from '../../ingest/enrichers.js';
import { ingestPaths, type IngestProgress, type IngestSummary } from '../../ingest/pipeline.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';

export function registerIngest(program: Command, setExit: (code: number) => void): void {
  program
    .command('ingest')
    .description('ingest record files or folders (FRUS TEI XML, …); re-running skips unchanged files')
    .argument('<paths...>', 'files or folders to ingest')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress bar')
    .option(
      '--unpublished',
      'store new collections and documents embargoed, invisible to the public until "declass publish"; records already stored keep their state',
    )
    .action(async (paths: string[], options: IngestCommandOptions, command: Command) => {
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'write', {
        bulkWrites: true,
      });
      const progress = options.quiet ? null : createProgressReporter();
      try {
        const summary = await ingestPaths(archive, paths, {
          enrichers: defaultEnrichers,
          unpublished: options.unpublished ?? false,
          onProgress: progress?.update,
        });
        progress?.stop();
        if (options.json) console.log(JSON.stringify(summary, null, 2));
        else {
          printSummary(summary);
          if (options.unpublished && summary.added > 0)
            console.log(
              'New records were stored unpublished: the public cannot see them until "declass publish <collection-or-document-id>".',
            );
        }
        setExit(summary.failed.length > 0 ? 1 : 0);
      } finally {
        progress?.stop();
        await archive.close();
      }
    });
}

interface IngestCommandOptions {
  json?: boolean;
  quiet?: boolean;
  unpublished?: boolean;
}

function createProgressReporter(): { update: (p: IngestProgress) => void; stop: () => void } {
  const started = performance.now();
  const rate = (documents: number) =>
    Math.round(documents / Math.max((performance.now() - started) / 1000, 0.001));
  if (!process.stderr.isTTY) {
    // No terminal to redraw: one line per file keeps logs readable.
    let lastFile = '';
    return {
      update(p) {
        if (p.file && p.file !== lastFile) {
          lastFile = p.file;
          process.stderr.write(
            `[${p.filesDone + 1}/${p.filesTotal}] ${basename(p.file)} · ${p.documents} documents so far\n`,
          );
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'ingest [{bar}] {value}/{total} files | {documents} documents | {rate} docs/s | {file}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started_ = false;
  let stopped = false;
  return {
    update(p) {
      const payload = {
        documents: p.documents,
        rate: rate(p.documents),
        file: p.file ? basename(p.file) : 'done',
      };
      if (!started_) {
        bar.start(p.filesTotal, p.filesDone, payload);
        started_ = true;
      } else bar.update(p.filesDone, payload);
    },
    stop() {
      if (started_ && !stopped) bar.stop();
      stopped = true;
    },
  };
}

function printSummary(summary: IngestSummary): void {
  const rate = Math.round(
    (summary.added + summary.updated + summary.unchanged) / Math.max(summary.seconds, 0.001),
  );
  for (const collection of summary.collections) {
    console.log(`  ${collection.id}  ${collection.documents} documents  ${collection.title}`);
  }
  console.log(
    `${summary.collections.length} collections · ${summary.added} added · ${summary.updated} updated · ` +
      `${summary.unchanged} unchanged · ${summary.removed} removed · ${summary.failed.length} files failed ` +
      `(${summary.files} files in ${summary.seconds.toFixed(2)} s, ${rate} documents/s)`,
  );
  for (const failure of summary.failed) {
    const kept =
      failure.documentsStored > 0
        ? ` (${failure.documentsStored} documents read before the error were kept)`
        : '';
    console.error(`failed: ${failure.path}: ${failure.reason}${kept}`);
  }
}
