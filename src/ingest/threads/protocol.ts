/**
 * Messages between the ingest pipeline and its read threads. A thread reads one file at a
 * time and sends its events in chunks; it may have only as many chunks unread by the
 * pipeline as it holds credits, so a fast reader never piles a whole volume up in memory.
 */
import type { ReaderEvent } from '../reader.js';

export type ToReadThread =
  | { type: 'read'; path: string; credits: number }
  | { type: 'credit'; path: string }
  | { type: 'cancel'; path: string };

export type FromReadThread =
  | { type: 'events'; path: string; events: ReaderEvent[] }
  | { type: 'end'; path: string }
  | { type: 'error'; path: string; error: SerializedError };

/** An error as it crosses the thread boundary; a ReadError keeps its file and reason. */
export type SerializedError =
  { kind: 'read'; path: string; reason: string } | { kind: 'other'; message: string };

/** Documents per chunk: big enough that messaging costs little, small enough to stream. */
export const DOCUMENTS_PER_CHUNK = 32;
/** Chunks a thread may have waiting for the pipeline, per file. */
export const CHUNK_CREDITS = 4;
