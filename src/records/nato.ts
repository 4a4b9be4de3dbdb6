/**
 * NATO membership from `reference/nato_members.csv` (one row per member: accession date and
 * enlargement round; founders have round 0 and the signing date 1949-04-04). Every answer
 * carries the rows it was computed from, so a report can show the computation.
 *
 * Date conventions (documented because claims hinge on them):
 * - a country is a member ON its accession date and every day after;
 * - "joined between A and B" counts accessions strictly after A and on or before B
 *   (A < accession ≤ B): members on B minus members on A. "Joined after 4 June 2000" up to
 *   today is therefore 13 (2004: 7, 2009: 2, 2017, 2020, 2023, 2024).
 */
import { readReferenceTable } from './reference-file.js';

export interface NatoMember {
  country: string;
  iso3: string;
  accessionDate: string;
  enlargementRound: number;
}

export interface NatoAnswer<T> {
  value: T;
  rows: NatoMember[];
  /** One line saying how the value was computed. */
  computation: string;
}

let members: NatoMember[] | null = null;

export function natoMembers(): readonly NatoMember[] {
  members ??= readReferenceTable('nato_members.csv').map((row) => ({
    country: row.country!,
    iso3: row.iso3!,
    accessionDate: row.accession_date!,
    enlargementRound: Number(row.enlargement_round),
  }));
  return members;
}

/** Former and alternative names → the table's name. */
const COUNTRY_ALIASES: Record<string, string> = {
  turkey: 'Türkiye',
  turkiye: 'Türkiye',
  'czech republic': 'Czechia',
  macedonia: 'North Macedonia',
  'former yugoslav republic of macedonia': 'North Macedonia',
  fyrom: 'North Macedonia',
  'west germany': 'Germany',
  'federal republic of germany': 'Germany',
  frg: 'Germany',
  britain: 'United Kingdom',
  'great britain': 'United Kingdom',
  uk: 'United Kingdom',
  us: 'United States',
  usa: 'United States',
  'united states of america': 'United States',
  holland: 'Netherlands',
  'the netherlands': 'Netherlands',
  slovak: 'Slovakia',
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The member row for a country name, ISO3 code or alias; null when not a member. */
export function findMember(country: string): NatoMember | null {
  const key = fold(country);
  const alias = COUNTRY_ALIASES[key];
  const target = alias ? fold(alias) : key;
  return (
    natoMembers().find((member) => fold(member.country) === target || member.iso3.toLowerCase() === target) ??
    null
  );
}

export function membersOn(isoDate: string): NatoAnswer<number> {
  const day = isoDate.slice(0, 10);
  const rows = natoMembers().filter((member) => member.accessionDate <= day);
  return {
    value: rows.length,
    rows,
    computation: `${rows.length} members with accession date on or before ${day}`,
  };
}

/** Accessions with from < date ≤ to (see the module comment). */
export function joinedBetween(fromIsoDate: string, toIsoDate: string): NatoAnswer<number> {
  const from = fromIsoDate.slice(0, 10);
  const to = toIsoDate.slice(0, 10);
  const rows = natoMembers().filter((member) => member.accessionDate > from && member.accessionDate <= to);
  return {
    value: rows.length,
    rows,
    computation: `${rows.length} accessions strictly after ${from} and on or before ${to}: ${rows
      .map((row) => `${row.country} (${row.accessionDate})`)
      .join(', ')}`,
  };
}

/** Enlargement rounds (round ≥ 1) with an accession in from < date ≤ to. */
export function enlargementRoundsBetween(fromIsoDate: string, toIsoDate: string): NatoAnswer<number> {
  const joined = joinedBetween(fromIsoDate, toIsoDate).rows.filter((row) => row.enlargementRound > 0);
  const rounds = [...new Set(joined.map((row) => row.enlargementRound))].sort((a, b) => a - b);
  return {
    value: rounds.length,
    rows: joined,
    computation: `${rounds.length} enlargement rounds (${rounds.join(', ')}) between ${fromIsoDate} and ${toIsoDate}`,
  };
}

export function accessionOf(country: string): NatoAnswer<string | null> {
  const member = findMember(country);
  return member
    ? {
        value: member.accessionDate,
        rows: [member],
        computation: `${member.country} acceded on ${member.accessionDate}`,
      }
    : { value: null, rows: [], computation: `${country} is not in the NATO members table` };
}
