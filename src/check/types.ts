/**
 * The shapes a claim check produces: claims taken from an article, the passages found for
 * them, the verdict with its citations, and the report around them.
 */
import type { DateMention, NumberMention } from './quantities.js';

export const VERDICTS = [
  'supported',
  'misattributed',
  'altered_quote',
  'contradicted',
  'not_in_record',
] as const;
export type VerdictLabel = (typeof VERDICTS)[number];

/** A person as the article writes them, with the key used to compare with the record. */
export interface PersonRef {
  /** "Foreign Secretary George Brown", "he" (then resolved). */
  written: string;
  /** Lower-case surname without accents ("brown", "gaulle"); null when the words name nobody. */
  surname: string | null;
  /** The title written with the name ("Foreign Secretary", "Ambassador"), if any. */
  title: string | null;
}

export interface PlaceMention {
  text: string;
  /** "event": where the claim says a meeting or statement happened; "content": a place talked about. */
  role: 'event' | 'content';
  /** An embassy, a department or a hotel: a building, which a city name cannot contradict. */
  venue: boolean;
}

export interface Claim {
  /** "c1", "c2" … in article order. */
  id: string;
  /** The clause checked, as written. */
  text: string;
  /** The article sentence it comes from, and that sentence's index. */
  sentence: string;
  sentenceIndex: number;
  /** Who the claim says spoke or acted. */
  actor: PersonRef | null;
  /** Others the claim names as acting with the actor ("Johnson and Kosygin held talks"). */
  coActors: PersonRef[];
  /** Whom the actor addressed ("told Nixon"), if the claim says. */
  addressee: PersonRef | null;
  /** A speaker inside the content ("… that Nixon had said …"), whose words the record may hold. */
  nestedSpeaker: PersonRef | null;
  /** The verb of saying or doing ("told", "warned", "held"), null when none was found. */
  verb: string | null;
  /** What was said or done: the clause after "that", or the whole event clause. */
  content: string;
  /** Spans in quotation marks, without the marks. */
  quotes: string[];
  numbers: NumberMention[];
  /** When the statement or event happened (from the framing: "In May 1965 de Gaulle told …"). */
  eventDate: DateMention | null;
  /** Dates inside the content ("… reexamined in 1969"). */
  contentDates: DateMention[];
  places: PlaceMention[];
  /** "since this meeting", "since then": figures counted from the date of the record. */
  anchoredToRecord: boolean;
}

export interface SkippedSentence {
  sentence: string;
  sentenceIndex: number;
  reason: string;
}

/** A sentence of a stored passage, with the speaker attribution gave it. */
export interface EvidenceSentence {
  documentId: string;
  documentTitle: string;
  documentDate: string | null;
  ordinal: number;
  /** `<doc>#p<ordinal>`. */
  link: string;
  passageKind: string;
  text: string;
  /** The passage the sentence comes from (what a citation points at). */
  passageText: string;
  speakerLabel: string | null;
  speakerName: string | null;
}

export interface Citation {
  documentId: string;
  link: string;
  /** The sentence quoted, exactly as stored. */
  quote: string;
  speaker: string | null;
  speakerLabel: string | null;
  documentTitle: string;
  documentDate: string | null;
  /** Why this passage is cited ("best match", "dateline", "closest wording"). */
  role: string;
}

export interface WordDiff {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface Verdict {
  verdict: VerdictLabel;
  /** 0–1: how sure the rules are. */
  confidence: number;
  /** One line a journalist can read. */
  reason: string;
  citations: Citation[];
  /** For altered quotes: claim words against the record's closest words. */
  diff?: WordDiff[];
  /** For reference-table checks: the computation, step by step. */
  computation?: string[];
  /** The reference table used, by file name ("nato_members"). */
  reference?: string;
}

export interface CheckedClaim {
  claim: Claim;
  result: Verdict;
}

export interface CheckReport {
  /** Where the article came from (a file name, "stdin", "request body"). */
  source: string;
  wasHtml: boolean;
  isEnglish: boolean;
  characters: number;
  sentences: number;
  claims: CheckedClaim[];
  skipped: SkippedSentence[];
  /** Check-worthy claims not checked because of the per-article cap. */
  notChecked: number;
  claimCap: number;
  /** The record date that "this meeting" and "since then" were read against, when one was used. */
  anchorDate: string | null;
  counts: Record<VerdictLabel, number>;
  notes: string[];
  tookMs: number;
}
