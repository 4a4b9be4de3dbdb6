/**
 * Turning what a user pastes or uploads into article text: HTML loses its markup (scripts and
 * styles dropped, blocks kept as paragraph breaks), sizes are bounded, and an article that is
 * not in English is recognised rather than checked word by word against English records.
 */
import { Parser } from 'htmlparser2';

/** Articles larger than this are refused: no news story is 10 MB of text. */
export const MAX_ARTICLE_BYTES = 10 * 1024 * 1024;

export class ArticleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArticleError';
  }
}

export interface ArticleText {
  text: string;
  wasHtml: boolean;
  /** Share of the words that are common English function words (0–1). */
  englishScore: number;
  isEnglish: boolean;
}

const SKIPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'iframe',
  'object',
]);
const BLOCK_ELEMENTS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'tr',
  'table',
  'figcaption',
  'pre',
]);

export function readArticle(input: string | Buffer, name = 'the article'): ArticleText {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > MAX_ARTICLE_BYTES) {
    throw new ArticleError(
      `${name} is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_ARTICLE_BYTES / 1048576} MB. Check the article's text, not a whole web archive.`,
    );
  }
  const raw = typeof input === 'string' ? input : input.toString('utf8');
  if (raw.includes('\u0000'))
    throw new ArticleError(`${name} is binary, not text; paste the article's text or HTML.`);
  const wasHtml = looksLikeHtml(raw);
  const text = normaliseText(wasHtml ? htmlToText(raw) : raw);
  const englishScore = englishFunctionWordShare(text);
  return { text, wasHtml, englishScore, isEnglish: text.trim() === '' || englishScore >= 0.08 };
}

function looksLikeHtml(text: string): boolean {
  return /<(?:html|body|p|div|article|span|script|br|h[1-6])\b[^>]*>/i.test(text.slice(0, 65536));
}

function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipping++;
        else if (BLOCK_ELEMENTS.has(name)) parts.push('\n\n');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
      onclosetag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_ELEMENTS.has(name)) parts.push('\n\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}

function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00a0 ]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to a in that is was he for it with as his on be at by had this not are but from or have an they which she were her been has their there would what will all if can who its said'.split(
    ' ',
  ),
);

function englishFunctionWordShare(text: string): number {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return 0;
  let hits = 0;
  for (const word of words) if (ENGLISH_FUNCTION_WORDS.has(word)) hits++;
  return hits / words.length;
}
