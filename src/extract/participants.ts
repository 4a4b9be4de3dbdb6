/**
 * Names of people in participant lists and heads: telling a person ("Mr. Pierre Uri, Director
 * …", "The Secretary") from a group label ("U.S.", "Soviet Union", "French Side:"), turning a
 * printed name into the list form "Uri, Pierre", and the surname key names are compared by.
 */

/** Courtesy and rank words printed before a name. */
const HONORIFICS =
  /^(?:(?:the|mr|mrs|ms|miss|m|mme|mlle|dr|sir|lady|lord|herr|signor|sr|sra|ambassador|amb|minister|senator|congressman|representative|governor|general|gen|lt|lieutenant|colonel|col|major|maj|admiral|adm|vice|rear|air|marshal|captain|capt|commander|cdr|brigadier|judge|justice|professor|prof|father|count|baron|prince|president|chairman|chancellor|secretary|under|undersecretary|under-secretary|assistant|deputy|acting|prime|foreign|defense|defence|state|counselor|counsellor|first|second|third|chief|premier|king|queen|his|her|excellency|majesty|royal|highness)\.?\s+)+/i;

/** Words that make a list entry an institution, a country or a side rather than a person. */
const GROUP_WORDS =
  /\b(?:side|sides|delegation|delegations|department|ministry|embassy|embassies|mission|government|office|staff|agency|committee|council|house|states|kingdom|union|republic|nations|group|team|service|services|bureau|secretariat|command|forces|others|interpreters?|members|cabinet|americans|british|french|germans|soviets|russians|canadians|italians)\b/i;

const NAME_SUFFIX = /,?\s+(?:Jr\.?|Sr\.?|II|III|IV)$/;

/** True when an entry such as "U.S.", "Canada", "Soviet Union", "French Side:" names no person. */
export function isGroupLabel(label: string): boolean {
  const text = label.replace(/\s+/g, ' ').trim();
  if (text === '') return true;
  if (/:$/.test(text)) return true;
  // A title before a name makes a person ("The Secretary", "Mr. Leddy"); a title word alone
  // ("State", "Defense") is an agency.
  const untitled = stripHonorifics(text);
  if (untitled !== text && !/^the\s+(?:united|soviet|federal|british|french|american)\b/i.test(text)) {
    return false;
  }
  const name = text.split(',')[0]!.trim();
  if (GROUP_WORDS.test(name)) return true;
  const words = name.split(/\s+/);
  // A single word or an acronym names a country, an agency or a side: "Canada", "JCS", "U.S.S.R.".
  if (words.length < 2) return true;
  if (words.every((word) => /^[A-Z.]+$/.test(word))) return true;
  return !words.every((word) =>
    /^(?:[A-Z][\p{L}’'-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|van|von|der|da|di|la|le|du)$/u.test(word),
  );
}

/** The printed name without courtesy titles: "Ambassador Anatoliy F. Dobrynin" → "Anatoliy F. Dobrynin". */
export function stripHonorifics(name: string): string {
  return name.replace(/\s+/g, ' ').trim().replace(HONORIFICS, '').trim();
}

/** "M. Pierre Uri" → "Uri, Pierre"; "Mr. Reinhardt" → "Reinhardt"; "Harry G. Barnes, Jr." → "Barnes, Harry G., Jr.". */
export function invertName(printed: string): string {
  let name = stripHonorifics(printed)
    // "Ambassador Bogdan of Romania": the country is not part of the name.
    .replace(/\s+of\s+(?:the\s+)?[A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*)*$/u, '')
    .replace(/[,;:.]+$/, (tail) => (tail.startsWith('.') ? tail : ''));
  const suffix = NAME_SUFFIX.exec(name);
  name = name.replace(NAME_SUFFIX, '').trim();
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words[0] ?? printed.trim();
  let surnameStart = words.length - 1;
  // Keep particles with the surname: "de Zulueta", "van der Stoel".
  while (surnameStart > 1 && /^(?:de|van|von|der|da|di|la|le|du)$/i.test(words[surnameStart - 1]!))
    surnameStart--;
  const surname = words.slice(surnameStart).join(' ');
  const given = words.slice(0, surnameStart).join(' ');
  return `${surname}, ${given}${suffix ? `, ${suffix[0].replace(/^,?\s+/, '')}` : ''}`;
}

/** The key names are compared by: the part before the first comma (list form), else the last word. */
export function surnameKey(name: string): string {
  // Accents are dropped ("Hervé" = "Herve"); plain ASCII skips the costly normalisation.
  const ascii = /^[\x20-\x7e]*$/.test(name);
  const plain = (ascii ? name : name.normalize('NFD').replace(/\p{M}/gu, ''))
    .replace(/[“”"‘’']/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (plain.includes(',')) return plain.split(',')[0]!.trim();
  const words = stripHonorifics(plain).replace(NAME_SUFFIX, '').split(' ').filter(Boolean);
  return (words[words.length - 1] ?? plain).replace(/[.:;]+$/, '');
}
