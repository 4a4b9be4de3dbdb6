/**
 * White-space folding: every run of white space becomes one space and the ends are trimmed,
 * the normalisation the eval gold and passage offsets are defined on.
 */

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** White space that folding would change: a run, or any space other than a plain one. */
const INNER_RUN = /\s\s|[^\S ]/;

/**
 * Builds a folded string piece by piece, so that offsets taken while building (where a
 * footnote anchor or a name starts) are offsets in the final folded text.
 */
export class FoldedTextBuilder {
  /** Plain concatenation: V8 joins the pieces lazily, cheaper than an array and a join. */
  private text = '';
  private size = 0;
  private pendingSpace = false;

  /** Length of the folded text so far (a pending space is not counted until text follows). */
  get length(): number {
    return this.size;
  }

  append(raw: string): void {
    // Native trim and a rare replace are far cheaper than walking the text word by word;
    // trim() and \s agree on what white space is.
    const trimmed = raw.trim();
    if (trimmed.length === 0) {
      if (raw.length > 0) this.pendingSpace = true;
      return;
    }
    if (trimmed.length !== raw.length && raw.charCodeAt(0) !== trimmed.charCodeAt(0))
      this.pendingSpace = true;
    this.pushWord(INNER_RUN.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed);
    if (
      trimmed.length !== raw.length &&
      raw.charCodeAt(raw.length - 1) !== trimmed.charCodeAt(trimmed.length - 1)
    ) {
      this.pendingSpace = true;
    }
  }

  /** A boundary that reads as a space (a line break, a table cell edge). */
  space(): void {
    this.pendingSpace = true;
  }

  /** The offset at which the next visible character will land. */
  nextOffset(): number {
    return this.pendingSpace && this.size > 0 ? this.size + 1 : this.size;
  }

  toString(): string {
    return this.text;
  }

  private pushWord(word: string): void {
    if (this.pendingSpace && this.size > 0) {
      this.text += ' ';
      this.size += 1;
    }
    this.pendingSpace = false;
    this.text += word;
    this.size += word.length;
  }
}
