/**
 * `declass check <file|->`: trace an article's claims to the record. `declass eval claims`:
 * score the checker against gold claims.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ArticleError } from '../../check/article.js';
import { checkArticle } from '../../check/check.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../check/report.js';
import { parseGoldClaims, scoreClaims } from '../../eval/claims.js';
import { readJsonLines } from '../../eval/jsonl.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';
import { printJson } from '../format.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description("check an article's claims against the record: verdicts with the passages behind them")
    .argument('<file>', 'the article (text or HTML), or - for standard input')
    .option('--format <format>', `text, json, markdown or html`, 'text')
    .option('--max-claims <n>', 'claims checked per article', (v) => Number(v), 40)
    .action(async (file: string, options: { format: string; maxClaims: number }, command: Command) => {
      if (!REPORT_FORMATS.includes(options.format as ReportFormat))
        throw new UserError(
          `--format must be one of ${REPORT_FORMATS.join(', ')} (got "${options.format}").`,
        );
      if (!Number.isInteger(options.maxClaims) || options.maxClaims < 1)
        throw new UserError('--max-claims must be a whole number of 1 or more.');
      const input = file === '-' ? await readStdin() : await readArticleFile(file);
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const report = await checkArticle(archive, input, {
          source: file === '-' ? 'stdin' : file,
          maxClaims: options.maxClaims,
        });
        console.log(renderReport(report, options.format as ReportFormat));
      } catch (error) {
        if (error instanceof ArticleError) throw new UserError(error.message);
        throw error;
      } finally {
        await archive.close();
      }
    });
}

export function registerEvalClaims(evaluate: Command): void {
  evaluate
    .command('claims')
    .description('verdict accuracy, macro-F1 and evidence hit@3 against a gold claims JSONL file')
    .argument('<gold>', 'gold file, e.g. ../shared/eval/claims.jsonl')
    .option('--json', 'print { "accuracy": x, "macro_f1": y, "hit@3": z, "n": k }')
    .option('--verbose', 'print each claim with its gold and predicted verdict')
    .action(async (gold: string, options: { json?: boolean; verbose?: boolean }, command: Command) => {
      let lines;
      try {
        lines = parseGoldClaims(await readJsonLines(gold));
      } catch (error) {
        throw new UserError((error as Error).message);
      }
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const { scores, outcomes } = await scoreClaims(archive, lines);
        if (options.json) return printJson(scores);
        if (options.verbose)
          for (const o of outcomes)
            console.log(
              `${o.id} ${o.gold === o.predicted ? 'ok ' : 'BAD'} gold=${o.gold} got=${o.predicted} hit=${o.hit ?? '-'}  ${o.reason}`,
            );
        const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
        console.log(
          `accuracy  ${pct(scores.accuracy)}\nmacro-F1  ${scores.macro_f1.toFixed(3)}\nhit@3     ${pct(scores['hit@3'])}\nn         ${scores.n}`,
        );
      } finally {
        await archive.close();
      }
    });
}

async function readArticleFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check the path.`,
    );
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
