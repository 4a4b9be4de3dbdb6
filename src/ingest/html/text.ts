/**
 * The readable text of an HTML page as lines: scripts, styles, navigation and forms dropped;
 * block elements become line breaks and paragraphs blank-line separated; <pre> keeps its
 * lines and indentation. When the page marks its main content (<main>, <article>), only that
 * is kept, so site menus and footers do not end up in the record. Text stays text: entities
 * are decoded, and nothing in the page is ever run.
 */
import { Parser } from 'htmlparser2';

export interface HtmlText {
  title: string | null;
  lines: string[];
}

/** Elements whose content is never record text. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'nav',
  'form',
  'button',
  'select',
  'textarea',
  'aside',
  'head',
]);
/** Elements that end a paragraph. */
const PARAGRAPHS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'dl',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'figure',
  'address',
]);
/** Elements that end a line. */
const LINES = new Set(['br', 'li', 'tr', 'dt', 'dd', 'figcaption', 'caption']);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'source', 'wbr']);

interface Chunk {
  text: string;
  main: boolean;
}

export function htmlToLines(html: string): HtmlText {
  const chunks: Chunk[] = [];
  const open: string[] = [];
  let dropped = 0;
  let inTitle = false;
  let title = '';
  let pre = 0;
  let main = 0;
  let sawMain = false;
  const push = (text: string) => chunks.push({ text, main: main > 0 });
  const parser = new Parser(
    {
      onopentag(name) {
        if (!VOID.has(name)) open.push(name);
        if (name === 'title') inTitle = true;
        if (DROPPED.has(name) && !VOID.has(name)) dropped++;
        if (name === 'main' || name === 'article') {
          main++;
          sawMain = true;
        }
        if (name === 'pre') pre++;
        if (PARAGRAPHS.has(name)) push('\n\n');
        else if (LINES.has(name)) push('\n');
        else if (name === 'td' || name === 'th') push(' ');
      },
      ontext(text) {
        if (inTitle) title += text;
        if (dropped > 0) return;
        push(pre > 0 ? text.replace(/\r\n?/g, '\n') : text.replace(/\s+/g, ' '));
      },
      onclosetag(name) {
        if (VOID.has(name)) {
          if (name === 'br' || name === 'hr') push('\n');
          return;
        }
        // Close up to the matching element, so unclosed children cannot leave a count raised.
        const at = open.lastIndexOf(name);
        if (at < 0) return;
        for (const closed of open.splice(at).reverse()) {
          if (closed === 'title') inTitle = false;
          if (DROPPED.has(closed)) dropped--;
          if (closed === 'pre') pre--;
          if (closed === 'main' || closed === 'article') main--;
          if (PARAGRAPHS.has(closed)) push('\n\n');
          else if (LINES.has(closed)) push('\n');
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  const kept = sawMain ? chunks.filter((chunk) => chunk.main || /^\n+$/.test(chunk.text)) : chunks;
  const text = kept.map((chunk) => chunk.text).join('');
  return { title: title.replace(/\s+/g, ' ').trim() || null, lines: toLines(text) };
}

/** Trailing spaces trimmed, runs of blank lines folded to one, leading indentation kept. */
function toLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.replace(/\u00a0/g, ' ').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
      continue;
    }
    lines.push(line.startsWith(' ') && !/^ {2,}/.test(line) ? line.trimStart() : line);
  }
  while (lines.at(-1) === '') lines.pop();
  return lines;
}
