/**
 * Turns the body of one `<div type="document">` into passages in reading order: heading,
 * dateline, participants list, paragraphs, list items, closers; each note becomes a passage of
 * its own right after the passage that anchors it. Page breaks, name mentions and
 * cross-references are kept with their passage ordinal and character offsets.
 */
import { FoldedTextBuilder } from '../../extract/text.js';
import type { CrossReference, Mention, PageBreak, Passage, PassageKind } from '../../records/schema.js';
import type { XmlElement, XmlNode } from './xml-tree.js';

/** Elements that start a passage (or hold passages) when met between passages. */
const BLOCK_ELEMENTS = new Set([
  'head',
  'dateline',
  'p',
  'ab',
  'list',
  'item',
  'closer',
  'signed',
  'opener',
  'salute',
  'byline',
  'trailer',
  'table',
  'row',
  'div',
  'note',
  'pb',
  'postscript',
  'lg',
  'figure',
  'floatingText',
  'body',
  'quote',
]);

/** Elements whose edges read as a space even inside one passage. */
const SPACED_ELEMENTS = new Set([
  'item',
  'cell',
  'row',
  'p',
  'head',
  'list',
  'lb',
  'dateline',
  'signed',
  'l',
]);

/** Lists printed as one labelled block ("SUBJECT: …", "REF: …"). */
const LABELLED_LISTS = new Set(['subject', 'references', 'to', 'from', 'simple-labelled']);

export function isSourceNote(note: XmlElement): boolean {
  return note.attrs['type'] === 'source' || /^\s*Source:/.test(leadingText(note));
}

/** The first few dozen characters of an element's text: enough to see how it begins. */
function leadingText(node: XmlElement): string {
  let text = '';
  const visit = (current: XmlElement): boolean => {
    for (const child of current.children) {
      text += typeof child === 'string' ? child : '';
      if (typeof child !== 'string' && visit(child)) return true;
      if (text.trim().length >= 16) return true;
    }
    return false;
  };
  visit(node);
  return text;
}

interface PendingSpan {
  ordinal: number;
  start: number;
  end: number;
  target: string;
  kind: 'mention' | 'link';
}

export interface PassageResult {
  passages: Passage[];
  mentions: Mention[];
  links: CrossReference[];
  pageBreaks: PageBreak[];
  sourceNotes: string[];
}

export class PassageWriter {
  readonly passages: Passage[] = [];
  readonly pageBreaks: PageBreak[] = [];
  readonly sourceNotes: string[] = [];
  private readonly spans: PendingSpan[] = [];
  private pendingNotes: { note: XmlElement; ordinal: number; offset: number }[] = [];
  private page: string | null;

  constructor(pageBefore: string | null) {
    this.page = pageBefore;
  }

  /** Walks a container's children, grouping stray inline content into paragraphs. */
  container(element: XmlElement): void {
    let run: XmlNode[] = [];
    let runHasText = false;
    const flush = (): void => {
      if (run.length > 0) this.emit({ name: '#run', attrs: {}, children: run }, 'paragraph');
      run = [];
      runHasText = false;
    };
    for (const child of element.children) {
      if (typeof child === 'string') {
        run.push(child);
        if (!runHasText && /\S/.test(child)) runHasText = true;
        continue;
      }
      const inlineInRun = runHasText && (child.name === 'note' || child.name === 'pb');
      if (
        !BLOCK_ELEMENTS.has(child.name) ||
        inlineInRun ||
        (child.name === 'quote' && !hasBlockChild(child))
      ) {
        run.push(child);
        runHasText = true;
        continue;
      }
      flush();
      this.block(child);
    }
    flush();
  }

  block(element: XmlElement): void {
    switch (element.name) {
      case 'head':
        return this.emit(element, 'heading');
      case 'dateline':
        return this.emit(element, 'dateline');
      case 'p':
      case 'ab':
      case 'opener':
      case 'salute':
      case 'byline':
      case 'trailer':
      case 'row':
        return this.emit(element, 'paragraph');
      case 'closer':
      case 'signed':
        return this.emit(element, 'closer');
      case 'list':
        return this.list(element);
      case 'item':
        return hasBlockChild(element) ? this.container(element) : this.emit(element, 'list-item');
      case 'note': {
        const previous = this.passages[this.passages.length - 1];
        this.note(element, previous ? { ordinal: previous.ordinal, offset: previous.text.length } : null);
        return;
      }
      case 'pb':
        if (element.attrs['n']) {
          this.page = element.attrs['n'];
          this.pageBreaks.push({ page: this.page, ordinal: this.passages.length + 1, offset: 0 });
        }
        return;
      default:
        return this.container(element);
    }
  }

  private list(list: XmlElement): void {
    const type = list.attrs['type'] ?? '';
    if (type === 'participants') return this.emit(list, 'participants');
    if (LABELLED_LISTS.has(type)) return this.emit(list, 'paragraph');
    for (const child of list.children) {
      if (typeof child === 'string') continue;
      if (child.name === 'head') this.emit(child, 'heading');
      else this.block(child);
    }
  }

  /** One passage from an element's whole content; its notes follow it as passages of their own. */
  private emit(element: XmlElement, kind: PassageKind, extra?: Partial<Passage>): void {
    const ordinal = this.passages.length + 1;
    const builder = new FoldedTextBuilder();
    const pageAtStart = this.page;
    const notesFrom = this.pendingNotes.length;
    const spansFrom = this.spans.length;
    for (const child of element.children) this.inline(child, builder, ordinal);
    const text = builder.toString();
    const queued = this.pendingNotes.splice(notesFrom);
    if (text === '' && extra === undefined) {
      // Nothing printed: spans cannot exist; notes anchor to the passage before.
      const previous = this.passages[this.passages.length - 1];
      for (const item of queued) {
        this.note(item.note, previous ? { ordinal: previous.ordinal, offset: previous.text.length } : null);
      }
      return;
    }
    const opening = this.pageBreaks.find((pb) => pb.ordinal === ordinal && pb.offset === 0);
    this.passages.push({
      ordinal,
      kind,
      text,
      noteNumber: null,
      anchor: null,
      page: opening?.page ?? pageAtStart,
      speakers: [],
      ...extra,
    });
    for (let i = spansFrom; i < this.spans.length; i++) {
      const span = this.spans[i]!;
      if (span.end > text.length) span.end = text.length;
    }
    for (const item of queued) this.note(item.note, { ordinal: item.ordinal, offset: item.offset });
  }

  private note(note: XmlElement, anchor: { ordinal: number; offset: number } | null): void {
    const source = isSourceNote(note);
    const number = note.attrs['n'] ?? null;
    const before = this.passages.length;
    this.emit(note, source ? 'source-note' : 'footnote', { noteNumber: number, anchor });
    if (source && this.passages.length > before) {
      const written = this.passages.find((passage) => passage.ordinal === before + 1);
      if (written) this.sourceNotes.push(written.text);
    }
  }

  private inline(node: XmlNode, builder: FoldedTextBuilder, ordinal: number): void {
    if (typeof node === 'string') {
      builder.append(node);
      return;
    }
    switch (node.name) {
      case 'note':
        this.pendingNotes.push({ note: node, ordinal, offset: builder.length });
        return;
      case 'pb':
        if (node.attrs['n']) {
          this.page = node.attrs['n'];
          this.pageBreaks.push({ page: this.page, ordinal, offset: builder.nextOffset() });
        }
        return;
      case 'lb':
        builder.space();
        return;
      default:
        break;
    }
    const spaced = SPACED_ELEMENTS.has(node.name);
    if (spaced) builder.space();
    const corresp = node.name === 'persName' ? node.attrs['corresp'] : undefined;
    const target = node.name === 'ref' ? node.attrs['target'] : undefined;
    const start = corresp || target ? builder.nextOffset() : 0;
    for (const child of node.children) this.inline(child, builder, ordinal);
    if (spaced) builder.space();
    if (corresp || target) {
      const end = builder.length;
      if (end > start) {
        this.spans.push({
          ordinal,
          start,
          end,
          target: corresp ? corresp.trim().split(/\s+/)[0]!.replace(/^#/, '') : target!.trim(),
          kind: corresp ? 'mention' : 'link',
        });
      }
    }
  }

  /** The passages and the spans in them, with each span's text cut from its passage. */
  finish(volumeId: string): PassageResult {
    const byOrdinal = new Map(this.passages.map((passage) => [passage.ordinal, passage.text]));
    const mentions: Mention[] = [];
    const links: CrossReference[] = [];
    for (const span of this.spans) {
      const text = byOrdinal.get(span.ordinal);
      if (text === undefined) continue;
      const { ordinal, start, end } = span;
      if (span.kind === 'mention') {
        mentions.push({ ordinal, start, end, personId: span.target, text: text.slice(start, end) });
      } else {
        links.push({
          ordinal,
          start,
          end,
          target: normaliseTarget(span.target, volumeId),
          text: text.slice(start, end),
        });
      }
    }
    return {
      passages: this.passages,
      mentions,
      links,
      pageBreaks: this.pageBreaks,
      sourceNotes: this.sourceNotes,
    };
  }
}

function hasBlockChild(element: XmlElement): boolean {
  return element.children.some(
    (child) =>
      typeof child !== 'string' && (child.name === 'p' || child.name === 'list' || child.name === 'table'),
  );
}

/** "#d85" → "frus1969-76v12/d85"; "frus1969-76v06#d106" → "frus1969-76v06/d106"; "#d85fn1" → "frus1969-76v12/d85#fn1". */
export function normaliseTarget(target: string, volumeId: string): string {
  const match = /^([\w.-]*)#(d\d+[a-z]?)(fn\d+)?$/.exec(target);
  if (!match) return target;
  const volume = match[1] || volumeId;
  return `${volume}/${match[2]}${match[3] ? `#${match[3]}` : ''}`;
}
