/**
 * Speech frames: the words in a sentence that say whose words or views it reports —
 * "Gromyko said that …", "The Secretary replied …", "He added …", "In reply, Dobrynin …",
 * "… , Petric observed.", "According to X, …" — and, inside a frame, a second one that hands
 * the words to someone else ("K told him D had said …" reports D's words).
 */
import { MODIFIER, SPEECH_VERB, ACTION_VERB } from './speech-verbs.js';
import { TITLE_WORDS } from './cast.js';

export interface Frame {
  /** The subject as written: "Gromyko", "The Secretary", "He", "K", "I". */
  subject: string;
  /** Text before the subject in the sentence (an introductory clause may name a pronoun's antecedent). */
  before: string;
  kind: 'lead' | 'postposed' | 'according';
  /** "K told him D had said …": the subject whose words are reported inside this frame. */
  inner: string | null;
}

const NATIONALITY =
  '(?:Soviet|British|French|German|West German|U\\.S\\.|American|Romanian|Yugoslav|Canadian|Polish|Italian)';
const TITLES = [...TITLE_WORDS].sort((a, b) => b.length - a.length).join('|');
const HONORIFIC =
  '(?:(?:Mr|Mrs|Ms|Dr|Or|M|Mme|Sir|Lord|Amb|Ambassador|Secretary|Chairman|President|Premier|Chancellor|Minister|' +
  'Foreign Minister|Prime Minister|Foreign Secretary|Under Secretary|Deputy Secretary|Assistant Secretary|General|' +
  'Gen|Admiral|Adm|Senator|Governor|Counselor|Herr|Judge|Professor|Dr,)\\.?\\s+)';
const NAME = `(?:${HONORIFIC}*(?:(?:[A-Z]\\.\\s*)+)?(?:de\\s+|van\\s+|von\\s+)?\\p{Lu}[\\p{L}'’\\-]+(?:\\s+\\p{Lu}[\\p{L}'’\\-]+){0,2})`;
const TITLE_SUBJECT = `(?:[Tt]he\\s+(?:${NATIONALITY}\\s+)?(?:${TITLES}))`;
const NAMED_SUBJECT = `(?:${TITLE_SUBJECT}|${NAME}|\\p{Lu}{1,3})`;
const SUBJECT = `(?:${NAMED_SUBJECT}|[Hh]e|[Ss]he|I|[Ww]e)`;

/** Openings that may come before the subject: "In reply,", "When Dobrynin called,", "And". */
const INTRO = new RegExp(
  '^(?:(?:And|But|However|Then|Finally|Thus|So|Also|Moreover|Furthermore|Again|Yet|Still|Now|Well|Lastly|' +
    'Subsequently|Later|Meanwhile|Nonetheless|Nevertheless|Specifically|Similarly|Personally|Frankly|Accordingly|' +
    'In reply|In response|In turn|Replying|Responding|At this point|At the outset|At this juncture|In conclusion|' +
    'In addition|In this connection|In any case|In short|In sum|Of course|On the other hand|First|Second|Third|' +
    'Secondly|Thirdly|Further)\\b,?\\s+' +
    '|(?:When|After|Before|If|As|Since|Although|Though|While|Turning to|With regard to|With respect to|Regarding|' +
    'As to|As for|On|In|At|During|Referring to|Speaking of|Commenting on|Asked about|In answer to|In reply to|' +
    'In response to|Following|Noting|Returning to)\\b[^,;]{0,100},\\s+)',
  'u',
);

const LEAD = new RegExp(
  `^(${SUBJECT})(?:\\s*,\\s*[^,]{1,90}?,)?\\s+(?:${MODIFIER}\\s+){0,4}` +
    `(?:\\p{Ll}+(?:\\s+\\p{Ll}+){0,5},?\\s+(?:and|to)\\s+|\\p{Ll}+,\\s+)?(${SPEECH_VERB})\\b`,
  'u',
);
const POSTPOSED = new RegExp(
  `(?:[,—–]|\\s-)[”"’]?\\s*(${SUBJECT})\\s+(?:(?:then|also|further|again|had)\\s+){0,2}(${SPEECH_VERB})\\s*(?=[,.;:!?—–]|\\s-|$)`,
  'u',
);
const ACCORDING = new RegExp(`\\b[Aa]ccording to (${NAMED_SUBJECT})`, 'u');
const INNER = new RegExp(
  `^\\s+(?:(?:him|her|me|us|them|${NAMED_SUBJECT})\\s+)?(?:that\\s+)?(${NAMED_SUBJECT})\\s+(?:(?:had|has|also|then)\\s+)?` +
    '(?:said|told|asked|stated|mentioned|indicated|reported|informed|suggested|proposed|replied|remarked|emphasized|stressed|noted|added)\\b',
  'u',
);

/** "agreed to a brief appointment", "asked Sir Roger to call on him": arrangements, not words. */
const NOT_SPEECH_AFTER =
  /^\s+(?:to\s+(?:a|an|the|his|her|meet|see|come|call|receive)\b|\p{Lu}[\p{L}. ]{0,40}?\s+to\s+(?:call|come|see|meet|join|wait|visit)\b)/u;

export function stripIntro(sentence: string): { intro: string; rest: string } {
  let intro = '';
  // Paragraph numbers ("5. ", "(a) ") and log times ("11:55—") are not part of the sentence.
  let rest = sentence
    .replace(/^(?:\(?\d{1,2}[.)]|\([a-z]\))\s+/, '')
    .replace(/^\d{1,2}:\d{2}\s*(?:[ap]\.\s?m\.)?\s*[—–-]\s*/, '')
    .replace(/^[“"‘(]+/, '');
  for (let guard = 0; guard < 3; guard++) {
    const match = INTRO.exec(rest);
    if (!match) break;
    intro += match[0];
    rest = rest.slice(match[0].length);
  }
  return { intro, rest };
}

/** The frames of a sentence, most telling first (lead, then postposed, then "according to"). */
export function findFrames(sentence: string): Frame[] {
  const frames: Frame[] = [];
  const { intro, rest } = stripIntro(sentence);
  const lead = LEAD.exec(rest);
  if (lead && !NOT_SPEECH_AFTER.test(rest.slice(lead.index + lead[0].length))) {
    const after = rest.slice(lead.index + lead[0].length);
    frames.push({ subject: lead[1]!, before: intro, kind: 'lead', inner: INNER.exec(after)?.[1] ?? null });
  }
  const post = POSTPOSED.exec(sentence);
  if (post)
    frames.push({ subject: post[1]!, before: sentence.slice(0, post.index), kind: 'postposed', inner: null });
  const according = ACCORDING.exec(sentence);
  if (according) frames.push({ subject: according[1]!, before: '', kind: 'according', inner: null });
  return frames;
}

const ACTION = new RegExp(
  `^(?:${SUBJECT}|[Tt]he (?:meeting|conversation|discussion|talk|call|luncheon|dinner|group)|Our (?:meeting|conversation)|` +
    `${NAME}(?:\\s+and\\s+${SUBJECT})+)` +
    `(?:\\s*,[^,]{1,120},)?\\s+(?:${MODIFIER}\\s+){0,3}${ACTION_VERB}\\b`,
  'u',
);

/** A speech verb anywhere in a sentence (compiled once: it is a long alternation). */
const ANY_SPEECH_VERB = new RegExp(`\\b${SPEECH_VERB}\\b`, 'u');

/** A sentence that tells what people did (came, called, joined, had dinner), with no speech verb. */
export function isNarratedAction(sentence: string): boolean {
  const { rest } = stripIntro(sentence);
  return ACTION.test(rest) && !ANY_SPEECH_VERB.test(rest.replace(/\bread\b/g, ''));
}

/** Editorial brackets and the transcriber's parentheses: "[Omitted here …]", "(Three new SS–9s were mentioned)". */
export function isEditorialAside(sentence: string): boolean {
  const trimmed = sentence.trim();
  return /^\[[^\]]*\][.]?$/.test(trimmed) || /^\([^)]*\)[.]?$/.test(trimmed) || /^\[/.test(trimmed);
}
