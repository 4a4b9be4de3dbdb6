/**
 * A PDF page rendered to a PNG for OCR, with poppler's `pdftoppm` (pdf.js needs a canvas
 * package in Node to render; poppler is a small system package and fast). The child process
 * runs under the file's time limit and is killed when it runs out.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadError } from '../reader.js';

/** 300 dpi is what OCR engines are tuned for; typed text at 200 dpi already reads well. */
export const OCR_DPI = 300;

export async function renderPdfPage(
  path: string,
  pageNumber: number,
  signal: AbortSignal,
  dpi = OCR_DPI,
): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'declass-page-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        'pdftoppm',
        [
          '-r',
          String(dpi),
          '-f',
          String(pageNumber),
          '-l',
          String(pageNumber),
          '-gray',
          '-png',
          path,
          join(folder, 'page'),
        ],
        { signal, maxBuffer: 1024 * 1024 },
        (error, _stdout, stderr) => {
          if (!error) return resolve();
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(
              new ReadError(
                path,
                'page ' +
                  pageNumber +
                  ' has no text layer and needs OCR, but pdftoppm is not installed; install poppler-utils ' +
                  '(apt-get install poppler-utils) and ingest the file again.',
              ),
            );
          } else if (signal.aborted) reject(signal.reason as Error);
          else
            reject(
              new ReadError(
                path,
                `page ${pageNumber} could not be rendered for OCR: ${String(stderr).trim() || error.message}`,
              ),
            );
        },
      );
    });
    const [image] = (await readdir(folder)).filter((name) => name.endsWith('.png'));
    if (!image)
      throw new ReadError(path, `page ${pageNumber} could not be rendered for OCR (no image came out).`);
    return await readFile(join(folder, image));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
