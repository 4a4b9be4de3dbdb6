/**
 * One `<div type="document">` → a Document record: title, type, date, time, place,
 * classification, participants, passages, redactions, mentions, links and page breaks.
 */
import {
  classificationFromMarkingLines,
  classificationFromSourceNote,
} from '../../extract/classification.js';
import {
  dateFromAttributes,
  dateFromMinMax,
  parsePrintedDate,
  parsePrintedTime,
  timeFromIso,
} from '../../extract/dates.js';
import { declassificationFrom } from '../../extract/declassification.js';
import { documentTypeFromTitle } from '../../extract/document-type.js';
import { placeBeforeDate, placeFromHead, placeFromTelegramHeader } from '../../extract/place.js';
import { findRedactions } from '../../extract/redactions.js';
import type { Classification, DateInterval, Document, Redaction } from '../../records/schema.js';
import { participantsOf, type PersonIndex } from './participants.js';
import { PassageWriter } from './passages.js';
import { descendants, elementsByName, firstChild, isNote, textOf, type XmlElement } from './xml-tree.js';

export interface VolumeContext {
  volumeId: string;
  sourcePath: string;
  persons: PersonIndex;
}

export interface CapturedDocument {
  element: XmlElement;
  pageBefore: string | null;
  contentHash: string;
}

const skipNotes = isNote;
/** The elements metadata is read from, found in one walk of the document. */
const INDEXED = new Set(['dateline', 'list', 'signed']);

/** "86. Transcript of …" → "Transcript of …". */
export function stripNumber(head: string): string {
  return head.replace(/^\s*\d+[A-Z]?\.\s*/, '').trim();
}

interface DateFacts {
  date: DateInterval | null;
  datePrinted: string | null;
  time: string | null;
  place: string | null;
}

function dateFacts(div: XmlElement, dateline: XmlElement | undefined, title: string): DateFacts {
  const facts: DateFacts = { date: null, datePrinted: null, time: null, place: null };
  const min = div.attrs['frus:doc-dateTime-min'];
  const max = div.attrs['frus:doc-dateTime-max'];
  if (min && max) facts.date = dateFromMinMax(min, max);
  let printedDateStart = -1;
  if (dateline) {
    const datelineText = textOf(dateline);
    const dateElement = descendants(dateline, 'date', skipNotes)[0];
    if (dateElement) {
      facts.datePrinted = textOf(dateElement) || null;
      facts.date ??= dateFromAttributes({
        when: dateElement.attrs['when'],
        from: dateElement.attrs['from'],
        to: dateElement.attrs['to'],
        notBefore: dateElement.attrs['notBefore'],
        notAfter: dateElement.attrs['notAfter'],
      });
      const when = dateElement.attrs['when'] ?? dateElement.attrs['from'] ?? dateElement.attrs['notBefore'];
      if (when) facts.time = timeFromIso(when);
      if (facts.datePrinted) printedDateStart = datelineText.indexOf(facts.datePrinted);
    }
    const printed = parsePrintedDate(datelineText);
    if (printed) {
      facts.date ??= printed.date;
      facts.datePrinted ??= printed.printed;
      if (printedDateStart < 0) printedDateStart = datelineText.indexOf(printed.printed);
    }
    if (!facts.time) {
      const timeElement = descendants(dateline, 'time', skipNotes)[0];
      const value = timeElement?.attrs['from'] ?? timeElement?.attrs['when'];
      if (value) facts.time = /^\d{2}:\d{2}/.test(value) ? value.slice(0, 5) : timeFromIso(value);
    }
    if (!facts.time) {
      const withoutDate = printed ? datelineText.replace(printed.printed, ' ') : datelineText;
      facts.time = parsePrintedTime(withoutDate);
    }
    // The words before the date, when they hold the tagged place: "Glassboro, <placeName>New Jersey</placeName>".
    const placeName = descendants(dateline, 'placeName', skipNotes)[0];
    const tagged = placeName ? textOf(placeName) : '';
    const before = printedDateStart > 0 ? placeBeforeDate(datelineText, printedDateStart) : null;
    facts.place = before && before.includes(tagged) ? before : tagged || null;
  }
  if (!facts.date || !facts.place) {
    // E-volume heads print "<type>, <place>, <date>, <time>".
    const printed = parsePrintedDate(title);
    if (printed) {
      const at = title.indexOf(printed.printed);
      facts.place ??= placeFromHead(title, at);
      if (!facts.date) {
        facts.date = printed.date;
        facts.datePrinted = printed.printed;
        facts.time ??= parsePrintedTime(title.slice(at + printed.printed.length));
      }
    }
  }
  return facts;
}

function subjectOf(lists: readonly XmlElement[]): string | null {
  const list = lists.find((candidate) => candidate.attrs['type'] === 'subject');
  if (!list) return null;
  const items = descendants(list, 'item').map((item) => textOf(item));
  return items.join(' ').trim() || null;
}

function classificationOf(sourceNotes: string[], bodyLines: string[]): Classification {
  for (const note of sourceNotes) {
    const found = classificationFromSourceNote(note);
    if (found.level) return found;
  }
  // A source note printed in the body, in brackets, for a record summarised rather than printed.
  for (const line of bodyLines) {
    if (/^\[?Source:/.test(line)) {
      const found = classificationFromSourceNote(line);
      if (found.level) return found;
    }
  }
  return classificationFromMarkingLines(bodyLines.slice(0, 20));
}

export function buildDocument(captured: CapturedDocument, volume: VolumeContext): Document {
  const div = captured.element;
  const localId = div.attrs['xml:id'] ?? `n${div.attrs['n'] ?? ''}`;
  const head = firstChild(div, 'head');
  const headText = head ? textOf(head) : '';
  const title = stripNumber(headText);
  const indexed = elementsByName(div, INDEXED);
  const lists = indexed.get('list')!;
  const dateline = indexed.get('dateline')![0];
  const subject = subjectOf(lists);
  const type = documentTypeFromTitle(title, subject);
  const facts = dateFacts(div, dateline, title);

  const writer = new PassageWriter(captured.pageBefore);
  writer.container(div);
  const { passages, mentions, links, pageBreaks, sourceNotes } = writer.finish(volume.volumeId);

  const bodyPassages = passages.filter(
    (passage) => passage.kind !== 'footnote' && passage.kind !== 'source-note',
  );
  const bodyLines = bodyPassages
    .filter((passage) => passage.kind === 'paragraph')
    .map((passage) => passage.text);
  if (!facts.place && type === 'cable') facts.place = placeFromTelegramHeader(bodyLines.slice(0, 40));

  const redactions: Redaction[] = [];
  for (const passage of bodyPassages) {
    for (const found of findRedactions(passage.text)) redactions.push({ ordinal: passage.ordinal, ...found });
  }
  const sourceNote = sourceNotes.length > 0 ? sourceNotes.join(' ') : null;
  const classification =
    type === 'editorial-note' ? EMPTY_CLASSIFICATION : classificationOf(sourceNotes, bodyLines);

  return {
    id: `${volume.volumeId}/${localId}`,
    collectionId: volume.volumeId,
    number: div.attrs['n'] ?? null,
    title,
    type,
    date: facts.date,
    datePrinted: facts.datePrinted,
    time: facts.time,
    place: facts.place,
    subject,
    classification,
    declassification: declassificationFrom([...sourceNotes, ...bodyLines.slice(0, 20)]),
    sourceNote,
    participants: participantsOf(
      { head, lists, signed: indexed.get('signed')!, bodyLines },
      type,
      volume.persons,
      facts.date?.start.slice(0, 10) ?? null,
    ),
    passages,
    redactions,
    mentions,
    links,
    pageBreaks,
    sourcePath: volume.sourcePath,
    contentHash: captured.contentHash,
    published: true,
  };
}

const EMPTY_CLASSIFICATION: Classification = { level: null, caveats: [], printed: null };
