/**
 * Scores documents against the metadata gold (../shared/eval/README.md): accuracy per field,
 * with null gold values scored too; participants as the mean per-document F1, a person
 * matching by id where both sides have one, else by normalised surname.
 */
import { z } from 'zod';
import { surnameKey } from '../extract/participants.js';
import type { Document } from '../records/schema.js';

export const GoldMetadataLine = z.object({
  doc: z.string().min(1),
  type: z.string(),
  date: z.string().nullable(),
  time: z.string().nullable().optional(),
  place: z.string().nullable(),
  classification: z.object({ level: z.string().nullable(), caveats: z.array(z.string()) }),
  participants: z.array(z.object({ name: z.string(), id: z.string().nullable() })),
  redactions: z.number().int().nonnegative(),
  note: z.string().optional(),
});
export type GoldMetadataLine = z.infer<typeof GoldMetadataLine>;

/** Validates gold lines; an invalid line is reported with its 1-based line number and the problem. */
export function parseGoldMetadata(lines: readonly unknown[], source = 'gold'): GoldMetadataLine[] {
  return lines.map((line, index) => {
    const parsed = GoldMetadataLine.safeParse(line);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(
        `${source}: line ${index + 1}: ${issue.path.join('.') || '(line)'}: ${issue.message}; ` +
          'see ../shared/eval/README.md for the metadata line format.',
      );
    }
    return parsed.data;
  });
}

export interface FieldScore {
  accuracy: number;
  n: number;
}
export type MetadataScores = Record<
  'type' | 'date' | 'time' | 'place' | 'classification' | 'caveats' | 'participants' | 'redactions',
  FieldScore
>;

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Case-insensitive, spacing-normalised; "Petsunda" matches "Petsunda, Georgia" when one side has no comma. */
export function samePlace(gold: string | null, system: string | null): boolean {
  if (gold === null || system === null) return gold === system;
  const a = normalise(gold);
  const b = normalise(system);
  if (a === b) return true;
  if (a.includes(',') !== b.includes(',')) return a.split(',')[0]!.trim() === b.split(',')[0]!.trim();
  return false;
}

interface PersonRef {
  name: string;
  id: string | null;
}

function samePerson(gold: PersonRef, system: PersonRef): boolean {
  if (gold.id && system.id) return gold.id === system.id;
  return surnameKey(gold.name) === surnameKey(system.name);
}

/** F1 of two participant lists, matching one-to-one greedily; two empty lists score 1. */
export function participantsF1(gold: readonly PersonRef[], system: readonly PersonRef[]): number {
  if (gold.length === 0 && system.length === 0) return 1;
  if (gold.length === 0 || system.length === 0) return 0;
  const used = new Set<number>();
  let matched = 0;
  for (const person of gold) {
    const index = system.findIndex((candidate, i) => !used.has(i) && samePerson(person, candidate));
    if (index >= 0) {
      used.add(index);
      matched++;
    }
  }
  const precision = matched / system.length;
  const recall = matched / gold.length;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((value) => value.toUpperCase()));
  const right = new Set(b.map((value) => value.toUpperCase()));
  return left.size === right.size && [...left].every((value) => right.has(value));
}

/** Per-field comparison of one document with its gold line (1 right, 0 wrong; participants an F1). */
export function compareMetadata(
  gold: GoldMetadataLine,
  document: Document | null,
): Record<keyof MetadataScores, number> {
  if (!document) {
    return {
      type: 0,
      date: 0,
      time: 0,
      place: 0,
      classification: 0,
      caveats: 0,
      participants: 0,
      redactions: 0,
    };
  }
  const date = document.date ? document.date.start.slice(0, 10) : null;
  return {
    type: Number(gold.type === document.type),
    date: Number((gold.date ?? null) === date),
    time: Number((gold.time ?? null) === (document.time ?? null)),
    place: Number(samePlace(gold.place, document.place)),
    classification: Number((gold.classification.level ?? null) === (document.classification.level ?? null)),
    caveats: Number(sameSet(gold.classification.caveats, document.classification.caveats)),
    participants: participantsF1(
      gold.participants,
      document.participants.map((participant) => ({ name: participant.name, id: participant.personId })),
    ),
    redactions: Number(gold.redactions === document.redactions.length),
  };
}

/**
 * Scores every gold line; `lookup` returns the stored document for an id (null when missing,
 * which scores 0 on every field). `time` is scored on every line: a line without a time says
 * the dateline gives none, so the system must give none either.
 */
export async function scoreMetadata(
  goldLines: readonly unknown[],
  lookup: (id: string) => Document | null | undefined | Promise<Document | null | undefined>,
): Promise<MetadataScores> {
  const gold = parseGoldMetadata(goldLines);
  const sums: Record<keyof MetadataScores, number> = {
    type: 0,
    date: 0,
    time: 0,
    place: 0,
    classification: 0,
    caveats: 0,
    participants: 0,
    redactions: 0,
  };
  for (const line of gold) {
    const result = compareMetadata(line, (await lookup(line.doc)) ?? null);
    for (const key of Object.keys(sums) as (keyof MetadataScores)[]) sums[key] += result[key];
  }
  const n = gold.length;
  const scores = {} as MetadataScores;
  for (const key of Object.keys(sums) as (keyof MetadataScores)[]) {
    scores[key] = { accuracy: n === 0 ? 0 : sums[key] / n, n };
  }
  return scores;
}
