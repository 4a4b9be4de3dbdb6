/**
 * The body of the archive's checkpoint thread: on request, copies the pages the write thread
 * has committed to the WAL into the database file, on its own connection, while the write
 * thread goes on with the next batch. Done on the write thread, these copies and their fsyncs
 * took about a fifth of its time in a bulk ingest (measured appending to a 200,000-document
 * archive). A PASSIVE checkpoint never waits for the writer or for readers, and never blocks them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.js';
import type { CheckpointReply, CheckpointRequest, WriteThreadData } from './threaded-writer.js';

const port = parentPort;
if (!port) throw new Error('checkpoint-thread.ts runs only as a worker thread of the SQLite archive.');

const { file } = workerData as WriteThreadData;
const db = openDatabase(file, false);

port.on('message', (request: CheckpointRequest) => {
  if (request.op === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: CheckpointReply;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    reply = {};
  } catch (error) {
    // Checkpointing is only an aid: the write thread's own automatic checkpoints still bound the WAL.
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
