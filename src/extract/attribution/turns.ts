/**
 * Dialogue turns: a passage that opens with a speaker label and a colon — "The President: …",
 * "K: …", "Dr. Kissinger: …", "V. Pungan: …", "Amb. Bogdan: …".
 */

/** Header labels of a memorandum that are not speakers. */
const NOT_SPEAKERS =
  /^(?:participants?|subject|date|time|date and time|place|source|note|drafted|cleared|approved|copies|copy|distribution|attachment|enclosure|tab|summary|comment|comments|background|present|also present|others present|memorandum|memorandum for|from|to|via|ref|reference|info|action|classification|agenda|item|annex|appendix|result|results|conclusion|conclusions|question|answer|issue|issues|problem|recommendation|recommendations|purpose|points|topics|notes|ps|p\.s|encl|ministers present|staff)$/i;

export interface TurnLabel {
  label: string;
  /** Offset of the first character of the turn's words, after the label and colon. */
  textStart: number;
}

const LABEL = /^((?:[A-Z][\p{L}'’.-]*[.,]?\s?){1,4}?)\s?:\s+(?=\S)/u;

/** The speaker label a passage opens with, or null. */
export function turnLabel(text: string): TurnLabel | null {
  const match = LABEL.exec(text);
  if (!match) return null;
  const label = match[1]!.trim().replace(/[.,]$/, '');
  if (label.length > 40 || NOT_SPEAKERS.test(label)) return null;
  // Headings in capitals ("DATE AND TIME") are not speakers; initials ("K", "HAK") are.
  if (/^[A-Z\s]+$/.test(label) && label.length > 4 && !/^[A-Z]+$/.test(label)) return null;
  return { label, textStart: match[0].length };
}
