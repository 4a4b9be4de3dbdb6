/**
 * Documents stored on a second thread, so that a bulk ingest reads and analyses the next
 * batch while SQLite writes this one (storing is about a third of an ingest's work). The
 * thread has its own connection; WAL lets the main thread's connection read meanwhile, and
 * batches are written one at a time in the order they were sent. A third thread copies the
 * committed pages from the WAL into the database file meanwhile (see checkpoint-thread.ts).
 */
import { Worker } from 'node:worker_threads';
import type { Document } from '../../records/schema.js';
import type { PutOutcome } from '../archive.js';
import { packTexts } from './passage-texts.js';

export interface WriteThreadData {
  file: string;
}

/** `texts[i]` is `packTexts(documents[i].passages)`: deflated here, where there is time to spare. */
export type WriteRequest =
  | { id: number; op: 'put' | 'putMany'; documents: readonly Document[]; texts: readonly Uint8Array[] }
  | { id: number; op: 'close' };

export type WriteReply = { id: number; outcomes: PutOutcome[] } | { id: number; error: string };

export type CheckpointRequest = { op: 'checkpoint' } | { op: 'close' };

/** A checkpoint done, or why it failed. */
export interface CheckpointReply {
  error?: string;
}

/**
 * WAL pages after which the write thread checkpoints by itself (SQLite's default is 1,000).
 * Most of them are copied by then: its checkpoint mostly lets the WAL start over.
 */
export const WRITER_CHECKPOINT_PAGES = 4000;

/** What the checkpoint thread has done, for tests and benchmarks. */
export interface CheckpointCounts {
  checkpoints: number;
  failures: number;
}

interface Waiting {
  promise: Promise<PutOutcome[]>;
  resolve: (outcomes: PutOutcome[]) => void;
  reject: (error: Error) => void;
}

export class ThreadedDocumentWriter {
  /** Started at the first write, so a run that finds nothing new starts no thread. */
  private thread: { worker: Worker; exited: Promise<void> } | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** Set when the thread died: every later call fails with it instead of hanging. */
  private broken: Error | null = null;
  private checkpointer: {
    worker: Worker;
    exited: Promise<void>;
    running: boolean;
    wanted: boolean;
    alive: boolean;
  } | null = null;
  readonly checkpointCounts: CheckpointCounts = { checkpoints: 0, failures: 0 };
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly file: string) {}

  private start(): Worker {
    if (this.thread) return this.thread.worker;
    const worker = startThread('write-thread', { file: this.file });
    worker.on('message', (reply: WriteReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('outcomes' in reply) this.checkpointSoon();
      if (!waiting) return;
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.outcomes);
    });
    worker.on('error', (error) => this.fail(error));
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        this.fail(new Error(`the archive's write thread for ${this.file} stopped.`));
        resolve();
      }),
    );
    this.thread = { worker, exited };
    this.startCheckpointer();
    return worker;
  }

  private startCheckpointer(): void {
    const worker = startThread('checkpoint-thread', { file: this.file });
    const state = { worker, exited: Promise.resolve(), running: false, wanted: false, alive: true };
    state.exited = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        state.alive = false;
        this.checkpointIdle();
        resolve();
      }),
    );
    worker.on('message', (reply: CheckpointReply) => {
      if (reply.error) this.checkpointCounts.failures++;
      else this.checkpointCounts.checkpoints++;
      state.running = false;
      if (state.wanted) this.checkpointSoon();
      else this.checkpointIdle();
    });
    // A failed checkpoint thread costs speed, never data: the write thread checkpoints by itself.
    worker.on('error', () => {
      state.alive = false;
      this.checkpointCounts.failures++;
      this.checkpointIdle();
    });
    this.checkpointer = state;
  }

  /** Resolves once every batch sent so far is committed and copied into the database file. */
  async checkpointed(): Promise<void> {
    await this.settled();
    const checkpointer = this.checkpointer;
    if (!checkpointer?.alive || !checkpointer.running) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private checkpointIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** After each commit: one checkpoint at a time, and one more if commits came meanwhile. */
  private checkpointSoon(): void {
    const checkpointer = this.checkpointer;
    if (!checkpointer?.alive) return;
    if (checkpointer.running) {
      checkpointer.wanted = true;
      return;
    }
    checkpointer.running = true;
    checkpointer.wanted = false;
    checkpointer.worker.postMessage({ op: 'checkpoint' } satisfies CheckpointRequest);
  }

  put(document: Document): Promise<PutOutcome> {
    return this.send('put', [document]).then((outcomes) => outcomes[0]!);
  }

  putMany(documents: readonly Document[]): Promise<PutOutcome[]> {
    return this.send('putMany', documents);
  }

  /** Resolves once every batch sent so far is committed (or has failed). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.waiting.values()].map((waiting) => waiting.promise));
  }

  async close(): Promise<void> {
    await this.settled();
    if (this.checkpointer) {
      const checkpointer = this.checkpointer;
      this.checkpointer = null;
      if (checkpointer.alive) checkpointer.worker.postMessage({ op: 'close' } satisfies CheckpointRequest);
      await checkpointer.exited;
    }
    if (!this.thread) return;
    if (!this.broken) this.thread.worker.postMessage({ id: 0, op: 'close' } satisfies WriteRequest);
    await this.thread.exited;
  }

  private send(op: 'put' | 'putMany', documents: readonly Document[]): Promise<PutOutcome[]> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    let handlers!: Pick<Waiting, 'resolve' | 'reject'>;
    const promise = new Promise<PutOutcome[]>((resolve, reject) => (handlers = { resolve, reject }));
    this.waiting.set(id, { promise, ...handlers });
    // The write thread is the slower of the two in a bulk ingest (SQLite's inserts and commits),
    // so the passage texts are deflated on this one.
    const texts = documents.map((document) => packTexts(document.passages));
    this.start().postMessage({ id, op, documents, texts } satisfies WriteRequest);
    return promise;
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

/**
 * Built, a thread is the .js beside this module. Under tsx (tests, benchmarks) it is the
 * .ts source, so a small bootstrap registers tsx in the thread first.
 */
function startThread(name: 'write-thread' | 'checkpoint-thread', data: WriteThreadData): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData: data });
  const source = new URL(`./${name}.ts`, import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`,
    { eval: true, workerData: data },
  );
}
