/**
 * Speaker attribution: every sentence of a conversation record's paragraphs and turns gets a
 * speaker span — the person whose words or views the sentence reports — or a narration span
 * (label and person null) for the note-taker's own account and editorial brackets.
 *
 * Conventions (those of the evaluation set): reported speech belongs to the person reported,
 * even inside another's turn ("Dobrynin: The Chairman thinks …" is Khrushchev's view); a quotation
 * inside reported speech stays with the reporting sentence's speaker; a sentence with no frame
 * continues the last speaker of its paragraph, or of its turn.
 */
import type { Document, Mention, Passage, Person, SpeakerSpan } from '../../records/schema.js';
import { sentenceSpans } from '../sentences.js';
import { DocumentCast, titleOnly, type Speaker } from './cast.js';
import { findFrames, isEditorialAside, isNarratedAction, type Frame } from './frames.js';
import { turnLabel } from './turns.js';

export interface AttributionOptions {
  /** Attribute every document, not only conversation records (memcons, telcons, minutes, dialogues). */
  allDocuments?: boolean;
}

const CONVERSATION_TYPES = new Set(['memcon', 'telcon', 'minutes']);
const ATTRIBUTED_KINDS = new Set(['paragraph', 'turn', 'list-item']);

interface Said {
  speaker: Speaker;
  label: string;
  /** True when the speaker is the memorandum's "I". */
  firstPerson: boolean;
  /** For words reported inside another's report: who reported them. */
  teller?: Said | null;
}

/** Does the document record a conversation whose sentences should be attributed? */
export function isConversationRecord(doc: Document): boolean {
  if (CONVERSATION_TYPES.has(doc.type) || /\bconversation\b/i.test(doc.title)) return true;
  // Two labelled turns decide it: the rest of the document need not be read.
  let turns = 0;
  for (const passage of doc.passages)
    if (ATTRIBUTED_KINDS.has(passage.kind) && turnLabel(passage.text) && ++turns >= 2) return true;
  return false;
}

export function attributeDocument(
  doc: Document,
  persons: readonly Person[],
  options: AttributionOptions = {},
): Document {
  if (!options.allDocuments && !isConversationRecord(doc)) return doc;
  const attributor = new Attributor(doc, persons);
  return { ...doc, passages: doc.passages.map((passage) => attributor.passage(passage)) };
}

class Attributor {
  private readonly cast: DocumentCast;
  /** The speaker of the current turn (carried into unlabelled paragraphs that continue it). */
  private turn: Said | null = null;
  private inDialogue = false;
  /** The last person reported in the third person: what "he" refers to. */
  private lastThirdParty: Said | null = null;
  /** The last person named or titled in the text (for "he" inside someone's turn). */
  private lastMentioned: Said | null = null;
  private bodyStarted = false;
  /** The document's mentions by passage ordinal, in document order (looked up for every sentence). */
  private readonly mentionsByPassage = new Map<number, Mention[]>();

  constructor(doc: Document, persons: readonly Person[]) {
    this.cast = new DocumentCast(doc, persons);
    for (const mention of doc.mentions) {
      const list = this.mentionsByPassage.get(mention.ordinal);
      if (list) list.push(mention);
      else this.mentionsByPassage.set(mention.ordinal, [mention]);
    }
  }

  passage(passage: Passage): Passage {
    if (!ATTRIBUTED_KINDS.has(passage.kind)) return passage;
    const text = passage.text;
    const label = turnLabel(text);
    const turnSpeaker = label ? this.cast.resolve(label.label) : null;
    if (label && turnSpeaker) {
      this.turn = { speaker: turnSpeaker, label: label.label, firstPerson: false };
      this.inDialogue = true;
      this.bodyStarted = true;
    } else if (isHeaderLine(text)) {
      return { ...passage, speakers: sentenceSpans(text).map((span) => narration(span)) };
    } else if (this.inDialogue && isEditorialAside(text)) {
      return { ...passage, speakers: sentenceSpans(text).map((span) => narration(span)) };
    }
    const dialogueTurn = label && turnSpeaker ? this.turn : this.inDialogue ? this.turn : null;
    const startAt = label && turnSpeaker ? label.textStart : 0;
    const speakers: SpeakerSpan[] = [];
    let paragraphSpeaker: Said | null = null;
    for (const span of withAsidesApart(text, sentenceSpans(text), this.inDialogue)) {
      // The label is part of the first sentence's span but not of the words analysed.
      const start = span.start;
      const sentence = text.slice(Math.max(span.start, startAt), span.end);
      let said: Said | null;
      if (dialogueTurn) said = this.inTurn(sentence, dialogueTurn);
      else ({ said, carry: paragraphSpeaker } = this.inNarration(sentence, paragraphSpeaker));
      this.noteMentions(passage, span.start, span.end, dialogueTurn);
      speakers.push(said ? spanOf(start, span.end, said) : narration({ start, end: span.end }));
    }
    return { ...passage, speakers };
  }

  /** A sentence of someone's turn: theirs, unless it reports a third person's words. */
  private inTurn(sentence: string, turn: Said): Said | null {
    if (isEditorialAside(sentence)) return null;
    for (const frame of findFrames(sentence)) {
      if (/^(?:I|[Ww]e)$/.test(frame.subject)) return turn;
      const reported = this.frameSpeaker(frame, this.lastMentioned, turn);
      if (reported && reported.speaker.personName !== turn.speaker.personName) {
        this.lastMentioned = reported;
        return reported;
      }
    }
    return turn;
  }

  /**
   * A sentence of the note-taker's prose: a frame's subject, the paragraph's speaker carried on,
   * or nobody; and the speaker the paragraph carries on to its next sentence (none after a
   * narrated action such as "Gromyko came in.").
   */
  private inNarration(sentence: string, carried: Said | null): { said: Said | null; carry: Said | null } {
    if (isEditorialAside(sentence)) return { said: null, carry: isNarratedAction(sentence) ? null : carried };
    for (const frame of findFrames(sentence)) {
      if (/^[Ww]e$/.test(frame.subject)) continue;
      const said = this.frameSpeaker(frame, this.lastThirdParty, null);
      if (!said) continue;
      const teller = said.teller === undefined ? said : said.teller;
      if (teller && !teller.firstPerson) this.lastThirdParty = teller;
      this.bodyStarted = true;
      return { said, carry: said };
    }
    if (isNarratedAction(sentence)) return { said: null, carry: null };
    return { said: carried, carry: carried };
  }

  /** Whose words a frame reports: its inner subject if it names one, else its subject. */
  private frameSpeaker(frame: Frame, antecedent: Said | null, turn: Said | null): Said | null {
    const outer = this.subjectSpeaker(frame, antecedent, turn);
    if (frame.inner) {
      const inner = this.namedPerson(frame.inner);
      // "He said that Gromyko had said …": Gromyko's words, but a later "he" is still the teller.
      if (inner) return { speaker: inner, label: frame.inner, firstPerson: false, teller: outer };
    }
    return outer;
  }

  private subjectSpeaker(frame: Frame, antecedent: Said | null, turn: Said | null): Said | null {
    const subject = frame.subject;
    if (subject === 'I') {
      if (turn) return turn;
      const author = this.cast.author();
      return author ? { speaker: author, label: 'I', firstPerson: true } : null;
    }
    if (/^(?:[Hh]e|[Ss]he)$/.test(subject)) {
      const named = this.nameIn(frame.before);
      if (named) return { ...named, label: subject };
      // With no one reported yet, "he" is the person the text last named (not the writer).
      const fallback =
        this.lastMentioned && this.lastMentioned.speaker.personName !== this.cast.author()?.personName
          ? this.lastMentioned
          : null;
      const referent = antecedent ?? fallback ?? this.soleOtherParticipant();
      return referent ? { ...referent, label: subject, firstPerson: false } : null;
    }
    const speaker = this.namedPerson(subject);
    return speaker ? { speaker, label: subject, firstPerson: false } : null;
  }

  /**
   * The person a subject names. A name the persons list lacks counts only with a title
   * ("Mr. Nowlan") or as a participant, so places and bodies ("Hanoi told them") do not speak.
   */
  private namedPerson(subject: string): Speaker | null {
    const speaker = this.cast.resolve(subject);
    if (!speaker) return null;
    if (
      speaker.personId === null &&
      !titleOnly(subject) &&
      !/^(?:Mr|Mrs|Ms|Dr|M\.|Mme|Sir|Ambassador|Amb|Herr|Minister|General|Senator|Governor)\b/.test(
        subject,
      ) &&
      !this.isParticipantName(speaker)
    )
      return null;
    return speaker;
  }

  /** In a two-person memorandum, the one who is not the writer. */
  private soleOtherParticipant(): Said | null {
    const author = this.cast.author();
    const others = this.cast
      .participants()
      .filter((participant) => participant.personName !== author?.personName);
    return others.length === 1 ? { speaker: others[0]!, label: 'he', firstPerson: false } : null;
  }

  private isParticipantName(speaker: Speaker): boolean {
    return this.cast.participants().some((participant) => participant.personName === speaker.personName);
  }

  /** The last person named in an introductory clause ("When Dobrynin called, he asked …"). */
  private nameIn(text: string): Said | null {
    const names = [...text.matchAll(/\b(?:[Tt]he\s+)?\p{Lu}[\p{L}'’-]+/gu)];
    for (const match of names.reverse()) {
      const word = match[0];
      if (/^(?:When|After|Before|If|As|Since|Although|Though|While|On|In|At|During|The|And|But)$/.test(word))
        continue;
      const speaker = this.cast.resolve(word);
      if (speaker && speaker.personId) return { speaker, label: word, firstPerson: false };
    }
    return null;
  }

  /** Track who the text last named, for a "he" in a later turn. */
  private noteMentions(passage: Passage, start: number, end: number, turn: Said | null): void {
    const last = lastMentionIn(this.mentionsByPassage.get(passage.ordinal), start, end);
    const text = passage.text.slice(start, end);
    const title = [
      ...text.matchAll(
        /(?<!Mr\.\s|Madam\s)\b[Tt]he (Chairman|Premier|President|Secretary|Ambassador|Foreign Minister|Prime Minister|Chancellor)\b/g,
      ),
    ].at(-1);
    let mentioned: Said | null = null;
    if (title && (!last || title.index > last.start - start)) {
      const speaker = this.cast.resolveTitle(title[1]!);
      if (speaker) mentioned = { speaker, label: title[0], firstPerson: false };
    } else if (last) {
      const speaker = this.cast.byId(last.personId);
      if (speaker) mentioned = { speaker, label: last.text, firstPerson: false };
    }
    if (mentioned && (!turn || mentioned.speaker.personName !== turn.speaker.personName))
      this.lastMentioned = mentioned;
  }
}

/** The last of a passage's mentions (in document order) that starts inside [start, end). */
function lastMentionIn(mentions: Mention[] | undefined, start: number, end: number): Mention | undefined {
  if (!mentions) return undefined;
  for (let index = mentions.length - 1; index >= 0; index--) {
    const mention = mentions[index]!;
    if (mention.start >= start && mention.start < end) return mention;
  }
  return undefined;
}

/** Memorandum furniture before the conversation: "MEMORANDUM OF CONVERSATION", "PLACE: …", "SUBJECT". */
function isHeaderLine(text: string): boolean {
  const trimmed = text.trim();
  if (/^(?:PARTICIPANTS?|SUBJECT|DATE|TIME|PLACE|Participants?|Subject|Date|Time|Place)\b/.test(trimmed))
    return true;
  return trimmed.length < 60 && !/[a-z]/.test(trimmed);
}

function narration(span: { start: number; end: number }): SpeakerSpan {
  return { start: span.start, end: span.end, label: null, personId: null, personName: null };
}

function spanOf(start: number, end: number, said: Said): SpeakerSpan {
  return {
    start,
    end,
    label: said.label,
    personId: said.speaker.personId,
    personName: said.speaker.personName,
  };
}

/**
 * Editorial brackets ("[reach them—I couldn't understand …]") and, in transcripts, the
 * transcriber's parentheses ("(Rogers was at a post-wedding dinner)") are set apart from the
 * sentence around them, so that they can be narration while the words around them are speech.
 */
function withAsidesApart(
  text: string,
  spans: { start: number; end: number }[],
  transcript: boolean,
): { start: number; end: number }[] {
  const aside = transcript ? /\[[^\]]{12,}\]|\([^)]*\s[^)]*\s[^)]*\s[^)]*\)/g : /\[[^\]]{12,}\]/g;
  const out: { start: number; end: number }[] = [];
  for (const span of spans) {
    let cursor = span.start;
    for (const match of text.slice(span.start, span.end).matchAll(aside)) {
      const from = span.start + match.index;
      const to = from + match[0].length;
      if (from === span.start && to >= span.end - 1) break;
      if (from > cursor && text.slice(cursor, from).trim() !== '') out.push({ start: cursor, end: from });
      out.push({ start: from, end: to });
      cursor = to;
    }
    if (cursor < span.end && text.slice(cursor, span.end).trim() !== '')
      out.push({ start: cursor, end: span.end });
  }
  return out;
}
