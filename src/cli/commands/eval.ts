/**
 * `declass eval …`: measure the archive against hand-labelled gold files.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import type { Document } from '../../records/schema.js';
import { registerEvalClaims } from './check.js';
import { scoreAttribution, speakerForText, type AttributionGoldLine } from '../../eval/attribution.js';
import { readJsonLines } from '../../eval/jsonl.js';
import { scoreMetadata } from '../../eval/metadata.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';
import { printJson, style } from '../format.js';

export function registerEval(program: Command): void {
  const evaluate = program.command('eval').description('score the archive against gold files');
  registerEvalAttribution(evaluate);
  registerEvalClaims(evaluate);
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

const AttributionGold = z.object({
  doc: z.string(),
  text: z.string(),
  speaker: z.string().nullable(),
  speaker_id: z.string().nullable().default(null),
  note: z.string().optional(),
});

function registerEvalAttribution(evaluate: Command): void {
  evaluate
    .command('attribution')
    .description(
      "accuracy of speaker attribution: the system's speaker for the sentence holding each gold text",
    )
    .argument('<gold>', 'gold file, e.g. ../shared/eval/attribution.jsonl')
    .option('--json', 'print { "accuracy": x, "null_accuracy": y, "n": k }')
    .action(async (gold: string, options: { json?: boolean }, command: Command) => {
      const lines = (await readGold(gold)).map((row, index) => {
        const parsed = AttributionGold.safeParse(row);
        if (!parsed.success) {
          throw new UserError(`${gold}:${index + 1}: expected {"doc", "text", "speaker", "speaker_id"}.`);
        }
        return parsed.data as AttributionGoldLine;
      });
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const documents = new Map<string, Document | null>();
        for (const line of lines) {
          if (!documents.has(line.doc)) documents.set(line.doc, await archive.getDocument(line.doc));
        }
        const score = scoreAttribution(lines, (line) => {
          const document = documents.get(line.doc);
          return document ? speakerForText(document, line.text) : undefined;
        });
        if (options.json) return printJson(score);
        console.log(`accuracy         ${style.bold(formatPercent(score.accuracy))}  (n=${score.n})`);
        console.log(`narration lines  ${style.bold(formatPercent(score.null_accuracy))}`);
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
