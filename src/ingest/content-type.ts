/**
 * What a file is, judged from its first bytes (magic numbers and the shape of its text),
 * never from its name alone: records arrive renamed, without extensions, or as `.dat`.
 */

export type ContentType = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'html' | 'email';

export function detectContentType(head: Buffer): ContentType | null {
  if (isPdf(head)) return 'pdf';
  const image = imageTypeOf(head);
  if (image) return image;
  const text = textStart(head);
  if (text === null) return null;
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/i.test(text)) return 'html';
  if (looksLikeEmail(text)) return 'email';
  return null;
}

/** "%PDF-" may follow a little junk (some scanners write a preamble); the spec tolerates 1 KB. */
export function isPdf(head: Buffer): boolean {
  const at = head.subarray(0, 1024).indexOf('%PDF-');
  return at >= 0;
}

export function imageTypeOf(head: Buffer): 'png' | 'jpeg' | 'tiff' | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 4) {
    const little = head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0x00;
    const big = head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && head[3] === 0x2a;
    if (little || big) return 'tiff';
  }
  return null;
}

export const isImage = (head: Buffer): boolean => imageTypeOf(head) !== null;
export const isHtml = (head: Buffer): boolean => detectContentType(head) === 'html';
export const isEmail = (head: Buffer): boolean => detectContentType(head) === 'email';

/** A `.txt` file whose first bytes decode as UTF-8 text. */
export function isPlainTextFile(head: Buffer, path: string): boolean {
  if (!/\.(txt|text)$/i.test(path)) return false;
  const sample = head.toString('utf8');
  return !sample.includes('\u0000') && !sample.includes('\uFFFD');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The head as text without a byte-order mark, or null when it holds NUL bytes (binary). */
function textStart(head: Buffer): string | null {
  if (head.includes(0)) return null;
  return head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
}

/**
 * RFC 822/5322: the message starts with header fields ("Name: value", folded lines indented)
 * and among the first fields are From plus Date, Subject, To or Message-ID. Requiring both keeps
 * a memo that happens to begin "SUBJECT: …" from being read as mail.
 */
function looksLikeEmail(text: string): boolean {
  const headerBlock = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  // An mbox file starts with a "From sender date" envelope line before the header fields.
  const lines = headerBlock
    .split(/\r?\n/)
    .filter((line, index) => !(index === 0 && line.startsWith('From ')));
  const names = new Set<string>();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) continue;
    const field = /^([!-9;-~]+):/.exec(line);
    if (!field) return false;
    names.add(field[1]!.toLowerCase());
  }
  const hasFrom = names.has('from');
  const others = ['date', 'subject', 'to', 'message-id', 'mime-version'].filter((n) => names.has(n));
  return hasFrom && others.length >= 1;
}
