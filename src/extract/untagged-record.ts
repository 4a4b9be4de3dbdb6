/**
 * One Document from the pages of an untagged record — a PDF's text layer, an OCR'd scan, an
 * HTML page, an e-mail body. The genre tells where the facts stand: the declassification
 * stamp and the classification banners sit on the page edges, the memo or telegram header
 * opens the text, "Name: words" paragraphs are dialogue turns, exemption codes mark what was
 * withheld. PDF, OCR, HTML and e-mail readers all build their documents here, so a record
 * reads the same whatever format it arrived in.
 */
import type {
  Classification,
  DateInterval,
  Declassification,
  Document,
  DocumentType,
  PageBreak,
  Participant,
  Passage,
  Redaction,
} from '../records/schema.js';
import { classificationFromMarkingLines } from './classification.js';
import { parsePrintedDate, parsePrintedTime } from './dates.js';
import { findDeclassificationStamp } from './declassification-stamp.js';
import { documentTypeFromTitle } from './document-type.js';
import { findUntaggedRedactions } from './exemptions.js';
import { readMemoHeader, type MemoHeader } from './memo-header.js';
import { removePageFurniture, type PageLines } from './page-furniture.js';
import { readTelegramHeader, type TelegramHeader } from './telegram-header.js';

export type { PageLines } from './page-furniture.js';

/** Facts the container states outside the text (e-mail headers, HTML <title>). They win. */
export interface KnownFacts {
  title?: string | null;
  subject?: string | null;
  date?: DateInterval | null;
  datePrinted?: string | null;
  time?: string | null;
  participants?: Participant[];
  type?: DocumentType;
}

export interface UntaggedSource {
  id: string;
  collectionId: string;
  sourcePath: string;
  contentHash: string;
  pages: readonly PageLines[];
  /** The title when the text gives none: usually the file name. */
  fallbackTitle: string;
  /** The type when the text does not say (an e-mail is correspondence: `letter`). */
  fallbackType?: DocumentType;
  known?: KnownFacts;
}

/** A line of the text flow and the page it stands on. */
interface FlowLine {
  text: string;
  page: string;
}

/** Title lines that open a memo header; anything above them is letterhead. */
const HEADER_TITLE =
  /^(?:MEMORANDUM|MEMCON|TELCON|TELEPHONE CONVERSATION|TRANSCRIPT OF TELEPHONE|MINUTES|TELEGRAM|CABLE|LETTER|RECORD OF|SUMMARY OF|NOTES? OF)\b/;
/** How many lines into the text a header title may stand (after letterhead, routing slips). */
const HEADER_SEARCH_LINES = 15;

/** "The President:", "Putin:", "Mr. Kissinger:", "K:" at the start of a paragraph. */
const TURN_LABEL = /^((?:The |Mr\. |Mrs\. |Ms\. |Dr\. )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+/;
/** Labels that open memo and telegram lines, stamps and notes, never a speaker. */
const NOT_SPEAKERS = new Set(
  (
    'subject subj participants participant date time place date and time time and place classification ' +
    'ref refs tags info to from fm cc bcc note notes attachment attachments enclosure enclosures ' +
    'authority distribution copies summary comment comments action sent received drafted cleared approved ' +
    'source sources file p.s. ps re tab annex appendix page'
  ).split(' '),
);

export function buildUntaggedRecord(source: UntaggedSource): Document {
  const { pages: stampFree, declassification } = takeOutStamps(source.pages);
  const furniture = removePageFurniture(stampFree);
  const flow = flowOf(furniture.pages);
  const lines = flow.map((line) => line.text);

  const telegram = readTelegramHeader(lines);
  const memo = telegram ? null : memoHeaderIn(lines);
  const bodyLine = telegram ? telegram.bodyLine : (memo?.bodyLine ?? 0);
  const headerStart = telegram ? 0 : (memo?.titleLine ?? 0);

  const passages: Passage[] = [];
  const pageBreaks: PageBreak[] = [];
  const seenPages = new Set<string>();
  const add = (kind: Passage['kind'], blockLines: FlowLine[]) => {
    const text = joinLines(blockLines.map((line) => line.text));
    if (text.trim() === '') return;
    const ordinal = passages.length + 1;
    passages.push({
      ordinal,
      kind,
      text,
      noteNumber: null,
      anchor: null,
      page: blockLines[0]!.page,
      speakers: [],
    });
    // A page that starts inside this passage breaks it at the length of the lines before.
    blockLines.forEach((line, index) => {
      if (seenPages.has(line.page)) return;
      seenPages.add(line.page);
      const before = index === 0 ? 0 : joinLines(blockLines.slice(0, index).map((l) => l.text)).length + 1;
      pageBreaks.push({
        page: line.page,
        ordinal,
        offset: Math.max(0, Math.min(text.length, before)),
      });
    });
  };

  // Letterhead above the header title ("THE WHITE HOUSE / WASHINGTON") stays as headings.
  for (const block of blocksOf(flow.slice(0, headerStart))) add('heading', block);
  for (const entry of headerEntries(flow.slice(headerStart, bodyLine))) add(entry.kind, entry.lines);
  for (const block of blocksOf(flow.slice(bodyLine))) {
    const text = joinLines(block.map((line) => line.text));
    // Turns keep their "Name:" label in the text, as FRUS prints them; speaker attribution
    // reads it and resolves the name by the record's date and participants.
    if (turnLabel(text)) add('turn', block);
    else if (isHeadingLine(block)) add('heading', block);
    else add('paragraph', block);
  }

  const redactions: Redaction[] = passages.flatMap((passage) =>
    findUntaggedRedactions(passage.text).map((found) => ({ ordinal: passage.ordinal, ...found })),
  );
  const header = memo?.header ?? null;
  const known = source.known ?? {};
  const title = known.title ?? header?.subject ?? telegram?.subject ?? header?.title ?? source.fallbackTitle;
  const turns = passages.filter((passage) => passage.kind === 'turn').length;
  const typeFromText: DocumentType = telegram
    ? 'cable'
    : (header?.type ?? (header?.title ? documentTypeFromTitle(header.title) : 'other'));
  // A record with no title that says what it is, but with dialogue, is a conversation record.
  const type: DocumentType =
    known.type ??
    (typeFromText !== 'other' ? typeFromText : turns >= 2 ? 'memcon' : (source.fallbackType ?? 'other'));
  const printedDate =
    header?.date || telegram?.date ? null : firstPrintedDate(lines.slice(0, HEADER_SEARCH_LINES));

  return {
    id: source.id,
    collectionId: source.collectionId,
    number: null,
    title,
    type,
    date: known.date ?? telegram?.date ?? header?.date ?? printedDate?.date ?? null,
    datePrinted:
      known.datePrinted ?? telegram?.dateTimeGroup ?? header?.datePrinted ?? printedDate?.printed ?? null,
    time: known.time ?? telegram?.time ?? header?.time ?? printedDate?.time ?? null,
    place: header?.place ?? telegram?.place ?? null,
    subject: known.subject ?? header?.subject ?? telegram?.subject ?? null,
    classification: classificationOf(furniture.banners, header, telegram, lines),
    declassification,
    sourceNote: null,
    participants: known.participants ?? participantsOf(header, telegram, type),
    passages,
    redactions,
    mentions: [],
    links: [],
    pageBreaks,
    sourcePath: source.sourcePath,
    contentHash: source.contentHash,
    published: true,
  };
}

/** Declassification stamps leave the text; the first one read is the document's. */
function takeOutStamps(pages: readonly PageLines[]): {
  pages: PageLines[];
  declassification: Declassification | null;
} {
  let declassification: Declassification | null = null;
  const cleaned = pages.map(({ page, lines }) => {
    let remaining = [...lines];
    for (
      let stamp = findDeclassificationStamp(remaining);
      stamp;
      stamp = findDeclassificationStamp(remaining)
    ) {
      declassification ??= stamp.declassification;
      const drop = new Set(stamp.lineIndices);
      remaining = remaining.filter((_, index) => !drop.has(index));
    }
    return { page, lines: remaining };
  });
  return { pages: cleaned, declassification };
}

/**
 * The pages as one run of lines. A page that ends a sentence and is followed by a page that
 * starts a new line of thought gets a paragraph break between them; otherwise the paragraph
 * runs on across the page break, as it does in the printed record.
 */
function flowOf(pages: readonly PageLines[]): FlowLine[] {
  const flow: FlowLine[] = [];
  for (const { page, lines } of pages) {
    const trimmed = trimBlankEdges(lines);
    if (trimmed.length === 0) continue;
    const last = flow.at(-1);
    const first = trimmed[0]!;
    if (
      last &&
      last.text.trim() !== '' &&
      /[.?!:"”’)]\s*$/.test(last.text) &&
      /^\s*(?:[A-Z0-9("“]|\s{2})/.test(first)
    ) {
      flow.push({ text: '', page: last.page });
    }
    for (const text of trimmed) flow.push({ text, page });
  }
  return flow;
}

function trimBlankEdges(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

interface LocatedMemoHeader {
  header: MemoHeader;
  titleLine: number;
  bodyLine: number;
}

/** The memo header, when a header title stands near the top or the text opens with labelled lines. */
function memoHeaderIn(lines: readonly string[]): LocatedMemoHeader | null {
  let titleLine = 0;
  let nonBlank = 0;
  for (let index = 0; index < lines.length && nonBlank < HEADER_SEARCH_LINES; index++) {
    if (lines[index]!.trim() === '') continue;
    nonBlank++;
    if (HEADER_TITLE.test(lines[index]!.trim())) {
      titleLine = index;
      break;
    }
  }
  const text = lines.slice(titleLine).join('\n');
  const header = readMemoHeader(text);
  if (header.bodyStart === 0) return null;
  const consumed = text.slice(0, header.bodyStart).split('\n').length - 1;
  return { header, titleLine, bodyLine: titleLine + consumed };
}

/**
 * Header lines grouped by label, each group one passage: the title a heading, PARTICIPANTS
 * and addressee lines a participants passage, DATE/TIME/PLACE a dateline.
 */
function headerEntries(lines: readonly FlowLine[]): { kind: Passage['kind']; lines: FlowLine[] }[] {
  const entries: { kind: Passage['kind']; lines: FlowLine[] }[] = [];
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    const label = /^([A-Z][A-Z ,/&.]{0,40}?)(?::|\s{2,}|\s(?=\d{6}Z))/.exec(text)?.[1]?.trim() ?? null;
    const continues = /^\s/.test(line.text) && entries.length > 0 && !label;
    if (continues) {
      entries.at(-1)!.lines.push(line);
      continue;
    }
    entries.push({ kind: headerKind(label, entries.length === 0 && !label), lines: [line] });
  }
  return entries;
}

function headerKind(label: string | null, isTitle: boolean): Passage['kind'] {
  if (isTitle) return 'heading';
  if (!label) return 'paragraph';
  if (/^(?:PARTICIPANTS?|PRESENT|FM|FROM|TO|INFO)$/.test(label)) return 'participants';
  if (/\b(?:DATE|TIME|PLACE)\b/.test(label) || /^[ZOPR]$/.test(label)) return 'dateline';
  if (/^SUBJ(?:ECT)?$/.test(label)) return 'heading';
  return 'paragraph';
}

/** Runs of non-blank lines; a line that opens a dialogue turn after a finished sentence starts a new run. */
function blocksOf(lines: readonly FlowLine[]): FlowLine[][] {
  const blocks: FlowLine[][] = [];
  let current: FlowLine[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
      continue;
    }
    const previous = current.at(-1);
    if (previous && /[.?!"”’)]\s*$/.test(previous.text) && turnLabel(line.text.trim())) {
      blocks.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/** Lines folded into one paragraph; a word hyphenated at a line end is rejoined without a space. */
function joinLines(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    if (text === '') text = line;
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(line)) text += line;
    else text += ` ${line}`;
  }
  return text;
}

function turnLabel(text: string): { label: string; length: number } | null {
  const match = TURN_LABEL.exec(text);
  if (!match) return null;
  const label = match[1]!;
  if (NOT_SPEAKERS.has(label.toLowerCase()) || /^[A-Z]{2,}(?: [A-Z]{2,})+$/.test(label)) return null;
  return { label, length: match[0].length };
}

/** A single short line in capitals: a section heading ("SALT", "MIDDLE EAST"). */
function isHeadingLine(block: readonly FlowLine[]): boolean {
  if (block.length !== 1) return false;
  const text = block[0]!.text.trim();
  return text.length <= 80 && /\p{Lu}/u.test(text) && text === text.toUpperCase() && !/[.,;]$/.test(text);
}

/** Banners first; then a CLASSIFICATION: header line; then a marking line near the top. */
function classificationOf(
  banners: readonly string[],
  header: MemoHeader | null,
  telegram: TelegramHeader | null,
  lines: readonly string[],
): Classification {
  const markings = banners.map((banner) => classificationFromMarkingLines([banner])).filter((c) => c.level);
  if (markings.length > 0) {
    const level = markings[0]!.level;
    const sameLevel = markings.filter((marking) => marking.level === level);
    return {
      level,
      caveats: [...new Set(sameLevel.flatMap((marking) => marking.caveats))],
      printed: [...new Set(sameLevel.map((marking) => marking.printed))].join(' / '),
    };
  }
  if (telegram?.classification) {
    return classificationFromMarkingLines([telegram.classification]);
  }
  if (header?.classificationPrinted) {
    const fromHeader = classificationFromMarkingLines([header.classificationPrinted.toUpperCase()]);
    if (fromHeader.level) return { ...fromHeader, printed: header.classificationPrinted };
  }
  return classificationFromMarkingLines(lines.slice(0, HEADER_SEARCH_LINES));
}

function firstPrintedDate(
  lines: readonly string[],
): { date: DateInterval; printed: string; time: string | null } | null {
  for (const line of lines) {
    const found = parsePrintedDate(line);
    if (found && found.date.precision === 'day') return { ...found, time: parsePrintedTime(line) };
  }
  return null;
}

function participantsOf(
  header: MemoHeader | null,
  telegram: TelegramHeader | null,
  type: DocumentType,
): Participant[] {
  if (telegram) {
    const office = (label: string, role: Participant['role'], description: string | null): Participant => ({
      name: label,
      personId: null,
      role,
      description,
      label,
    });
    return [
      ...(telegram.from ? [office(telegram.from, 'sender', null)] : []),
      ...telegram.to.map((to) => office(to, 'addressee', null)),
      ...telegram.info.map((info) => office(info, 'addressee', 'info addressee')),
    ];
  }
  return (header?.participants ?? []).map((label) => {
    // "Henry A. Kissinger, Assistant to the President": the name, then what the person is.
    const comma = label.indexOf(',');
    const name = comma > 0 ? label.slice(0, comma).trim() : label;
    const description = comma > 0 ? label.slice(comma + 1).trim() || null : null;
    return { name, personId: null, role: type === 'telcon' ? 'party' : 'participant', description, label };
  });
}
