/**
 * `declass eval …`: measure the archive against hand-labelled gold files.
 */
import type { Command } from 'commander';
import { readJsonLines } from '../../eval/jsonl.js';
import { scoreMetadata } from '../../eval/metadata.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';
import { printJson, style } from '../format.js';

export function registerEval(program: Command): void {
  const evaluate = program.command('eval').description('score the archive against gold files');
  evaluate
    .command('metadata')
    .description('accuracy per metadata field against a gold JSONL file')
    .argument('<gold>', 'gold file, e.g. ../shared/eval/metadata.jsonl')
    .option('--json', 'print { "<field>": { "accuracy": x, "n": k } }')
    .action(async (gold: string, options: { json?: boolean }, command: Command) => {
      const lines = await readGold(gold);
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const scores = await scoreMetadata(lines, (id) => archive.getDocument(id));
        if (options.json) return printJson(scores);
        for (const [fieldName, score] of Object.entries(scores)) {
          console.log(`${fieldName.padEnd(16)} ${style.bold(formatPercent(score.accuracy))}  (n=${score.n})`);
        }
      } finally {
        await archive.close();
      }
    });
}

async function readGold(path: string): Promise<unknown[]> {
  try {
    return await readJsonLines(path);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
