/**
 * Read threads for the ingest pipeline: files are read and enriched in worker threads, a few
 * files ahead, while the pipeline stores the current one on the main thread. Events of a file
 * come back in order; files are read in the order they are scheduled.
 */
import { Worker } from 'node:worker_threads';
import { ReadError, type ReaderEvent } from '../reader.js';
import { CHUNK_CREDITS, type FromReadThread, type SerializedError, type ToReadThread } from './protocol.js';

interface Job {
  path: string;
  chunks: ReaderEvent[][];
  finished: boolean;
  error: Error | null;
  cancelled: boolean;
  thread: Thread | null;
  wake: (() => void) | null;
}

interface Thread {
  worker: Worker;
  job: Job | null;
}

/**
 * Built, the worker is the .js beside this module. Under tsx (tests, benchmarks) it is the
 * TypeScript source, and Node 20 does not pass `--import` hooks on to worker threads, so a
 * small bootstrap registers tsx in the thread first.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./read-worker.js', import.meta.url));
  const source = new URL('./read-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`,
    { eval: true },
  );
}

export class ReadThreads {
  private readonly threads: Thread[] = [];
  private readonly queue: string[] = [];
  private readonly jobs = new Map<string, Job>();
  /** Files read but not yet taken by the pipeline, beyond the one it is on: bounds memory. */
  private readonly maxJobs: number;
  private closed = false;

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.threads.push(this.spawn());
    this.maxJobs = count + 1;
  }

  /** Files to read, in the order the pipeline will ask for them. */
  schedule(paths: readonly string[]): void {
    this.queue.push(...paths);
    this.dispatch();
  }

  /** The enriched events of a file; a file not scheduled is read next. */
  async *read(path: string): AsyncGenerator<ReaderEvent> {
    let job = this.jobs.get(path);
    if (!job) {
      const queued = this.queue.indexOf(path);
      if (queued >= 0) this.queue.splice(queued, 1);
      job = this.createJob(path);
      this.dispatch();
    }
    try {
      for (;;) {
        const chunk = job.chunks.shift();
        if (chunk) {
          if (job.thread && !job.finished) this.post(job.thread, { type: 'credit', path });
          yield* chunk;
          continue;
        }
        if (job.error) throw job.error;
        if (job.finished) return;
        await new Promise<void>((wake) => (job.wake = wake));
      }
    } finally {
      // Left early (the pipeline hit an error): stop reading the rest of this file.
      if (!job.finished) {
        job.cancelled = true;
        if (job.thread) this.post(job.thread, { type: 'cancel', path });
      }
      this.jobs.delete(path);
      this.dispatch();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private createJob(path: string): Job {
    const job: Job = {
      path,
      chunks: [],
      finished: false,
      error: null,
      cancelled: false,
      thread: null,
      wake: null,
    };
    this.jobs.set(path, job);
    return job;
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (thread.job) continue;
      // A job created by `read` for an unscheduled file goes first.
      const waiting = [...this.jobs.values()].find((job) => !job.thread && !job.finished);
      let job = waiting;
      if (!job) {
        if (this.queue.length === 0 || this.jobs.size >= this.maxJobs) return;
        job = this.createJob(this.queue.shift()!);
      }
      job.thread = thread;
      thread.job = job;
      this.post(thread, { type: 'read', path: job.path, credits: CHUNK_CREDITS });
    }
  }

  private spawn(): Thread {
    const thread: Thread = { worker: startWorker(), job: null };
    thread.worker.on('message', (message: FromReadThread) => this.receive(thread, message));
    thread.worker.on('error', (error) => this.lose(thread, error));
    thread.worker.on('exit', (code) => {
      if (!this.closed) this.lose(thread, new Error(`the read thread exited with code ${code}`));
    });
    return thread;
  }

  private receive(thread: Thread, message: FromReadThread): void {
    const job = thread.job;
    if (!job || job.path !== message.path) return;
    if (message.type === 'events') {
      if (!job.cancelled) job.chunks.push(message.events);
    } else {
      if (message.type === 'error') job.error = revive(message.error);
      job.finished = true;
      thread.job = null;
      this.dispatch();
    }
    job.wake?.();
    job.wake = null;
  }

  /** A thread that died (out of memory, a crash in a native module) fails its file only. */
  private lose(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    const job = thread.job;
    if (job) {
      job.error = new ReadError(job.path, `reading stopped: ${error.message}. Check the file.`);
      job.finished = true;
      job.wake?.();
      job.wake = null;
    }
    this.threads.splice(index, 1, this.spawn());
    void thread.worker.terminate();
    this.dispatch();
  }

  private post(thread: Thread, message: ToReadThread): void {
    thread.worker.postMessage(message);
  }
}

function revive(error: SerializedError): Error {
  return error.kind === 'read' ? new ReadError(error.path, error.reason) : new Error(error.message);
}
