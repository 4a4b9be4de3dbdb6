/**
 * Bounds on what one file may cost to read. Records arrive from many hands, and a malformed or
 * hostile file (a PDF that declares a million pages, a 1 KB stream that inflates to gigabytes,
 * a 100,000 × 100,000 pixel scan) must fail alone, with a message that names the file, the
 * limit and what to do, while the rest of the batch is ingested.
 */
import { ReadError } from './reader.js';

export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Most pages read from one PDF. */
  maxPages: number;
  /** Most pixels (width × height) in one image or rendered page sent to OCR. */
  maxImagePixels: number;
  /** Largest ratio of expanded to compressed size a PDF stream or archive may claim. */
  maxDecompressionRatio: number;
  /** Most seconds spent reading one file, OCR included. */
  maxSecondsPerFile: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPages: 2000,
  maxImagePixels: 100_000_000,
  maxDecompressionRatio: 200,
  maxSecondsPerFile: 600,
};

/** The limits in force, with any the caller overrides. */
export function limitsWith(overrides: Partial<ReadLimits> = {}): ReadLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** A limit a file broke: still a ReadError, so the pipeline records it and moves on. */
export class LimitError extends ReadError {
  constructor(
    path: string,
    readonly limit: keyof ReadLimits,
    reason: string,
  ) {
    super(path, reason);
    this.name = 'LimitError';
  }
}

export function checkFileSize(path: string, bytes: number, limits: ReadLimits): void {
  if (bytes > limits.maxFileBytes) {
    throw new LimitError(
      path,
      'maxFileBytes',
      `the file is ${megabytes(bytes)}, over the ${megabytes(limits.maxFileBytes)} file-size limit; ` +
        'split it into smaller files or raise the limit.',
    );
  }
}

export function checkPageCount(path: string, pages: number, limits: ReadLimits): void {
  if (pages > limits.maxPages) {
    throw new LimitError(
      path,
      'maxPages',
      `the PDF declares ${pages.toLocaleString('en-US')} pages, over the ${limits.maxPages.toLocaleString('en-US')}-page limit; ` +
        'split the PDF or check that it is not damaged.',
    );
  }
}

export function checkImagePixels(
  path: string,
  width: number,
  height: number,
  limits: ReadLimits,
  what = 'the image',
): void {
  if (!(width > 0 && height > 0)) {
    throw new LimitError(
      path,
      'maxImagePixels',
      `${what} declares no usable size (${width} × ${height}); the file is damaged — replace it with a good copy.`,
    );
  }
  if (width * height > limits.maxImagePixels) {
    throw new LimitError(
      path,
      'maxImagePixels',
      `${what} is ${width} × ${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels), over the ` +
        `${(limits.maxImagePixels / 1e6).toFixed(0)}-megapixel limit; scan at a lower resolution (300 dpi is enough for OCR).`,
    );
  }
}

export function checkDecompressionRatio(
  path: string,
  compressedBytes: number,
  expandedBytes: number,
  limits: ReadLimits,
  /** True when expansion was stopped at expandedBytes, so the real size is larger still. */
  stopped = false,
): void {
  const ratio = expandedBytes / Math.max(compressedBytes, 1);
  if (ratio > limits.maxDecompressionRatio) {
    throw new LimitError(
      path,
      'maxDecompressionRatio',
      `a compressed stream of ${compressedBytes.toLocaleString('en-US')} bytes expands to ${stopped ? 'more than ' : ''}` +
        `${expandedBytes.toLocaleString('en-US')} bytes (ratio ${stopped ? 'over ' : ''}${Math.round(ratio).toLocaleString('en-US')}:1, limit ` +
        `${limits.maxDecompressionRatio}:1); the file looks like a decompression bomb — do not ingest it.`,
    );
  }
}

/**
 * Runs one file's work under the per-file time limit. The work receives a signal that is
 * aborted when time runs out, so child processes and OCR jobs can be stopped too.
 */
export async function withTimeLimit<T>(
  path: string,
  limits: ReadLimits,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new LimitError(
          path,
          'maxSecondsPerFile',
          `reading took longer than the ${limits.maxSecondsPerFile}-second limit per file; ` +
            'split the file or raise the limit.',
        ),
      );
    }, limits.maxSecondsPerFile * 1000);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
