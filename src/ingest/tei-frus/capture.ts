/**
 * Streams a FRUS TEI volume through saxes and hands over, one at a time, the only parts the
 * reader needs as trees: the teiHeader, the persons list and each `<div type="document">`.
 * Everything else passes by without being kept.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ReadError } from '../reader.js';
import type { XmlElement } from './xml-tree.js';

export type CapturedPart =
  | { kind: 'header'; element: XmlElement }
  | { kind: 'persons'; element: XmlElement }
  /** `pageBefore`: the last page break seen before the document opened. */
  | { kind: 'document'; element: XmlElement; pageBefore: string | null; contentHash: string };

type PartKind = CapturedPart['kind'];

function partKindOf(tag: SaxesTagPlain): PartKind | null {
  if (tag.name === 'teiHeader') return 'header';
  if (tag.name !== 'div') return null;
  if (tag.attributes['type'] === 'document') return 'document';
  if (tag.attributes['xml:id'] === 'persons') return 'persons';
  return null;
}

/** Yields the captured parts in file order; malformed XML ends it with a ReadError naming the spot. */
export async function* captureParts(path: string): AsyncGenerator<CapturedPart> {
  const parser = new SaxesParser({ position: false });
  const ready: CapturedPart[] = [];
  let stack: XmlElement[] = [];
  let partKind: PartKind | null = null;
  /** The document's source as events, hashed once when it closes: same events, same hash. */
  let source: string | null = null;
  let lastPage: string | null = null;
  let pageBefore: string | null = null;
  let failure: Error | null = null;

  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name === 'pb' && partKind !== 'document' && attributes['n']) lastPage = attributes['n'];
    if (partKind === null) {
      const kind = partKindOf(tag as SaxesTagPlain);
      if (kind === null) return;
      partKind = kind;
      stack = [];
      if (kind === 'document') {
        source = '';
        pageBefore = lastPage;
      }
    }
    const element: XmlElement = { name: tag.name, attrs: attributes, children: [] };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
    if (source !== null) {
      // String concatenation builds a rope; it is flattened once, when the document is hashed.
      source += '<' + tag.name;
      for (const key in attributes) source += ' ' + key + '="' + attributes[key] + '"';
      source += '>';
    }
  });

  parser.on('text', (text) => {
    if (partKind === null || stack.length === 0) return;
    stack[stack.length - 1]!.children.push(text);
    if (source !== null) source += text;
  });

  parser.on('cdata', (text) => {
    if (partKind === null || stack.length === 0) return;
    stack[stack.length - 1]!.children.push(text);
    if (source !== null) source += text;
  });

  parser.on('closetag', (tag) => {
    if (partKind === null) return;
    if (source !== null) source += '</' + tag.name + '>';
    const element = stack.pop()!;
    if (stack.length > 0) return;
    if (partKind === 'document') {
      ready.push({
        kind: 'document',
        element,
        pageBefore,
        contentHash: createHash('sha256').update(source!).digest('hex'),
      });
      lastPage = lastPrintedPageIn(element, `${element.attrs['xml:id'] ?? ''}-`) ?? lastPage;
    } else {
      ready.push({ kind: partKind, element });
    }
    partKind = null;
    source = null;
  });

  parser.on('error', (error) => {
    failure ??= error;
  });

  // TextDecoder in streaming mode decodes faster than the stream's own utf8 decoding and still
  // keeps a character split across two chunks whole.
  const decoder = new TextDecoder('utf-8');
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    if (failure) break;
    while (ready.length > 0) yield ready.shift()!;
  }
  if (!failure) {
    const tail = decoder.decode();
    if (tail) parser.write(tail);
    parser.close();
  }
  if (failure) {
    stream.destroy();
    throw new ReadError(path, `not well-formed XML: ${(failure as Error).message}`);
  }
  while (ready.length > 0) yield ready.shift()!;
}

/**
 * The last page break of a document that belongs to the printed volume. E-volumes number the
 * pages of each document from 1 (`xml:id="d44-01"`); those do not carry over to the next one.
 */
function lastPrintedPageIn(element: XmlElement, localPrefix: string): string | null {
  for (let i = element.children.length - 1; i >= 0; i--) {
    const child = element.children[i]!;
    if (typeof child === 'string') continue;
    if (child.name === 'pb' && child.attrs['n'] && !child.attrs['xml:id']?.startsWith(localPrefix)) {
      return child.attrs['n'];
    }
    const inner = lastPrintedPageIn(child, localPrefix);
    if (inner) return inner;
  }
  return null;
}
