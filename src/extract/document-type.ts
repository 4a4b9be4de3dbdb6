/**
 * The kind of record, read from the title FRUS prints over it ("Telegram From the Embassy in
 * France to the Department of State", "Memorandum of Conversation", "Editorial Note" …).
 */
import type { DocumentType } from '../records/schema.js';

/** Ordered: the first rule whose pattern matches the start of the title wins. */
const TITLE_RULES: readonly [RegExp, DocumentType][] = [
  [/^editorial note\b/i, 'editorial-note'],
  // Telephone calls, however the record is titled.
  [
    /^(?:draft )?(?:memorandum|transcript|record|notes?|summary)\b[^,]*\btelephone (?:conversation|call)s?\b/i,
    'telcon',
  ],
  [/^(?:telephone conversation|telcon)\b/i, 'telcon'],
  [/^(?:draft )?(?:memorandum|record) of (?:a |the )?conversations?\b/i, 'memcon'],
  [/^(?:draft )?memcon\b/i, 'memcon'],
  // Records of meetings not titled as conversations.
  [/^(?:draft |verbatim |summary )*minutes\b/i, 'minutes'],
  [/^memorandum of (?:a |the )?(?:discussion|conference|meeting)\b/i, 'minutes'],
  [/^(?:draft )?(?:summary )?record of (?:a |the )?(?:meeting|discussion|conference|session)\b/i, 'minutes'],
  [/^(?:u\.s\. )?delegation record\b/i, 'minutes'],
  [/^(?:summary |draft )*(?:notes (?:of|on|from)|record of) /i, 'minutes'],
  [/\bchiefs of mission (?:meeting|conference)\b/i, 'minutes'],
  // Telegrams and their kin.
  [/^(?:circular |backchannel )?(?:telegram|cable|airgram|despatch|instruction)\b/i, 'cable'],
  // Intelligence products and studies.
  [/^(?:special )?national intelligence estimate\b/i, 'report'],
  [/^(?:intelligence|research) (?:memorandum|note|report|information)\b/i, 'report'],
  [/^(?:current )?intelligence\b/i, 'report'],
  [/^(?:special |final |draft )?(?:report|study|estimate|weekly summary)\b/i, 'report'],
  [/^national security council report\b/i, 'report'],
  [/^backchannel message\b/i, 'cable'],
  [/^contingency study\b/i, 'report'],
  [/^(?:letter|note|aide-m[ée]moire)\b/i, 'letter'],
  [/^message\b/i, 'letter'],
  [/^(?:\w+ )?(?:memorandum|paper|talking points|briefing|scope paper)\b/i, 'memo'],
  [/^national security (?:study|decision|action|council) (?:memorandum|directive|paper)\b/i, 'memo'],
  [/^(?:\w+ )*(?:paper|memorandum)\b/i, 'memo'],
];

/** A memorandum for the record whose subject names the meeting it minutes. */
const MINUTES_SUBJECT = /^(?:minutes|summary of|record of)\b.*\b(?:meeting|session)\b/i;

/**
 * The document type from the printed title (without its number), with the subject line as a
 * tie-breaker for records titled as memoranda that are in fact meeting minutes.
 */
export function documentTypeFromTitle(title: string, subject: string | null = null): DocumentType {
  const text = title.replace(/^\s*\d+[A-Z]?\.\s*/, '').trim();
  let type: DocumentType = 'other';
  for (const [pattern, candidate] of TITLE_RULES) {
    if (pattern.test(text)) {
      type = candidate;
      break;
    }
  }
  if (
    type === 'memo' &&
    /^memorandum for the record\b/i.test(text) &&
    subject &&
    MINUTES_SUBJECT.test(subject)
  ) {
    return 'minutes';
  }
  return type;
}
