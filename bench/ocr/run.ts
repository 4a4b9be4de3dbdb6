/**
 * OCR throughput on this machine: FRUS records (memcon d152, telcon d229 of frus1969-76v12)
 * typed onto pages, rendered to 300-dpi images, and read back through the same path the
 * ingest uses (one shared tesseract.js worker, PSM single column, lines rebuilt from words).
 * Prints pages per second, with worker start-up and the text-layer PDF path alongside for
 * scale, and the character error rate of what was read.
 *
 *     node --import tsx bench/ocr/run.ts [rounds]
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recognizePage, stopWorker } from '../../src/ingest/ocr/engine.js';
import { readImage } from '../../src/ingest/ocr/index.js';
import { readPdf } from '../../src/ingest/pdf/index.js';
import { bodyText, characterErrorRate, documentsOf } from '../../test/ingest/fixtures/collect.js';
import {
  expectedBodyText,
  loadFixtureRecords,
  renderPageImages,
  renderRecordPdf,
} from '../../test/ingest/fixtures/records.js';
import { scratchDir } from '../../test/helpers/paths.js';

const rounds = Number(process.argv[2] ?? 1);
const scratch = scratchDir('declass-bench-ocr-');
try {
  const records = await loadFixtureRecords();
  const pages: string[] = [];
  const pdfs: string[] = [];
  for (const record of records) {
    const pdf = join(scratch.dir, `d${record.source.number}.pdf`);
    writeFileSync(pdf, await renderRecordPdf(record));
    pdfs.push(pdf);
    pages.push(...renderPageImages(pdf, join(scratch.dir, `d${record.source.number}`)));
  }

  let started = performance.now();
  await recognizePage(await readFile(pages[0]!));
  const warmup = (performance.now() - started) / 1000;

  started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const page of pages) await documentsOf(readImage(page));
  }
  const ocrSeconds = (performance.now() - started) / 1000;
  const ocrPages = rounds * pages.length;

  // pdf.js is loaded on the first PDF; that one-off cost is not the per-page rate.
  await documentsOf(readPdf(pdfs[0]!));
  started = performance.now();
  let textPages = 0;
  for (let round = 0; round < rounds; round++) {
    for (const pdf of pdfs) {
      const [document] = await documentsOf(readPdf(pdf));
      textPages += new Set(document!.passages.map((passage) => passage.page)).size;
    }
  }
  const textSeconds = (performance.now() - started) / 1000;

  const telcon = records.find((record) => record.kind === 'telcon')!;
  const telconPage = pages.find((page) => page.includes(`d${telcon.source.number}-`))!;
  const [read] = await documentsOf(readImage(telconPage));
  const cer = characterErrorRate(expectedBodyText(telcon), bodyText(read!));

  console.log(`pages: ${pages.length} images at 300 dpi × ${rounds} round(s)`);
  console.log(`worker start + first page: ${warmup.toFixed(2)} s`);
  console.log(
    `OCR: ${(ocrPages / ocrSeconds).toFixed(3)} pages/s (${(ocrSeconds / ocrPages).toFixed(2)} s/page)`,
  );
  console.log(`text-layer PDF: ${(textPages / textSeconds).toFixed(1)} pages/s`);
  console.log(`ratio text-layer/OCR: ${(textPages / textSeconds / (ocrPages / ocrSeconds)).toFixed(0)}×`);
  console.log(`OCR CER on the telcon page: ${(cer * 100).toFixed(2)}%`);
} finally {
  await stopWorker();
  scratch.cleanup();
}
