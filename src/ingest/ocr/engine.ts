/**
 * OCR with tesseract.js and the English model shipped in `@tesseract.js-data/eng`: nothing is
 * downloaded at run time. Starting a worker costs a few hundred milliseconds, so one worker is
 * shared by every page and file of a run; it is stopped once no page has come for a moment,
 * so a finished ingest does not keep the process alive.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { PSM, createWorker, type Worker } from 'tesseract.js';
import type { PositionedText } from '../layout/lines.js';

export interface OcrPage {
  /** Every word with its box, in pixels, y downwards. */
  words: PositionedText[];
  /** Mean word confidence, 0–100. */
  confidence: number;
}

/** Idle time after which the shared worker is stopped. */
const IDLE_MS = 1500;

const require = createRequire(import.meta.url);

/** The folder holding eng.traineddata.gz, inside the installed package. */
export function englishModelPath(): string {
  return dirname(require.resolve('@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'));
}

let worker: Promise<Worker> | null = null;
let busy = 0;
let idleTimer: NodeJS.Timeout | null = null;
/** Pages wait here so the single worker reads one page at a time, in order. */
let queue: Promise<unknown> = Promise.resolve();

function sharedWorker(): Promise<Worker> {
  worker ??= createWorker('eng', 1, {
    langPath: englishModelPath(),
    cacheMethod: 'none',
    gzip: true,
  }).then(async (created) => {
    // Typed records are one column; in automatic mode tesseract takes a redaction box and the
    // exemption code printed beside it for a picture and drops both.
    await created.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_COLUMN });
    return created;
  });
  return worker;
}

/**
 * The words on one page image (PNG, JPEG or TIFF bytes). The signal abandons the page when a
 * file's time limit runs out; the worker is then replaced, since it may still be busy.
 */
export async function recognizePage(image: Buffer, signal?: AbortSignal): Promise<OcrPage> {
  busy++;
  if (idleTimer) clearTimeout(idleTimer);
  const run = queue.then(async () => {
    signal?.throwIfAborted();
    const current = await sharedWorker();
    const aborted = new Promise<never>((_, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
    try {
      const result = await Promise.race([
        current.recognize(image, {}, { blocks: true, text: false }),
        aborted,
      ]);
      return pageOf(result.data.blocks ?? []);
    } catch (error) {
      if (signal?.aborted) await stopWorker();
      throw error;
    }
  });
  queue = run.catch(() => undefined);
  try {
    return await run;
  } finally {
    busy--;
    if (busy === 0) idleTimer = setTimeout(() => void stopWorker(), IDLE_MS);
  }
}

/** Stops the shared worker now (a later page starts a new one). */
export async function stopWorker(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = worker;
  worker = null;
  if (current) await (await current).terminate();
}

type Blocks = NonNullable<Awaited<ReturnType<Worker['recognize']>>['data']['blocks']>;

function pageOf(blocks: Blocks): OcrPage {
  const words: PositionedText[] = [];
  let confidence = 0;
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const text = word.text.trim();
          if (text === '') continue;
          // The line's box gives every word of the line the same height, so they group together.
          words.push({
            text,
            x: word.bbox.x0,
            top: line.bbox.y0,
            width: word.bbox.x1 - word.bbox.x0,
            height: Math.max(1, line.bbox.y1 - line.bbox.y0),
          });
          confidence += word.confidence;
        }
      }
    }
  }
  return { words, confidence: words.length ? confidence / words.length : 0 };
}
