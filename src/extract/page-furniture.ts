/**
 * What a printed page carries besides the record's text: classification banners stamped at
 * top and bottom ("SECRET", "TOP SECRET/SENSITIVE"), running heads and feet repeated on every
 * page ("PAGE 02 MOSCOW 12345 241530Z", "Nixon Presidential Materials"), page numbers
 * ("- 2 -", "Page 2 of 5"). They are taken out of the text flow so that a sentence split by a
 * page break reads as one; banners are kept, since they state the classification.
 */
import { classificationFromMarkingLines } from './classification.js';

export interface PageLines {
  /** The page's number as the source counts it ("1", "2" …). */
  page: string;
  lines: string[];
}

export interface PageFurniture {
  /** The pages without banners, running heads and feet, and page numbers. */
  pages: PageLines[];
  /** Classification banners as printed, in page order. */
  banners: string[];
  /** Every line taken out, for inspection. */
  removed: string[];
}

/** Lines from each edge of a page where furniture may stand. */
const EDGE_LINES = 3;

const PAGE_NUMBER =
  /^(?:(?:page|p\.)\s*)?[-–—(\s]*(?:\d{1,4}|[ivxlc]{1,6})[-–—)\s.]*(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

export function removePageFurniture(pages: readonly PageLines[]): PageFurniture {
  const repeated = repeatedEdgeLines(pages);
  const banners: string[] = [];
  const removed: string[] = [];
  const isFurniture = (line: string): boolean => {
    const text = line.trim();
    if (text === '') return false;
    if (isBanner(text)) {
      banners.push(text);
      return true;
    }
    return PAGE_NUMBER.test(text) || repeated.has(edgeKey(text));
  };
  const cleaned = pages.map(({ page, lines }) => {
    const keep = lines.map(() => true);
    // From the top down and from the bottom up, furniture runs until the first body line.
    for (const order of [indices(lines.length), indices(lines.length).reverse()]) {
      let seen = 0;
      for (const index of order) {
        const line = lines[index]!;
        if (line.trim() === '') continue;
        if (seen++ >= EDGE_LINES || !isFurniture(line)) break;
        if (keep[index]) removed.push(line.trim());
        keep[index] = false;
      }
    }
    return { page, lines: lines.filter((_, index) => keep[index]) };
  });
  return { pages: cleaned, banners: [...new Set(banners)], removed };
}

/** A line that is a classification marking and nothing else. */
export function isBanner(text: string): boolean {
  return classificationFromMarkingLines([text]).level !== null;
}

/**
 * Lines that stand at a page edge on at least half the pages (two at least): running heads
 * and feet. Digits are ignored in the comparison, so "PAGE 02 …" matches "PAGE 03 …".
 */
function repeatedEdgeLines(pages: readonly PageLines[]): Set<string> {
  if (pages.length < 2) return new Set();
  const counts = new Map<string, number>();
  for (const { lines } of pages) {
    const body = lines.filter((line) => line.trim() !== '');
    const edges = new Set([...body.slice(0, EDGE_LINES), ...body.slice(-EDGE_LINES)].map(edgeKey));
    for (const key of edges) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  return new Set([...counts].filter(([, count]) => count >= needed).map(([key]) => key));
}

function edgeKey(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#').toLowerCase();
}

function indices(length: number): number[] {
  return Array.from({ length }, (_, index) => index);
}
