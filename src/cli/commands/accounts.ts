/**
 * `declass user add <name> --role editor` (prints the API token once), `declass user list`,
 * and `declass publish|unpublish <collection-or-document-id>` (written to the audit log).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createUserWithToken } from '../../server/auth/users.js';
import { AccountExistsError, isRole, ROLES } from '../../store/accounts.js';
import { UnknownRecordError } from '../../store/visibility.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';
import { printJson } from '../format.js';

export function registerAccounts(program: Command): void {
  const user = program.command('user').description('accounts for the web server: admin, editor, reader');
  user
    .command('add')
    .description('add a user and print their API token (shown once; only its hash is stored)')
    .argument('<name>', 'user name')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'reader')
    .action(async (name: string, options: { role: string }, command: Command) => {
      if (!isRole(options.role))
        throw new UserError(`--role must be one of ${ROLES.join(', ')} (got "${options.role}").`);
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'write');
      try {
        const { account, token } = await createUserWithToken(archive.accounts, name, options.role);
        console.error(`added ${account.name} (${account.role}). Their API token, shown only this once:`);
        console.log(token);
      } catch (error) {
        if (error instanceof AccountExistsError) throw new UserError(error.message);
        if (error instanceof Error && /not a usable user name/.test(error.message))
          throw new UserError(error.message);
        throw error;
      } finally {
        await archive.close();
      }
    });
  user
    .command('list')
    .description('list users and their roles')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const users = await archive.accounts.listUsers();
        if (options.json) return printJson(users);
        for (const account of users) console.log(`${account.name}\t${account.role}\t${account.createdAt}`);
      } finally {
        await archive.close();
      }
    });

  for (const [name, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    program
      .command(name)
      .description(
        published
          ? 'publish a collection or document (make it visible to everyone)'
          : 'unpublish (embargo) a collection or document: only signed-in staff see it',
      )
      .argument('<id>', 'a collection id (frus1969-76v12) or a document id (frus1969-76v12/d86)')
      .option('--as <name>', 'who to record in the audit log (default: cli:<login name>)')
      .action(async (id: string, options: { as?: string }, command: Command) => {
        const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'write');
        try {
          const result = await archive.setPublished(
            id,
            published,
            options.as ?? `cli:${userInfo().username}`,
          );
          const state = published ? 'published' : 'unpublished';
          console.log(`${result.kind} ${result.id} ${result.changed ? 'is now' : 'was already'} ${state}`);
        } catch (error) {
          if (error instanceof UnknownRecordError) throw new UserError(error.message);
          throw error;
        } finally {
          await archive.close();
        }
      });
  }
}
