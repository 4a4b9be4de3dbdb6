/**
 * The Archive contract on the embedded SQLite engine.
 */
import { join } from 'node:path';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { scratchDir } from '../helpers/paths.js';
import { archiveContract } from './contract.js';

archiveContract('sqlite', {
  async open() {
    const scratch = scratchDir('declass-contract-');
    const archive = await openSqliteArchive(join(scratch.dir, 'archive.db'));
    return { archive, dispose: async () => scratch.cleanup() };
  },
});
