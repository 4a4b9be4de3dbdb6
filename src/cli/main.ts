/**
 * The `declass` command.
 */
import { Command, CommanderError } from 'commander';
import { registerAccounts } from './commands/accounts.js';
import { registerBench } from './commands/bench.js';
import { registerCheck } from './commands/check.js';
import { registerEval } from './commands/eval.js';
import { registerIngest } from './commands/ingest.js';
import { registerPerson } from './commands/person.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerShow } from './commands/show.js';
import { registerStats } from './commands/stats.js';
import { UserError } from './errors.js';

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('declass')
    .description('Publish, search and cite declassified government records; check claims against them.')
    .option('--db <file>', 'archive file (default: $DATABASE_URL, else $DECLASS_DB, else ./declass.db)')
    .option(
      '--database <url>',
      'a PostgreSQL archive, e.g. postgres://user@host/declass (default: $DATABASE_URL)',
    )
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .showHelpAfterError('(run "declass --help" for usage)');
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerIngest(program, setExit);
  registerSearch(program);
  registerShow(program);
  registerStats(program);
  registerPerson(program);
  registerCheck(program);
  registerEval(program);
  registerBench(program);
  registerServe(program);
  registerAccounts(program);

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const debug = program.opts<{ debug?: boolean }>().debug ?? argv.includes('--debug');
    if (error instanceof UserError) {
      console.error(`declass: ${error.message}`);
      if (debug) console.error(error.stack);
      return error.exitCode;
    }
    console.error(`declass: ${error instanceof Error ? error.message : String(error)}`);
    if (debug) console.error(error);
    else console.error('(run again with --debug for details)');
    return 1;
  }
}
