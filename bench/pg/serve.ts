/**
 * `declass` from the sources (through tsx), for bench/pg/run.ts: the server it measures is the
 * code of the working tree, as the in-process baseline is, never a stale build in dist/.
 * `serve` forks its workers from this same file, with the same loader.
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
