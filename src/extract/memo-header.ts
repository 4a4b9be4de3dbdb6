/**
 * The header of an untagged memorandum: the title line (MEMORANDUM OF CONVERSATION …) and
 * labelled lines such as SUBJECT:, PARTICIPANTS:, DATE, TIME AND PLACE:, CLASSIFICATION:.
 * Pure: text in, facts out.
 */
import * as chrono from 'chrono-node';
import type { DateInterval, DocumentType } from '../records/schema.js';

export interface MemoHeader {
  title: string | null;
  type: DocumentType | null;
  subject: string | null;
  /** Names as printed, split on semicolons. */
  participants: string[];
  date: DateInterval | null;
  datePrinted: string | null;
  time: string | null;
  place: string | null;
  classificationPrinted: string | null;
  /** Character offset where the body begins (after the header block). */
  bodyStart: number;
}

const TITLE_TYPES: [RegExp, DocumentType][] = [
  [/^MEMORANDUM OF (?:TELEPHONE CONVERSATION|TELCON)\b/i, 'telcon'],
  [/^(?:TELEPHONE CONVERSATION|TELCON)\b/i, 'telcon'],
  [/^MEMORANDUM OF CONVERSATION\b/i, 'memcon'],
  [/^MEMCON\b/i, 'memcon'],
  [/^MINUTES\b/i, 'minutes'],
  [/^(?:TELEGRAM|CABLE)\b/i, 'cable'],
  [/^MEMORANDUM\b/i, 'memo'],
  [/^LETTER\b/i, 'letter'],
];

/** A header line: an upper-case label followed by a colon, e.g. "DATE, TIME AND PLACE:". */
const LABELLED_LINE = /^([A-Z][A-Z ,/&]{1,40}):\s*(.*)$/;

export function readMemoHeader(text: string): MemoHeader {
  const header: MemoHeader = {
    title: null,
    type: null,
    subject: null,
    participants: [],
    date: null,
    datePrinted: null,
    time: null,
    place: null,
    classificationPrinted: null,
    bodyStart: 0,
  };
  let offset = 0;
  let lastLabel: string | null = null;
  for (const line of text.split('\n')) {
    const lineEnd = offset + line.length + 1;
    const trimmed = line.trim();
    if (trimmed === '') {
      offset = lineEnd;
      // A blank line after labelled lines closes the header.
      if (lastLabel !== null) break;
      continue;
    }
    const labelled = LABELLED_LINE.exec(trimmed);
    if (labelled) {
      lastLabel = labelled[1]!.trim().toUpperCase();
      applyLabel(header, lastLabel, labelled[2]!.trim());
    } else if (header.title === null && lastLabel === null && trimmed === trimmed.toUpperCase()) {
      header.title = trimmed;
      header.type = TITLE_TYPES.find(([pattern]) => pattern.test(trimmed))?.[1] ?? null;
    } else if (lastLabel !== null && /^\s/.test(line)) {
      // An indented continuation of the previous labelled line.
      applyLabel(header, lastLabel, trimmed);
    } else {
      break;
    }
    offset = lineEnd;
    header.bodyStart = offset;
  }
  header.bodyStart = Math.min(header.bodyStart, text.length);
  return header;
}

function applyLabel(header: MemoHeader, label: string, value: string): void {
  if (label === 'SUBJECT') header.subject = join(header.subject, value);
  else if (label === 'PARTICIPANTS') {
    header.participants.push(
      ...value
        .split(/;|\band\b(?=\s+[A-Z])/)
        .map((part) => part.trim())
        .filter(Boolean),
    );
  } else if (label === 'CLASSIFICATION')
    header.classificationPrinted = join(header.classificationPrinted, value);
  else if (/^(DATE|TIME|PLACE)\b/.test(label) || /\b(DATE|TIME|PLACE)$/.test(label)) {
    applyDateTimePlace(header, label, value);
  }
}

function applyDateTimePlace(header: MemoHeader, label: string, value: string): void {
  const parsed = chrono.parse(value, undefined, { forwardDate: false })[0];
  let rest = value;
  if (parsed && (label.includes('DATE') || label.includes('TIME'))) {
    const known = parsed.start;
    if (known.isCertain('year') && known.isCertain('month') && known.isCertain('day')) {
      const iso = [known.get('year'), known.get('month'), known.get('day')]
        .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
        .join('-');
      header.date = { start: iso, end: iso, precision: 'day' };
      header.datePrinted = parsed.text.replace(/[,;\s]+$/, '');
    }
    if (known.isCertain('hour')) {
      header.time = `${String(known.get('hour')).padStart(2, '0')}:${String(known.get('minute') ?? 0).padStart(2, '0')}`;
    }
    rest = (value.slice(0, parsed.index) + value.slice(parsed.index + parsed.text.length)).trim();
  }
  if (label.includes('PLACE')) {
    const place = rest.replace(/^[,;\s]+|[,;.\s]+$/g, '');
    if (place) header.place = place;
  }
}

function join(previous: string | null, value: string): string {
  return previous ? `${previous} ${value}` : value;
}
