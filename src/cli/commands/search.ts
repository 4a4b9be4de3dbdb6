/**
 * `declass search <query>`: ranked passages, grouped by document.
 */
import type { Command } from 'commander';
import { parseQuery, QuerySyntaxError } from '../../search/parser.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';
import { printJson, renderSnippet, style } from '../format.js';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description(
      'search the archive (words, "phrases", AND/OR/NOT, type:, date:, class:, person:, speaker: …)',
    )
    .argument('<query...>', 'the query; quote it in the shell to keep phrases together')
    .option('--limit <n>', 'documents to show', parsePositive, 10)
    .option('--offset <n>', 'documents to skip', parsePositive, 0)
    .option('--sort <order>', 'relevance, date-asc or date-desc', 'relevance')
    .option('--facets', 'print counts by type, decade, classification, collection and speaker')
    .option('--json', 'print JSON')
    .action(async (words: string[], options: SearchOptions, command: Command) => {
      const text = words.join(' ');
      let query;
      try {
        query = parseQuery(text);
      } catch (error) {
        if (error instanceof QuerySyntaxError) throw new UserError(error.message);
        throw error;
      }
      if (!['relevance', 'date-asc', 'date-desc'].includes(options.sort)) {
        throw new UserError(`--sort must be relevance, date-asc or date-desc (got "${options.sort}").`);
      }
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const response = await archive.search({
          query,
          limit: options.limit,
          offset: options.offset,
          sort: options.sort as 'relevance' | 'date-asc' | 'date-desc',
          facets: options.facets ?? false,
        });
        if (options.json) return printJson(response);
        const atLeast = response.totalExact === false;
        console.log(
          style.dim(
            `${atLeast ? 'at least ' : ''}${response.total} documents match · ${response.tookMs.toFixed(1)} ms`,
          ),
        );
        if (response.rankingExact === false) {
          console.log(
            style.dim(
              'very common words: ranked among the passages with the rarer words or every word, not every match; ' +
                'add a rarer word, a phrase or a filter for a complete ranking',
            ),
          );
        }
        for (const hit of response.hits) {
          const level = hit.classification.level ?? 'unmarked';
          console.log(`\n${style.bold(hit.documentId)}  ${hit.date ?? 'undated'}  ${hit.type}  ${level}`);
          console.log(`  ${hit.title}`);
          for (const passage of hit.passages) {
            const speakers = [...new Set(passage.speakers.map((span) => span.personName).filter(Boolean))];
            const who = speakers.length > 0 ? style.dim(` (${speakers.join('; ')})`) : '';
            console.log(`  ${style.dim(passage.link)}${who} ${renderSnippet(passage.snippet)}`);
          }
        }
        if (response.facets) {
          for (const [name, counts] of Object.entries(response.facets)) {
            if (counts.length === 0) continue;
            const listed = counts.map((c) => `${c.value} (${atLeast ? '≥ ' : ''}${c.count})`);
            console.log(`\n${style.bold(name)}: ${listed.join(', ')}`);
          }
        }
      } finally {
        await archive.close();
      }
    });
}

interface SearchOptions {
  limit: number;
  offset: number;
  sort: string;
  facets?: boolean;
  json?: boolean;
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new UserError(`expected a whole number, got "${value}".`);
  return number;
}
