/**
 * Numbers and dates as an article or a record writes them: "twelve", "fourteenth",
 * "16-nation", "55-60,000", "$50 billion", "27 September 1969", "May 1965", "in 1986".
 */
import { foldPunctuation } from './words.js';
import { MONTH_NAMES } from '../records/months.js';

export interface NumberMention {
  /** The words as written. */
  text: string;
  /** Lowest and highest value meant ("55-60,000" is 55,000–60,000; "12" is 12–12). */
  low: number;
  high: number;
  /** "fourteenth" is an ordinal: a rank, not a count. */
  ordinal: boolean;
  /** The noun the number counts, when one follows ("countries", "members", "tons"). */
  unit: string | null;
  /** "about", "some", "nearly": the writer does not claim the exact figure. */
  approximate: boolean;
  start: number;
  end: number;
}

export interface DateMention {
  text: string;
  year: number;
  month: number | null;
  day: number | null;
  start: number;
  end: number;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const MONTHS = MONTH_NAMES.map((month) => month.toLowerCase());
const MONTH_PATTERN =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const NUMBER_WORD = `(?:${[...Object.keys(UNITS)].join('|')})(?:[- ](?:${Object.keys(UNITS).join('|')}))?`;
const ORDINAL_WORD = `(?:(?:twenty|thirty)-)?(?:${Object.keys(ORDINALS).join('|')})|\\d+(?:st|nd|rd|th)`;
const APPROXIMATE =
  /\b(?:about|some|nearly|almost|roughly|around|approximately|over|more than|less than|under|just under|just over|some)\s*\$?$/i;

/** Years and dates the text gives, most specific first where they overlap. */
export function findDates(text: string): DateMention[] {
  const folded = foldPunctuation(text);
  const found: DateMention[] = [];
  const taken: [number, number][] = [];
  const add = (match: RegExpExecArray, year: number, month: number | null, day: number | null) => {
    const start = match.index;
    const end = start + match[0].length;
    if (taken.some(([s, e]) => start < e && end > s)) return;
    taken.push([start, end]);
    found.push({ text: match[0], year, month, day, start, end });
  };
  const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3)));
  // 27 September 1969 / September 27, 1969
  for (const m of folded.matchAll(new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_PATTERN})\\s+(\\d{4})\\b`, 'gi')))
    add(m as RegExpExecArray, Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1]));
  for (const m of folded.matchAll(new RegExp(`\\b(${MONTH_PATTERN})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'gi')))
    add(m as RegExpExecArray, Number(m[3]), monthIndex(m[1]!) + 1, Number(m[2]));
  // May 1965
  for (const m of folded.matchAll(new RegExp(`\\b(${MONTH_PATTERN})\\s+(\\d{4})\\b`, 'gi')))
    add(m as RegExpExecArray, Number(m[2]), monthIndex(m[1]!) + 1, null);
  // 1986 (a year alone: four digits from 1900 to 2099, not part of a bigger number)
  for (const m of folded.matchAll(/(?<![\d,.$])\b(19\d\d|20\d\d)\b(?![,.]?\d)/g))
    add(m as RegExpExecArray, Number(m[1]), null, null);
  return found.sort((a, b) => a.start - b.start);
}

/** Counts, amounts and ranks the text gives, leaving out the years and days of its dates. */
export function findNumbers(text: string, dates: readonly DateMention[] = findDates(text)): NumberMention[] {
  const folded = foldPunctuation(text);
  const found: NumberMention[] = [];
  const inDate = (start: number, end: number) => dates.some((d) => start < d.end && end > d.start);
  const pattern = new RegExp(
    `\\$?\\b(?:(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s*-\\s*(\\d[\\d,]*(?:\\.\\d+)?))?|(${ORDINAL_WORD})|(${NUMBER_WORD}))\\b` +
      `(?:\\s+(thousand|million|billion))?(?:-(nation|member|country|year|day|week|month|man|point))?`,
    'gi',
  );
  for (const m of folded.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (inDate(start, end)) continue;
    const scale = m[5] ? SCALES[m[5].toLowerCase()]! : 1;
    let low: number;
    let high: number;
    let ordinal = false;
    if (m[1] !== undefined) {
      low = parseDigits(m[1]);
      high = m[2] !== undefined ? parseDigits(m[2]) : low;
      // "55-60,000": the first figure shares the second's thousands.
      if (m[2] !== undefined && low < high / 100 && high >= 1000)
        low *= 10 ** Math.round(Math.log10(high / low) - 0.5);
      if (/^\d{1,2}(?:st|nd|rd|th)$/i.test(m[0])) ordinal = true;
    } else if (m[3] !== undefined) {
      ordinal = true;
      low = high = ordinalValue(m[3]);
    } else {
      low = high = wordValue(m[4]!);
    }
    if (!Number.isFinite(low)) continue;
    // "one" as a pronoun ("the one who", "one of") is not a count worth checking.
    if (m[4] && /^one$/i.test(m[4]) && !m[5] && !m[6]) continue;
    const after = folded.slice(end, end + 40);
    const unitWord =
      m[6] ??
      /^\s+(?:(?:additional|more|new|member|other|metric|per cent|percent|of)\s+)*([a-z]+)/i.exec(
        after,
      )?.[1] ??
      null;
    const before = folded.slice(Math.max(0, start - 20), start);
    found.push({
      text: m[0],
      low: low * scale,
      high: high * scale,
      ordinal,
      unit: unitWord ? unitWord.toLowerCase() : null,
      approximate: APPROXIMATE.test(before),
      start,
      end,
    });
  }
  return found;
}

function parseDigits(text: string): number {
  return Number(text.replace(/,/g, ''));
}

function wordValue(text: string): number {
  const parts = text.toLowerCase().split(/[- ]/);
  let value = 0;
  for (const part of parts) {
    const unit = UNITS[part];
    if (unit === undefined) return NaN;
    value = unit === 100 ? Math.max(1, value) * 100 : value + unit;
  }
  return value;
}

function ordinalValue(text: string): number {
  const lower = text.toLowerCase();
  const digits = /^(\d+)/.exec(lower);
  if (digits) return Number(digits[1]);
  const [tens, unit] = lower.includes('-') ? lower.split('-') : [null, lower];
  return (tens ? (UNITS[tens] ?? 0) : 0) + (ORDINALS[unit!] ?? NaN);
}

/** Do two figures agree? Ranges overlap; approximate figures get a tenth either way. */
export function numbersAgree(claim: NumberMention, record: NumberMention): boolean {
  const slack = claim.approximate || record.approximate ? 0.1 : 0;
  const low = claim.low * (1 - slack);
  const high = claim.high * (1 + slack);
  return high >= record.low && low <= record.high;
}
