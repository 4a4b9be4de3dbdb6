/**
 * Lines of a page rebuilt from positioned pieces of text: the items of a PDF text layer, or the
 * words OCR finds on a scan. Both give boxes, not lines, so the same rules serve both:
 * pieces at the same height form a line, read left to right; the distance from the left margin
 * becomes leading spaces (memo headers continue a labelled line by indenting it); a vertical
 * gap clearly larger than the usual line spacing becomes a blank line (a paragraph break).
 */

/** A piece of text and its box, in any unit, with y growing downwards. */
export interface PositionedText {
  text: string;
  x: number;
  top: number;
  width: number;
  height: number;
}

interface Line {
  items: PositionedText[];
  top: number;
  bottom: number;
}

/** How much taller than usual a gap between lines must be to count as a paragraph break. */
const PARAGRAPH_GAP_FACTOR = 1.6;

/**
 * The page as lines of text, top to bottom, with indentation as leading spaces and blank lines
 * where the vertical spacing shows a paragraph break.
 */
export function layoutLines(pieces: readonly PositionedText[]): string[] {
  const items = pieces.filter((piece) => piece.text.trim() !== '' && piece.height > 0);
  if (items.length === 0) return [];
  const charWidth = medianCharWidth(items);
  const lines = groupIntoLines(items);
  const margin = Math.min(...lines.map((line) => line.items[0]!.x));
  const pitch = median(
    lines
      .slice(1)
      .map((line, index) => line.top - lines[index]!.top)
      .filter((gap) => gap > 0),
  );
  const out: string[] = [];
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (previous && pitch > 0 && line.top - previous.top > pitch * PARAGRAPH_GAP_FACTOR) out.push('');
    const indent = Math.max(0, Math.round((line.items[0]!.x - margin) / charWidth));
    out.push(' '.repeat(indent) + joinItems(line.items, charWidth));
  });
  return out;
}

/** Items whose vertical middles fall within half a line of each other share a line. */
function groupIntoLines(items: PositionedText[]): Line[] {
  const sorted = [...items].sort((a, b) => middle(a) - middle(b) || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const current = lines.at(-1);
    const tolerance = Math.min(item.height, current ? current.bottom - current.top : item.height) / 2;
    if (current && Math.abs(middle(item) - (current.top + current.bottom) / 2) <= tolerance) {
      current.items.push(item);
      current.top = Math.min(current.top, item.top);
      current.bottom = Math.max(current.bottom, item.top + item.height);
    } else {
      lines.push({ items: [item], top: item.top, bottom: item.top + item.height });
    }
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** Pieces joined left to right; a visible gap between two boxes is a space. */
function joinItems(items: PositionedText[], charWidth: number): string {
  let text = '';
  let previousEnd: number | null = null;
  for (const item of items) {
    const piece = item.text.replace(/\s+/g, ' ');
    if (previousEnd !== null) {
      const gap = item.x - previousEnd;
      const spaced = /\s$/.test(text) || /^\s/.test(piece);
      if (!spaced && gap > charWidth * 0.25) text += ' ';
    }
    text += piece;
    previousEnd = Math.max(previousEnd ?? -Infinity, item.x + item.width);
  }
  return text.trim();
}

function medianCharWidth(items: PositionedText[]): number {
  const widths = items
    .filter((item) => item.text.trim().length > 0 && item.width > 0)
    .map((item) => item.width / item.text.length);
  return median(widths) || 1;
}

function middle(item: PositionedText): number {
  return item.top + item.height / 2;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
