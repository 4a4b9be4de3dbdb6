/**
 * Where a record was written, when the dateline does not tag it: the text before the date in a
 * dateline ("Paris, June 10, 1955—2 p.m."), the place in a head ("Memorandum of Conversation,
 * Bucharest, November 3, 1974"), or a telegram's own header ("FM AMEMBASSY WARSAW").
 */

/** Capitalised words, a comma and a state or country at most: "Glassboro, New Jersey". */
const PLACE_LIKE =
  /^[A-Z][\p{L}.'’-]*(?:\s+(?:[A-Z][\p{L}.'’-]*|de|la|du|am|on|upon|sur))*(?:,\s+[A-Z][\p{L}.'’-]*(?:\s+[A-Z][\p{L}.'’-]*)?)?$/u;

export function looksLikePlace(text: string): boolean {
  return (
    text.length > 1 && text.length < 50 && PLACE_LIKE.test(text) && !/^(?:Undated|Date|Time)\b/i.test(text)
  );
}

/** The place printed before a date: "Paris, June 10, 1955" → "Paris". `dateStart` is where the date begins. */
export function placeBeforeDate(text: string, dateStart: number): string | null {
  const before = text
    .slice(0, dateStart)
    .replace(/[\s,.;:—–-]+$/, '')
    .trim();
  if (!before) return null;
  return looksLikePlace(before) ? before : null;
}

/**
 * The place in a head that prints "<type>, <place>, <date>": the segment just before the date.
 * "Memorandum of a Conversation, Department of State, Washington, June 29, 1956" → "Washington".
 */
export function placeFromHead(title: string, dateStart: number): string | null {
  const segments = title
    .slice(0, dateStart)
    .split(',')
    .map((segment) => segment.trim())
    .filter(Boolean);
  if (segments.length < 2) return null;
  const candidate = segments[segments.length - 1]!;
  if (/\b(?:Between|From|With|To|Of|For|And|Prepared|By)\b/.test(candidate)) return null;
  return looksLikePlace(candidate) ? candidate : null;
}

/** Telegram originators whose city is not in their name. */
const ORIGINATOR_CITIES: Record<string, string> = {
  SECSTATE: 'Washington',
  WASHDC: 'Washington',
  'SECSTATE WASHDC': 'Washington',
  'WHITE HOUSE': 'Washington',
};

/** "FM AMEMBASSY WARSAW" → "Warsaw"; "FM SECSTATE WASHDC" → "Washington". */
export function placeFromTelegramHeader(lines: readonly string[]): string | null {
  for (const line of lines) {
    const match = /^\s*FM\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const originator = match[1]!.replace(/\s+\d+$/, '').trim();
    const known = ORIGINATOR_CITIES[originator];
    if (known) return known;
    const office = /^(?:AMEMBASSY|AMEMB|AMCONSUL|AMCONGEN|AMLEGATION|USMISSION|USDEL|AMEMBASSY)\s+(.+)$/.exec(
      originator,
    );
    const city = office ? office[1]! : originator;
    if (/WASHDC|WASHINGTON/.test(city)) return 'Washington';
    if (!office) return null;
    return city
      .toLowerCase()
      .split(/\s+/)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' ');
  }
  return null;
}
