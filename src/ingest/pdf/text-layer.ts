/**
 * pdf.js (the legacy build, which runs in Node) opening a PDF and giving each page's text
 * layer as positioned pieces. Its typed exceptions become ReadErrors that say what is wrong.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PositionedText } from '../layout/lines.js';
import { ReadError } from '../reader.js';

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js is large; it is loaded on the first PDF, not when the CLI starts. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

export async function openPdf(path: string, data: Buffer): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    // pdf.js takes ownership of (and detaches) the array it is given, so it gets a copy.
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    throw describePdfError(path, error);
  }
}

function describePdfError(path: string, error: unknown): Error {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new ReadError(
      path,
      'the PDF is encrypted with a password; ask the releasing agency for an unencrypted copy, or ' +
        'remove the password (qpdf --decrypt) and ingest the file again.',
    );
  }
  if (name === 'InvalidPDFException') {
    return new ReadError(path, `the PDF is damaged beyond repair (${message}); fetch the file again.`);
  }
  return new ReadError(path, `pdf.js could not open the PDF: ${message}`);
}

/** The page's text pieces with y measured from the top, and the page size in points. */
export async function pageTextPieces(
  page: PDFPageProxy,
): Promise<{ pieces: PositionedText[]; width: number; height: number }> {
  const [left, bottom, right, top] = page.view as [number, number, number, number];
  const content = await page.getTextContent();
  const pieces: PositionedText[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b, c, d, x, y] = item.transform as number[];
    // The font size is the length of the transform's vertical vector.
    const size = Math.hypot(c!, d!) || Math.hypot(a!, b!) || item.height;
    pieces.push({
      text: item.str,
      x: x! - left,
      top: top - y! - size,
      width: item.width,
      height: size,
    });
  }
  return { pieces, width: right - left, height: top - bottom };
}
