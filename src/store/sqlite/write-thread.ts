/**
 * The body of the archive's write thread: its own connection to the same SQLite file, storing
 * the documents the main thread sends, one batch per transaction, in the order they arrive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.js';
import { DocumentStore } from './documents.js';
import {
  WRITER_CHECKPOINT_PAGES,
  type WriteReply,
  type WriteRequest,
  type WriteThreadData,
} from './threaded-writer.js';

const port = parentPort;
if (!port) throw new Error('write-thread.ts runs only as a worker thread of the SQLite archive.');

const { file } = workerData as WriteThreadData;
const db = openDatabase(file, false);
// The checkpoint thread copies committed pages to the database file as the batches come; this
// connection checkpoints only when the WAL has grown past that, to finish the copy so that the
// WAL can start over from its beginning (a checkpoint that finds all pages copied is cheap).
db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
const store = new DocumentStore(db);

port.on('message', (request: WriteRequest) => {
  if (request.op === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: WriteReply;
  try {
    // Buffers arrive as plain Uint8Arrays; SQLite binds only Buffers as blobs.
    const texts = request.texts.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const outcomes =
      request.op === 'put'
        ? [store.put(request.documents[0]!, texts[0])]
        : store.putMany(request.documents, texts);
    reply = { id: request.id, outcomes };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
