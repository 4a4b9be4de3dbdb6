/**
 * The records model: collection → document → passage, with persons, redactions and the
 * facts extracted from a declassified record. Every type here has a runtime schema so that
 * what comes out of a reader, a database row or an HTTP body can be checked at the boundary.
 */
import { z } from 'zod';

export const DOCUMENT_TYPES = [
  'memcon',
  'telcon',
  'cable',
  'memo',
  'letter',
  'minutes',
  'report',
  'editorial-note',
  'other',
] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

export const CLASSIFICATION_LEVELS = [
  'TOP SECRET',
  'SECRET',
  'CONFIDENTIAL',
  'LIMITED OFFICIAL USE',
  'OFFICIAL USE ONLY',
  'UNCLASSIFIED',
  /** The source note says "No classification marking": a fact, not a gap. */
  'NONE',
] as const;
export const ClassificationLevel = z.enum(CLASSIFICATION_LEVELS);
export type ClassificationLevel = z.infer<typeof ClassificationLevel>;

export const Classification = z.object({
  /** null when the record says nothing about its classification (e.g. an editorial note). */
  level: ClassificationLevel.nullable(),
  /** Handling caveats, upper-case as printed: NODIS, EXDIS, EYES ONLY, SENSITIVE … */
  caveats: z.array(z.string()),
  /** The words the level and caveats were read from. */
  printed: z.string().nullable(),
});
export type Classification = z.infer<typeof Classification>;

export const DatePrecision = z.enum(['time', 'day', 'month', 'year', 'range']);
export type DatePrecision = z.infer<typeof DatePrecision>;

/** A date as an interval: FRUS gives doc-dateTime-min/max; a printed "June 1967" spans the month. */
export const DateInterval = z.object({
  /** ISO date (YYYY-MM-DD) or date-time of the earliest moment the document can date from. */
  start: z.string(),
  /** ISO date or date-time of the latest moment. Equal to start for an exact date. */
  end: z.string(),
  precision: DatePrecision,
});
export type DateInterval = z.infer<typeof DateInterval>;

export const Participant = z.object({
  /** The name as resolved ("Kissinger, Henry A." when the persons list knows the person). */
  name: z.string(),
  /** Person id within the collection (`p_KHA1`), null when the person is not in the persons list. */
  personId: z.string().nullable(),
  /** Role in the document: present at a meeting, party to a call, sender or addressee. */
  role: z.enum(['participant', 'party', 'sender', 'addressee']),
  /** The description printed next to the name ("Counselor, Soviet Embassy"), if any. */
  description: z.string().nullable(),
  /** The words as printed in the record. */
  label: z.string(),
});
export type Participant = z.infer<typeof Participant>;

export const PASSAGE_KINDS = [
  'heading',
  'dateline',
  'participants',
  'paragraph',
  'turn',
  'list-item',
  'closer',
  'footnote',
  'source-note',
] as const;
export const PassageKind = z.enum(PASSAGE_KINDS);
export type PassageKind = z.infer<typeof PassageKind>;

/** A span of a passage's text attributed to a speaker (or to nobody: narration). */
export const SpeakerSpan = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The label as written ("The President", "K", "Gromyko"); null for narration. */
  label: z.string().nullable(),
  /** The resolved person id within the collection, null when unresolved or narration. */
  personId: z.string().nullable(),
  /** The resolved person's display name, null when unresolved or narration. */
  personName: z.string().nullable(),
});
export type SpeakerSpan = z.infer<typeof SpeakerSpan>;

export const Passage = z.object({
  /** 1-based, stable for the same source text: the passage link is `/d/<doc>#p<ordinal>`. */
  ordinal: z.number().int().positive(),
  kind: PassageKind,
  text: z.string(),
  /** Footnote number as printed, for footnotes and source notes. */
  noteNumber: z.string().nullable().default(null),
  /** For footnotes: the ordinal of the passage holding the anchor and the character offset in it. */
  anchor: z
    .object({ ordinal: z.number().int().positive(), offset: z.number().int().nonnegative() })
    .nullable()
    .default(null),
  /** The printed page this passage starts on, when the source marks pages. */
  page: z.string().nullable().default(null),
  /** Who says this passage: one span per sentence, filled by speaker attribution. */
  speakers: z.array(SpeakerSpan).default([]),
});
export type Passage = z.infer<typeof Passage>;

export const REDACTION_UNITS = [
  'line',
  'name',
  'word',
  'text',
  'paragraph',
  'page',
  'sentence',
  'document',
  'other',
] as const;
export const Redaction = z.object({
  ordinal: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The marker as printed, e.g. "[1-1/2 lines not declassified]". */
  marker: z.string(),
  unit: z.enum(REDACTION_UNITS),
  /** How many units (1.5 for "1-1/2 lines"); null when the marker gives no number. */
  amount: z.number().nullable(),
  /** FOIA exemption codes given with the marker: (b)(1), (b)(3), 25X1 … */
  exemptions: z.array(z.string()),
});
export type Redaction = z.infer<typeof Redaction>;

/** A character span in a passage that refers to something: a person or another document. */
export const Mention = z.object({
  ordinal: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  personId: z.string(),
  text: z.string(),
});
export type Mention = z.infer<typeof Mention>;

export const CrossReference = z.object({
  ordinal: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The target as encoded, e.g. "frus1964-68v14#d335" or "#d3", normalised to a document id when possible. */
  target: z.string(),
  text: z.string(),
});
export type CrossReference = z.infer<typeof CrossReference>;

export const PageBreak = z.object({
  page: z.string(),
  ordinal: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
});
export type PageBreak = z.infer<typeof PageBreak>;

export const Declassification = z.object({
  authority: z.string().nullable(),
  date: z.string().nullable(),
  caseNumber: z.string().nullable(),
  printed: z.string().nullable(),
});
export type Declassification = z.infer<typeof Declassification>;

export const Document = z.object({
  /** `<collection-id>/<local id>`, e.g. `frus1969-76v12/d86`. */
  id: z.string().min(1),
  collectionId: z.string().min(1),
  /** The number printed in the collection ("86"), null when none. */
  number: z.string().nullable(),
  title: z.string(),
  type: DocumentType,
  date: DateInterval.nullable(),
  /** The date as printed in the dateline. */
  datePrinted: z.string().nullable(),
  /** HH:MM, with a Z suffix for GMT telegram times; the start of a range. */
  time: z.string().nullable(),
  place: z.string().nullable(),
  subject: z.string().nullable(),
  classification: Classification,
  declassification: Declassification.nullable(),
  sourceNote: z.string().nullable(),
  participants: z.array(Participant),
  passages: z.array(Passage),
  redactions: z.array(Redaction),
  mentions: z.array(Mention),
  links: z.array(CrossReference),
  pageBreaks: z.array(PageBreak),
  /** The file the document was read from, and the sha256 of the document's own source. */
  sourcePath: z.string(),
  contentHash: z.string(),
  published: z.boolean().default(true),
});
export type Document = z.infer<typeof Document>;

export const Person = z.object({
  /** Collection-scoped id: `<collection-id>/<local id>`, e.g. `frus1969-76v12/p_KHA1`. */
  id: z.string(),
  collectionId: z.string(),
  /** The id as the collection writes it (`p_KHA1`). */
  localId: z.string(),
  /** "Kissinger, Henry A." */
  name: z.string(),
  description: z.string().nullable(),
  /** The canonical person this entry is merged into across collections. */
  canonicalId: z.string().nullable().default(null),
});
export type Person = z.infer<typeof Person>;

export const Collection = z.object({
  id: z.string().min(1),
  title: z.string(),
  series: z.string().nullable(),
  subseries: z.string().nullable(),
  volumeNumber: z.string().nullable(),
  volumeTitle: z.string().nullable(),
  editors: z.array(z.string()),
  publishedYear: z.string().nullable(),
  publisher: z.string().nullable(),
  /** Reader that produced it: frus-tei, text, pdf, ocr, html, email. */
  format: z.string(),
  sourcePath: z.string(),
  published: z.boolean().default(true),
});
export type Collection = z.infer<typeof Collection>;
