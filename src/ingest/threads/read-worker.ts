/**
 * A read thread: reads the files it is given with the default readers and enrichers (reading
 * and speaker attribution are most of an ingest's work) while the main thread writes.
 */
import { parentPort } from 'node:worker_threads';
import { readEnriched } from '../enriched-read.js';
import { defaultEnrichers } from '../enrichers.js';
import { ReadError, type ReaderEvent } from '../reader.js';
import { defaultReaders } from '../registry.js';
import { DOCUMENTS_PER_CHUNK, type FromReadThread, type ToReadThread } from './protocol.js';

if (!parentPort) throw new Error('read-worker.js runs only as a worker thread of the ingest pipeline.');
const port = parentPort;

class Cancelled extends Error {}

let current: { path: string; credits: number; cancelled: boolean; wake: (() => void) | null } | null = null;

port.on('message', (message: ToReadThread) => {
  if (message.type === 'read') {
    void readFile(message.path, message.credits);
    return;
  }
  if (!current || current.path !== message.path) return;
  if (message.type === 'credit') current.credits++;
  else current.cancelled = true;
  current.wake?.();
  current.wake = null;
});

function send(message: FromReadThread): void {
  port.postMessage(message);
}

async function readFile(path: string, credits: number): Promise<void> {
  const state = { path, credits, cancelled: false, wake: null as (() => void) | null };
  current = state;
  let chunk: ReaderEvent[] = [];
  let documents = 0;
  const flush = async () => {
    while (state.credits === 0 && !state.cancelled) await new Promise<void>((wake) => (state.wake = wake));
    if (state.cancelled) throw new Cancelled();
    state.credits--;
    send({ type: 'events', path, events: chunk });
    chunk = [];
    documents = 0;
  };
  try {
    for await (const event of readEnriched(path, defaultReaders, defaultEnrichers)) {
      chunk.push(event);
      if (event.kind === 'document' && ++documents >= DOCUMENTS_PER_CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    send({ type: 'end', path });
  } catch (error) {
    if (error instanceof Cancelled) {
      send({ type: 'end', path });
      return;
    }
    // What was read before the break is good: deliver it first, as the main thread would.
    if (chunk.length > 0) await flush().catch(() => undefined);
    send({
      type: 'error',
      path,
      error:
        error instanceof ReadError
          ? { kind: 'read', path: error.path, reason: error.message.slice(error.path.length + 2) }
          : { kind: 'other', message: error instanceof Error ? error.message : String(error) },
    });
  } finally {
    if (current === state) current = null;
  }
}
