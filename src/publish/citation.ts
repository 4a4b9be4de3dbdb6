/**
 * Citations for a document or one of its passages: a Chicago note (18th edition, which makes
 * the place of publication optional), CSL-JSON for reference managers, and RIS for the older
 * ones. Pure functions: a document and its collection in, strings and objects out.
 */
import type { Collection, Document } from '../records/schema.js';
import { MONTH_NAMES } from '../records/months.js';

export interface CitationInput {
  document: Document;
  /** null when the collection is not stored (a document ingested on its own still gets cited). */
  collection: Collection | null;
  /** Cite one passage (its page, and its stable link) rather than the whole document. */
  ordinal?: number;
  /** Where this Declass instance is published, e.g. https://archive.example.org; adds the passage link. */
  baseUrl?: string;
}

/** A run of note text; `italic` marks titles of published works, as Chicago sets them. */
export interface NoteSegment {
  text: string;
  italic: boolean;
}

export interface Citation {
  /** The Chicago note as plain text, ready to paste. */
  chicago: string;
  /** The same note in runs, so a page can set the italics. */
  chicagoSegments: NoteSegment[];
  csl: CslItem;
  ris: string;
  /** The stable Declass link of what is cited, relative (`/d/<id>#p<n>`) unless baseUrl is given. */
  link: string;
}

/** The subset of CSL-JSON that a record needs. */
export interface CslItem {
  id: string;
  type: 'chapter' | 'document';
  title: string;
  'container-title'?: string;
  'collection-title'?: string;
  volume?: string;
  number?: string;
  page?: string;
  editor?: CslName[];
  publisher?: string;
  'publisher-place'?: string;
  issued?: { 'date-parts': number[][] };
  URL?: string;
  note?: string;
}

export type CslName = { family: string; given?: string; suffix?: string } | { literal: string };

export function citeDocument(input: CitationInput): Citation {
  const { document, collection } = input;
  const passage =
    input.ordinal === undefined ? undefined : document.passages.find((p) => p.ordinal === input.ordinal);
  if (input.ordinal !== undefined && !passage) {
    throw new RangeError(`document ${document.id} has no passage ${input.ordinal}.`);
  }
  const relativeLink = `/d/${document.id}${passage ? `#p${passage.ordinal}` : ''}`;
  const link = input.baseUrl ? `${input.baseUrl.replace(/\/+$/, '')}${relativeLink}` : relativeLink;
  const page = passage?.page ?? null;
  // The record's permanent public home comes first; else this archive's own link, when it is public.
  const url = publishedSourceUrl(document) ?? (input.baseUrl ? link : null);
  const segments = chicagoSegments(document, collection, page, url);
  return {
    chicago: segments.map((segment) => segment.text).join(''),
    chicagoSegments: segments,
    csl: cslItem(document, collection, passage?.ordinal, page, url),
    ris: risRecord(document, collection, page, url),
    link,
  };
}

/** FRUS documents have a permanent home at the Office of the Historian. */
export function publishedSourceUrl(document: Document): string | null {
  if (!/^frus\d/.test(document.collectionId)) return null;
  const localId = document.id.slice(document.collectionId.length + 1);
  return `https://history.state.gov/historicaldocuments/${document.collectionId}/${localId}`;
}

function chicagoSegments(
  document: Document,
  collection: Collection | null,
  page: string | null,
  url: string | null,
): NoteSegment[] {
  const parts: NoteSegment[] = [];
  const plain = (text: string) => parts.push({ text, italic: false });
  const italic = (text: string) => parts.push({ text, italic: true });

  plain(`“${stripFinalPeriod(document.title)},”`);
  const where = [document.place, printedDate(document)].filter(Boolean).join(', ');
  if (where) plain(` ${where},`);
  if (collection && (collection.series || collection.volumeTitle)) {
    plain(' in ');
    italic([collection.series, collection.subseries].filter(Boolean).join(', ') || collection.title);
    if (collection.volumeNumber) plain(`, ${shortVolume(collection.volumeNumber)}`);
    if (collection.volumeTitle) {
      plain(', ');
      italic(collection.volumeTitle);
    }
    if (collection.editors.length > 0) plain(`, ed. ${joinNames(collection.editors)}`);
    const imprint = [collection.publisher, collection.publishedYear].filter(Boolean).join(', ');
    if (imprint) plain(` (${imprint})`);
  } else if (collection) {
    plain(` ${collection.title}`);
  } else {
    plain(` ${document.collectionId}`);
  }
  if (document.number) plain(`, doc. ${document.number}`);
  if (page) plain(`, ${page}`);
  if (url) plain(`, ${url}`);
  plain('.');
  return mergeRuns(parts);
}

function cslItem(
  document: Document,
  collection: Collection | null,
  ordinal: number | undefined,
  page: string | null,
  url: string | null,
): CslItem {
  const item: CslItem = {
    id: ordinal === undefined ? document.id : `${document.id}#p${ordinal}`,
    type: collection?.volumeTitle || collection?.series ? 'chapter' : 'document',
    title: stripFinalPeriod(document.title),
  };
  if (collection) {
    item['container-title'] = collection.volumeTitle ?? collection.title;
    const series = [collection.series, collection.subseries].filter(Boolean).join(', ');
    if (series) item['collection-title'] = series;
    if (collection.volumeNumber) item.volume = collection.volumeNumber.replace(/^Volume\s+/i, '');
    if (collection.editors.length > 0) item.editor = collection.editors.map(splitName);
    if (collection.publisher) item.publisher = collection.publisher;
  }
  if (document.place) item['publisher-place'] = document.place;
  if (document.number) item.number = document.number;
  if (page) item.page = page;
  const parts = dateParts(document);
  if (parts) item.issued = { 'date-parts': [parts] };
  if (url) item.URL = url;
  if (document.classification.printed) item.note = document.classification.printed;
  return item;
}

function risRecord(
  document: Document,
  collection: Collection | null,
  page: string | null,
  url: string | null,
): string {
  const lines: [string, string][] = [];
  const add = (tag: string, value: string | null | undefined) => {
    if (value) lines.push([tag, value.replace(/\s+/g, ' ').trim()]);
  };
  add('TY', collection?.volumeTitle || collection?.series ? 'CHAP' : 'GEN');
  add('TI', stripFinalPeriod(document.title));
  add('T2', collection ? (collection.volumeTitle ?? collection.title) : document.collectionId);
  add('T3', collection ? [collection.series, collection.subseries].filter(Boolean).join(', ') : null);
  add('VL', collection?.volumeNumber?.replace(/^Volume\s+/i, ''));
  for (const editor of collection?.editors ?? []) add('A2', editor);
  add('PB', collection?.publisher);
  add('PY', collection?.publishedYear);
  const parts = dateParts(document);
  if (parts) add('DA', parts.map((n) => String(n).padStart(2, '0')).join('/'));
  add('CY', document.place);
  add('M1', document.number ? `doc. ${document.number}` : null);
  add('SP', page);
  add('UR', url);
  add('N1', document.classification.printed);
  add('ID', document.id);
  return [...lines.map(([tag, value]) => `${tag}  - ${value}`), 'ER  - ', ''].join('\r\n');
}

/** The date as printed in the record; else the stored interval written out. */
function printedDate(document: Document): string | null {
  if (document.datePrinted) return stripFinalPeriod(document.datePrinted);
  const parts = dateParts(document);
  if (!parts) return null;
  const [year, month, day] = parts;
  if (month === undefined) return String(year);
  const monthName = MONTHS[month - 1]!;
  return day === undefined ? `${monthName} ${year}` : `${monthName} ${day}, ${year}`;
}

/** Year, month, day as far as the document's date precision warrants. */
function dateParts(document: Document): number[] | null {
  const date = document.date;
  if (!date) return null;
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date.start);
  if (!match) return null;
  const parts = [Number(match[1])];
  const exact = date.precision === 'day' || date.precision === 'time';
  if (match[2] && (exact || date.precision === 'month')) parts.push(Number(match[2]));
  if (match[3] && exact) parts.push(Number(match[3]));
  return parts;
}

const MONTHS = MONTH_NAMES;

/** "Volume XII" → "vol. 12"; "Volume E–15, Part 1" → "vol. E–15, pt. 1" (Chicago uses arabic numerals). */
export function shortVolume(printed: string): string {
  return printed
    .replace(/^Volume\s+/i, 'vol. ')
    .replace(/\bPart\s+/i, 'pt. ')
    .replace(/\b([IVXLC]+)\b/g, (roman) => String(romanToArabic(roman)));
}

function romanToArabic(roman: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const value = values[roman[i]!]!;
    const next = values[roman[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
}

/** "Erin R. Mahan" → family Mahan, given Erin R.; a suffix such as "Jr." is kept apart. */
function splitName(name: string): CslName {
  const words = name.trim().split(/\s+/);
  const suffix =
    words.length > 2 && /^(Jr\.?|Sr\.?|II|III|IV)$/.test(words[words.length - 1]!) ? words.pop() : undefined;
  if (words.length < 2) return { literal: name.trim() };
  const family = words.pop()!;
  return suffix ? { family, given: words.join(' '), suffix } : { family, given: words.join(' ') };
}

function stripFinalPeriod(text: string): string {
  return text.trim().replace(/\.$/, '');
}

function mergeRuns(parts: NoteSegment[]): NoteSegment[] {
  const merged: NoteSegment[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && last.italic === part.italic) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
