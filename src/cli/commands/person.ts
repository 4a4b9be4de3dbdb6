/**
 * `declass person <name-or-id>`: who a person is, the offices they held, the documents they
 * attend and the passages where they speak.
 */
import type { Command } from 'commander';
import { findPersons, personProfile } from '../../search/person-profile.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';
import { printJson, renderSnippet, style } from '../format.js';

export function registerPerson(program: Command): void {
  program
    .command('person')
    .description('a person: canonical record, offices held, documents attended, passages they speak')
    .argument(
      '<name-or-id...>',
      'a name ("Gromyko", "Henry Kissinger") or a person id (frus1969-76v12/p_KHA1)',
    )
    .option('--limit <n>', 'documents to list', (value) => Number(value), 20)
    .option('--json', 'print JSON')
    .action(async (words: string[], options: { limit: number; json?: boolean }, command: Command) => {
      const nameOrId = words.join(' ');
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const groups = await findPersons(archive, nameOrId);
        if (groups.length === 0) {
          throw new UserError(
            `no person matches "${nameOrId}". Try a surname, or an id from "declass show".`,
          );
        }
        if (groups.length > 1) {
          const choices = groups.map(
            (group) => `  ${group[0]!.id}  ${group[0]!.name} — ${group[0]!.description ?? ''}`,
          );
          throw new UserError(
            `"${nameOrId}" matches ${groups.length} people; name one by id:\n${choices.join('\n')}`,
          );
        }
        const profile = await personProfile(archive, groups[0]!, { limit: options.limit });
        if (options.json) return printJson(profile);
        const { person } = profile;
        console.log(style.bold(person.name));
        if (person.description) console.log(person.description);
        console.log(style.dim(`${[person, ...profile.sameAs].map((entry) => entry.id).join(' · ')}`));
        if (profile.offices.length > 0) {
          console.log(`\n${style.bold('offices')}`);
          for (const o of profile.offices) {
            console.log(
              `  ${o.start} – ${o.end ?? 'in office'}  ${o.office} (${o.country})  ${style.dim(o.source)}`,
            );
          }
        }
        console.log(`\n${style.bold('documents')} (${profile.documents.total})`);
        for (const hit of profile.documents.hits) {
          console.log(
            `  ${hit.date ?? 'undated'}  ${hit.documentId}  ${hit.title}  ${style.dim(hit.roles.join(', '))}`,
          );
        }
        console.log(`\n${style.bold('speaks in')} (${profile.quotes.total} documents)`);
        for (const passage of profile.quotes.hits.slice(0, 10)) {
          console.log(`  ${style.dim(passage.link)} ${renderSnippet(passage.snippet)}`);
        }
      } finally {
        await archive.close();
      }
    });
}
