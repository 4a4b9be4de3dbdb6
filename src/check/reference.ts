/**
 * Numeric claims about NATO checked against the members table (src/records/nato.ts), with the
 * computation shown: members on a date ("a 16-nation NATO", "all 15 member countries"),
 * countries joined since a date ("twelve additional countries"), a member's rank ("the
 * fourteenth member"), when a country joined ("which it did in 1986", "18 years away from
 * joining") and enlargement rounds.
 */
import {
  accessionOf,
  enlargementRoundsBetween,
  findMember,
  joinedBetween,
  membersOn,
} from '../records/nato.js';
import type { ClaimEvidence } from './evidence.js';
import type { NumberMention } from './quantities.js';
import type { Claim, Verdict } from './types.js';

const NATO_CONTEXT = /\b(?:NATO|North Atlantic|the alliance|Atlantic Alliance)\b/i;
const REFERENCE = 'nato_members';

interface Finding {
  agrees: boolean;
  claimed: string;
  computed: string;
  computation: string;
}

export function checkReference(claim: Claim, evidence: ClaimEvidence, anchor: string | null): Verdict | null {
  if (!NATO_CONTEXT.test(claim.sentence)) return null;
  const date = referenceDate(claim, evidence, anchor);
  const findings: Finding[] = [];
  const country = countryIn(claim.content);
  for (const number of claim.numbers) {
    const finding = checkNumber(claim, number, date, anchor, country);
    if (finding) findings.push(finding);
  }
  const joinedYear = /\b(?:joined|joining|acceded|admitted|which it did)\b[^.]*?\bin\s+(\d{4})\b/i.exec(
    claim.content,
  );
  if (country && joinedYear) {
    const accession = accessionOf(country);
    if (accession.value)
      findings.push({
        agrees: accession.value.startsWith(joinedYear[1]!),
        claimed: `joined in ${joinedYear[1]}`,
        computed: `joined on ${accession.value}`,
        computation: accession.computation,
      });
  }
  if (findings.length === 0) return null;
  const wrong = findings.filter((f) => !f.agrees);
  const computation = findings.map((f) => `${f.claimed}: ${f.computation} → ${f.computed}`);
  if (date)
    computation.unshift(
      `date used: ${date}${anchor && claim.anchoredToRecord ? ' (the date of the record the article cites)' : ''}`,
    );
  return wrong.length > 0
    ? {
        verdict: 'contradicted',
        confidence: 0.9,
        reason: `the NATO members table says ${wrong.map((f) => `${f.computed} (the claim: ${f.claimed})`).join('; ')}`,
        citations: [],
        computation,
        reference: REFERENCE,
      }
    : {
        verdict: 'supported',
        confidence: 0.85,
        reason: `the NATO members table agrees: ${findings.map((f) => f.computed).join('; ')}`,
        citations: [],
        computation,
        reference: REFERENCE,
      };
}

function checkNumber(
  claim: Claim,
  number: NumberMention,
  date: string | null,
  anchor: string | null,
  country: string | null,
): Finding | null {
  const unit = number.unit ?? '';
  const after = claim.content.slice(number.end, number.end + 40);
  const before = claim.content.slice(Math.max(0, number.start - 30), number.start);
  // "the fourteenth member": the rank of the country's accession.
  if (number.ordinal && /^member/.test(unit) && country) {
    const accession = accessionOf(country);
    if (!accession.value) return null;
    const earlier = membersOn(dayBefore(accession.value)).value;
    const joinedSameDay = joinedBetween(dayBefore(accession.value), accession.value).value;
    const low = earlier + 1;
    const high = earlier + joinedSameDay;
    return {
      agrees: number.low >= low && number.low <= high,
      claimed: `${number.text} member`,
      computed:
        low === high ? `${country} was member number ${low}` : `${country} was member number ${low}–${high}`,
      computation: `${earlier} members before ${accession.value}, then ${joinedSameDay} joined that day`,
    };
  }
  // "twelve additional countries joining since this meeting".
  if (
    /^(?:countr|nation|member|state)/.test(unit) &&
    /\b(?:additional|more|new)\b/i.test(`${before} ${after}`)
  ) {
    const from = claim.anchoredToRecord ? anchor : date;
    if (!from) return null;
    const today = new Date().toISOString().slice(0, 10);
    const joined = joinedBetween(from, today);
    return {
      agrees: number.low <= joined.value && joined.value <= number.high,
      claimed: `${number.text} joined since ${from}`,
      computed: `${joined.value} countries joined after ${from}`,
      computation: joined.computation,
    };
  }
  // "a 16-nation NATO", "all 15 member countries", "19 members".
  if (/^(?:nation|member|countr|state|allies)/.test(unit) && date) {
    const count = membersOn(date);
    return {
      agrees: number.low <= count.value && count.value <= number.high,
      claimed: `${number.text} ${unit}`.trim(),
      computed: `NATO had ${count.value} members on ${date}`,
      computation: count.computation,
    };
  }
  // "18 years away from joining".
  if (/^year/.test(unit) && country && claim.eventDate && /\bjoin|\bmember|\baccession/i.test(after)) {
    const accession = accessionOf(country);
    if (!accession.value) return null;
    const years = Number(accession.value.slice(0, 4)) - claim.eventDate.year;
    return {
      agrees: number.low === years,
      claimed: `${number.text} years before joining`,
      computed: `${country} joined ${years} years after ${claim.eventDate.year}`,
      computation: `${accession.computation}; ${accession.value.slice(0, 4)} − ${claim.eventDate.year} = ${years}`,
    };
  }
  // "three rounds of enlargement".
  if (/^(?:round|enlargement|expansion)/.test(unit) && date) {
    const today = new Date().toISOString().slice(0, 10);
    const rounds = enlargementRoundsBetween(date, today);
    return {
      agrees: number.low === rounds.value,
      claimed: `${number.text} ${unit}`,
      computed: `${rounds.value} enlargement rounds after ${date}`,
      computation: rounds.computation,
    };
  }
  return null;
}

/** The day the claim speaks of: the record's date when it cites one of that time, else the claimed date. */
function referenceDate(claim: Claim, evidence: ClaimEvidence, anchor: string | null): string | null {
  if (claim.anchoredToRecord && anchor) return anchor;
  const claimed = claim.eventDate;
  if (!claimed) return anchor;
  if (claimed.day) return isoDay(claimed.year, claimed.month!, claimed.day);
  // "in May 1955": the date of the record of that month the evidence found, else the month's end.
  const recordDate = evidence.ranked
    .map((s) => s.documentDate)
    .find(
      (d) =>
        d &&
        Number(d.slice(0, 4)) === claimed.year &&
        (!claimed.month || Number(d.slice(5, 7)) === claimed.month),
    );
  if (recordDate) return recordDate;
  if (claimed.month)
    return isoDay(
      claimed.year,
      claimed.month,
      new Date(Date.UTC(claimed.year, claimed.month, 0)).getUTCDate(),
    );
  return `${claimed.year}-12-31`;
}

function countryIn(text: string): string | null {
  for (const match of text.matchAll(/\b\p{Lu}[\p{L}]+(?:\s+\p{Lu}[\p{L}]+)?/gu)) {
    const member = findMember(match[0]) ?? findMember(match[0].split(/\s+/).pop()!);
    if (member) return member.country;
  }
  return null;
}

function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
