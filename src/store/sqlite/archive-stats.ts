/**
 * What the archive holds, as one viewer may see it: documents, passages and persons, and the
 * documents by collection, type, classification and decade.
 */
import type { ArchiveStats } from '../archive.js';
import type { SqliteDatabase } from './database.js';
import { PASSAGES_PER_DOCUMENT } from './keys.js';
import { VISIBLE_DOCUMENT_SQL } from './visibility.js';

/** SQL conditions for what the viewer may see, each on its own table. */
export interface StatsVisibility {
  /** On `documents` aliased `d`; `1` when every document is visible. */
  documents: string;
  /** On `collections` aliased `c`. */
  collections: string;
  /** On `persons`. */
  persons: string;
}

/**
 * The visible documents counted by type, classification, decade and collection together, so
 * that one pass over the date index answers all four: that index holds every column used here.
 * The decade comes from the start date, as the `year` column does; grouping by `year`, which
 * no index holds, read every document row (1.4 s warm and over 30 s cold at 1,000,000
 * documents).
 */
export function documentGroupsSql(visible: string): string {
  return `SELECT type, coalesce(class_level, 'unknown') AS level,
            CASE WHEN date_start GLOB '[0-9]*'
              THEN (CAST(substr(date_start, 1, 4) AS INTEGER) / 10 * 10) || 's' END AS decade,
            collection_id AS collection, count(*) AS n
          FROM documents d WHERE ${visible}
          GROUP BY type, level, decade, collection`;
}

interface DocumentGroup {
  type: string;
  level: string;
  decade: string | null;
  collection: string;
  n: number;
}

export function archiveStats(db: SqliteDatabase, visible: StatsVisibility): ArchiveStats {
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  const groups = db.prepare(documentGroupsSql(visible.documents)).all() as DocumentGroup[];
  const types = new Map<string, number>();
  const classifications = new Map<string, number>();
  const decades = new Map<string, number>();
  const byCollection = new Map<string, number>();
  let documents = 0;
  for (const group of groups) {
    documents += group.n;
    add(types, group.type, group.n);
    add(classifications, group.level, group.n);
    if (group.decade !== null) add(decades, group.decade, group.n);
    add(byCollection, group.collection, group.n);
  }
  // Passages of hidden documents are subtracted: few are hidden, and the total is one count.
  const hiddenPassages =
    visible.documents === '1'
      ? 0
      : count(
          `SELECT count(*) FROM documents d JOIN passages p
             ON p.key BETWEEN d.key * ${PASSAGES_PER_DOCUMENT} AND d.key * ${PASSAGES_PER_DOCUMENT} + ${PASSAGES_PER_DOCUMENT - 1}
           WHERE NOT ${VISIBLE_DOCUMENT_SQL}`,
        );
  const collections = db
    .prepare(
      `SELECT c.id AS id, c.title AS title FROM collections c WHERE ${visible.collections} ORDER BY c.id`,
    )
    .all() as { id: string; title: string }[];
  return {
    documents,
    passages: count('SELECT count(*) FROM passages') - hiddenPassages,
    persons: count(`SELECT count(*) FROM persons WHERE ${visible.persons}`),
    collections: collections.map((c) => ({ ...c, documents: byCollection.get(c.id) ?? 0 })),
    types: sortedRecord(types),
    classifications: sortedRecord(classifications),
    decades: sortedRecord(decades),
    redactions: count(
      `SELECT count(*) FROM redactions r${visible.documents === '1' ? '' : ` JOIN documents d ON d.key = r.doc WHERE ${visible.documents}`}`,
    ),
  };
}

function add(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** In SQLite's binary order, as `ORDER BY` gave it. */
function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
