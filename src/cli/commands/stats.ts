/**
 * `declass stats`: what the archive holds.
 */
import type { Command } from 'commander';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { printJson, style } from '../format.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('count documents by collection, type, classification and decade')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const stats = await archive.stats();
        if (options.json) return printJson(stats);
        console.log(
          `${style.bold(String(stats.documents))} documents · ${stats.passages} passages · ` +
            `${stats.persons} persons · ${stats.redactions} redactions`,
        );
        console.log(`\n${style.bold('collections')}`);
        for (const c of stats.collections)
          console.log(`  ${String(c.documents).padStart(7)}  ${c.id}  ${c.title}`);
        for (const [name, counts] of [
          ['types', stats.types],
          ['classification', stats.classifications],
          ['decades', stats.decades],
        ] as const) {
          console.log(`\n${style.bold(name)}`);
          for (const [value, count] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
            console.log(`  ${String(count).padStart(7)}  ${value}`);
          }
        }
      } finally {
        await archive.close();
      }
    });
}
