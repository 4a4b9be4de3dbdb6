/**
 * A passage's rarer fields (footnote number, anchor, speaker spans) as the `passages.meta`
 * column holds them. Most attributed sentences are narration, so a span is written as an
 * array, `[start, end]` for narration and `[start, end, label, personId, personName]` for a
 * speaker, and absent fields are left out: a third of the size of plain objects. Rows written
 * before this encoding (`{"noteNumber":…,"anchor":…,"speakers":[{…}]}`) are still read.
 */
import type { Passage, SpeakerSpan } from '../../records/schema.js';

export interface PassageMeta {
  noteNumber: string | null;
  anchor: Passage['anchor'];
  speakers: SpeakerSpan[];
}

type CompactSpan = [number, number] | [number, number, string | null, string | null, string | null];

interface CompactMeta {
  n?: string;
  a?: [number, number];
  s?: CompactSpan[];
}

const EMPTY: PassageMeta = { noteNumber: null, anchor: null, speakers: [] };

/** The column value for a passage; null when it has none of the fields. */
export function encodePassageMeta(passage: PassageMeta): string | null {
  if (passage.noteNumber === null && passage.anchor === null && passage.speakers.length === 0) return null;
  const meta: CompactMeta = {};
  if (passage.noteNumber !== null) meta.n = passage.noteNumber;
  if (passage.anchor !== null) meta.a = [passage.anchor.ordinal, passage.anchor.offset];
  if (passage.speakers.length > 0) meta.s = passage.speakers.map(compactSpan);
  return JSON.stringify(meta);
}

export function decodePassageMeta(column: string | null): PassageMeta {
  if (column === null) return EMPTY;
  const parsed = JSON.parse(column) as CompactMeta | PassageMeta;
  if ('speakers' in parsed) return parsed;
  return {
    noteNumber: parsed.n ?? null,
    anchor: parsed.a ? { ordinal: parsed.a[0], offset: parsed.a[1] } : null,
    speakers: (parsed.s ?? []).map(fullSpan),
  };
}

function compactSpan(span: SpeakerSpan): CompactSpan {
  if (span.label === null && span.personId === null && span.personName === null)
    return [span.start, span.end];
  return [span.start, span.end, span.label, span.personId, span.personName];
}

function fullSpan(span: CompactSpan): SpeakerSpan {
  return {
    start: span[0],
    end: span[1],
    label: span[2] ?? null,
    personId: span[3] ?? null,
    personName: span[4] ?? null,
  };
}
