/**
 * Checks on a PDF's raw bytes before pdf.js parses it: that the file is whole (a truncated
 * download has no "%%EOF" at its end), and that no compressed stream is a decompression bomb.
 * Each failure names the file and the limit.
 */
import { inflateSync } from 'node:zlib';
import { checkDecompressionRatio, checkPageCount, type ReadLimits } from '../limits.js';
import { ReadError } from '../reader.js';

/** Readers look for the end marker within the last kilobyte, as pdf.js and Acrobat do. */
const TAIL_BYTES = 1024;
/** Small streams may expand a lot (a blank image) without harm; the ratio applies above this. */
const EXPANSION_FLOOR_BYTES = 16 * 1024 * 1024;

export function checkPdfBytes(path: string, data: Buffer, limits: ReadLimits): void {
  if (!data.subarray(Math.max(0, data.length - TAIL_BYTES)).includes('%%EOF')) {
    throw new ReadError(
      path,
      'the PDF is truncated: its end marker (%%EOF) is missing, so the file was cut off in a download ' +
        'or copy; fetch the file again.',
    );
  }
  // pdf.js counts the pages it can reach rather than trusting /Count, so a page tree that
  // declares a billion pages is caught here, from the declaration itself.
  checkPageCount(path, declaredPageCount(data), limits);
  for (const stream of flateStreams(data)) {
    const allowance = Math.max(stream.length * limits.maxDecompressionRatio, EXPANSION_FLOOR_BYTES);
    let expanded: number;
    try {
      expanded = inflateSync(stream, { maxOutputLength: allowance }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        checkDecompressionRatio(path, stream.length, allowance, limits, true);
      }
      // A damaged stream is pdf.js's to judge (it skips what it cannot read).
      continue;
    }
    if (expanded > EXPANSION_FLOOR_BYTES) checkDecompressionRatio(path, stream.length, expanded, limits);
  }
}

/** The largest /Count of a /Type /Pages dictionary in the file's uncompressed objects. */
function declaredPageCount(data: Buffer): number {
  let most = 0;
  for (let at = data.indexOf('/Pages'); at >= 0; at = data.indexOf('/Pages', at + 6)) {
    // The dictionary around the name: from the nearest "<<" before it to the next ">>".
    const start = Math.max(0, data.lastIndexOf('<<', at), at - 2000);
    const end = Math.min(data.indexOf('>>', at) < 0 ? data.length : data.indexOf('>>', at), at + 2000);
    const dictionary = data.subarray(start, end).toString('latin1');
    if (!/\/Type\s*\/Pages\b/.test(dictionary)) continue;
    const count = /\/Count\s+(\d+)/.exec(dictionary);
    if (count) most = Math.max(most, Number(count[1]));
  }
  return most;
}

/**
 * The data of every stream whose dictionary names FlateDecode. Streams are found by their
 * keywords rather than through the cross-reference table, so a damaged table hides nothing.
 */
function* flateStreams(data: Buffer): Generator<Buffer> {
  let at = 0;
  for (;;) {
    const keyword = data.indexOf('stream', at);
    if (keyword < 0) return;
    at = keyword + 6;
    // "endstream" also contains "stream"; skip it.
    if (data.subarray(Math.max(0, keyword - 3), keyword).toString('latin1') === 'end') continue;
    // The stream's dictionary lies between its "obj" keyword and "stream".
    const objectStart = data.lastIndexOf('obj', keyword);
    const dictionary = data.subarray(Math.max(objectStart, keyword - 4096, 0), keyword).toString('latin1');
    let start = at;
    if (data[start] === 0x0d) start++;
    if (data[start] === 0x0a) start++;
    const end = data.indexOf('endstream', start);
    if (end < 0) return;
    at = end + 9;
    // Predictor-filtered streams (xref streams, images) inflate the same way first.
    if (/\/FlateDecode\b|\/Fl\b/.test(dictionary)) yield data.subarray(start, end);
  }
}
