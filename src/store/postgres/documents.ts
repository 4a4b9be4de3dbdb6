/**
 * Writing and reading whole documents in PostgreSQL: one transaction per document, keyed by id
 * and content hash, with the same semantics as the SQLite archive. A replaced document keeps
 * its published state; the term statistics BM25 reads are adjusted in the same transaction.
 */
import type { Document, Passage } from '../../records/schema.js';
import type { PutOutcome } from '../archive.js';
import { withTransaction, type Client, type Pool } from './database.js';

interface PassageRow {
  ordinal: number;
  kind: Passage['kind'];
  head: string | null;
  body: string | null;
  page: string | null;
  meta: PassageMeta | null;
}

interface PassageMeta {
  noteNumber: string | null;
  anchor: Passage['anchor'];
  speakers: Passage['speakers'];
}

export class PostgresDocuments {
  constructor(private readonly pool: Pool) {}

  async put(document: Document): Promise<PutOutcome> {
    checkOrdinals(document);
    // Checked before any lock: re-ingesting an unchanged archive only reads.
    const known = await this.pool.query<{ content_hash: string }>(
      'SELECT content_hash FROM documents WHERE id = $1',
      [document.id],
    );
    if (known.rows[0]?.content_hash === document.contentHash) return 'unchanged';
    return withTransaction(this.pool, async (client) => {
      // As SQLite's synchronous=NORMAL: a crash may lose the last commits, never consistency,
      // and the source file is only marked complete after its documents, so a re-run repairs it.
      await client.query('SET LOCAL synchronous_commit = off');
      return write(client, document);
    });
  }

  /** Several documents in one transaction: all are stored or none is. */
  async putMany(documents: readonly Document[]): Promise<PutOutcome[]> {
    for (const document of documents) checkOrdinals(document);
    const known = await this.pool.query<{ id: string; content_hash: string }>(
      'SELECT id, content_hash FROM documents WHERE id = ANY($1::text[])',
      [documents.map((document) => document.id)],
    );
    const stored = new Map(known.rows.map((row) => [row.id, row.content_hash]));
    if (documents.every((document) => stored.get(document.id) === document.contentHash)) {
      return documents.map(() => 'unchanged');
    }
    return withTransaction(this.pool, async (client) => {
      await client.query('SET LOCAL synchronous_commit = off');
      const outcomes: PutOutcome[] = [];
      for (const document of documents) outcomes.push(await write(client, document));
      return outcomes;
    });
  }

  async get(id: string, visibleOnly: boolean): Promise<Document | null> {
    const visible = visibleOnly
      ? 'AND d.published AND EXISTS (SELECT 1 FROM collections c WHERE c.id = d.collection_id AND c.published)'
      : '';
    const found = await this.pool.query<{ key: number; json: Document; published: boolean }>(
      `SELECT key, json, published FROM documents d WHERE id = $1 ${visible}`,
      [id],
    );
    const row = found.rows[0];
    if (!row) return null;
    const passages = await this.pool.query<PassageRow>(
      'SELECT ordinal, kind, head, body, page, meta FROM passages WHERE doc = $1 ORDER BY ordinal',
      [row.key],
    );
    return { ...row.json, passages: passages.rows.map(toPassage), published: row.published };
  }

  async removeOfSource(sourcePath: string, keepIds: ReadonlySet<string>): Promise<number> {
    const rows = await this.pool.query<{ key: number; id: string }>(
      'SELECT key, id FROM documents WHERE source_path = $1',
      [sourcePath],
    );
    const doomed = rows.rows.filter((row) => !keepIds.has(row.id)).map((row) => row.key);
    if (doomed.length === 0) return 0;
    await withTransaction(this.pool, async (client) => {
      await deleteChildren(client, doomed);
      await client.query('DELETE FROM documents WHERE key = ANY($1::bigint[])', [doomed]);
    });
    return doomed.length;
  }
}

/** The document's columns, in the order both the INSERT and the UPDATE above list them. */
function documentColumns(document: Document): unknown[] {
  const start = document.date?.start ?? null;
  const year = start ? Number.parseInt(start.slice(0, 4), 10) : null;
  return [
    document.collectionId,
    document.type,
    start,
    document.date?.end ?? null,
    Number.isFinite(year) ? year : null,
    document.classification.level,
    document.classification.caveats.map((caveat) => caveat.toUpperCase()),
    document.contentHash,
    document.sourcePath,
    document.title,
    // Passages live in their own table.
    JSON.stringify({ ...document, passages: [] }),
    // What the speaker and participant facets count: each name once per document.
    [
      ...new Set(
        document.passages.flatMap((passage) =>
          distinctSpeakers(passage)
            .map((speaker) => speaker.name ?? speaker.label)
            .filter((name): name is string => name !== null),
        ),
      ),
    ],
    [...new Set(document.participants.map((participant) => participant.name))],
  ];
}

/**
 * Removes the documents' passages and facts, except the passages in `keep` (a replaced
 * document's passages that did not change). The removed passages' lexemes leave the term
 * statistics first (in lexeme order, as every writer does, so concurrent writers queue instead
 * of deadlocking).
 */
async function deleteChildren(client: Client, keys: number[], keep: readonly number[] = []): Promise<void> {
  const removed = 'doc = ANY($1::bigint[]) AND NOT (ordinal = ANY($2::int[]))';
  await client.query(
    `INSERT INTO term_stats AS t (lexeme, passages)
     SELECT u.lexeme, -count(*) FROM passages p, unnest(p.tsv) u
     WHERE ${removed} GROUP BY u.lexeme ORDER BY u.lexeme
     ON CONFLICT (lexeme) DO UPDATE SET passages = t.passages + excluded.passages`,
    [keys, keep],
  );
  await client.query(
    `UPDATE corpus_stats SET passages = passages - s.n, total_len = total_len - s.len
     FROM (SELECT count(*) AS n, coalesce(sum(len), 0) AS len FROM passages WHERE ${removed}) s`,
    [keys, keep],
  );
  // passage_speakers go with their passages (ON DELETE CASCADE).
  await client.query(`DELETE FROM passages WHERE ${removed}`, [keys, keep]);
  for (const table of ['participants', 'mentions', 'redactions']) {
    await client.query(`DELETE FROM ${table} WHERE doc = ANY($1::bigint[])`, [keys]);
  }
}

/** A passage as its row stores it: two passages with equal records index identically. */
interface PassageRecord {
  ordinal: number;
  kind: string;
  head: string | null;
  body: string | null;
  speakers: string | null;
  page: string | null;
  meta: string | null;
}

function passageRecord(passage: Passage): PassageRecord {
  return {
    ordinal: passage.ordinal,
    kind: passage.kind,
    head: passage.kind === 'heading' ? passage.text : null,
    body: passage.kind === 'heading' ? null : passage.text,
    speakers: speakerText(passage),
    page: passage.page,
    meta: passageMeta(passage),
  };
}

/**
 * The ordinals of a stored document's passages that the new version repeats exactly. A
 * corrected document usually changes a few passages: only those are re-indexed, which keeps a
 * re-ingest from rewriting the whole full-text index and term statistics of every document.
 */
async function unchangedPassages(
  client: Client,
  key: number,
  passages: readonly Passage[],
): Promise<number[]> {
  // `json` keeps the text it was given, so `meta::text` compares with what would be written.
  const stored = await client.query<PassageRecord>(
    'SELECT ordinal, kind, head, body, speakers, page, meta::text AS meta FROM passages WHERE doc = $1',
    [key],
  );
  const before = new Map(stored.rows.map((row) => [row.ordinal, row]));
  return passages
    .map(passageRecord)
    .filter((record) => {
      const old = before.get(record.ordinal);
      return (
        old !== undefined &&
        old.kind === record.kind &&
        old.head === record.head &&
        old.body === record.body &&
        old.speakers === record.speakers &&
        old.page === record.page &&
        old.meta === record.meta
      );
    })
    .map((record) => record.ordinal);
}

async function insertChildren(
  client: Client,
  key: number,
  document: Document,
  kept: readonly number[] = [],
): Promise<void> {
  const keptOrdinals = new Set(kept);
  const passages = document.passages.filter((passage) => !keptOrdinals.has(passage.ordinal));
  const speakerRows = passages.flatMap((passage) =>
    distinctSpeakers(passage).map((speaker) => ({ ordinal: passage.ordinal, ...speaker })),
  );
  const records = passages.map(passageRecord);
  await client.query(
    `INSERT INTO passages (doc, ordinal, kind, head, body, speakers, page, meta, len)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::json[], $9::int[])`,
    [
      key,
      records.map((r) => r.ordinal),
      records.map((r) => r.kind),
      records.map((r) => r.head),
      records.map((r) => r.body),
      records.map((r) => r.speakers),
      records.map((r) => r.page),
      records.map((r) => r.meta),
      records.map((r) => wordCount(r.head ?? r.body ?? '') + wordCount(r.speakers ?? '')),
    ],
  );
  if (speakerRows.length > 0) {
    await client.query(
      `INSERT INTO passage_speakers (doc, ordinal, person, name, label)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
      [
        key,
        speakerRows.map((s) => s.ordinal),
        speakerRows.map((s) => s.person),
        speakerRows.map((s) => s.name),
        speakerRows.map((s) => s.label),
      ],
    );
  }
  const participants = document.participants;
  if (participants.length > 0) {
    await client.query(
      `INSERT INTO participants (doc, person, name, label, role)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        key,
        participants.map((p) => p.personId),
        participants.map((p) => p.name),
        participants.map((p) => p.label),
        participants.map((p) => p.role),
      ],
    );
  }
  const mentionCounts = new Map<string, number>();
  for (const mention of document.mentions)
    mentionCounts.set(mention.personId, (mentionCounts.get(mention.personId) ?? 0) + 1);
  if (mentionCounts.size > 0) {
    await client.query(
      'INSERT INTO mentions (doc, person, count) SELECT $1, * FROM unnest($2::text[], $3::int[])',
      [key, [...mentionCounts.keys()], [...mentionCounts.values()]],
    );
  }
  const redactions = document.redactions;
  if (redactions.length > 0) {
    await client.query(
      `INSERT INTO redactions (doc, seq, passage_ordinal, unit, amount)
       SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::real[])`,
      [
        key,
        redactions.map((_, index) => index + 1),
        redactions.map((r) => r.ordinal),
        redactions.map((r) => r.unit),
        redactions.map((r) => r.amount),
      ],
    );
  }
  const added = 'p.doc = $1 AND NOT (p.ordinal = ANY($2::int[]))';
  await client.query(
    `INSERT INTO term_stats AS t (lexeme, passages)
     SELECT u.lexeme, count(*) FROM passages p, unnest(p.tsv) u
     WHERE ${added} GROUP BY u.lexeme ORDER BY u.lexeme
     ON CONFLICT (lexeme) DO UPDATE SET passages = t.passages + excluded.passages`,
    [key, kept],
  );
  await client.query(
    `UPDATE corpus_stats SET passages = passages + s.n, total_len = total_len + s.len
     FROM (SELECT count(*) AS n, coalesce(sum(p.len), 0) AS len FROM passages p WHERE ${added}) s`,
    [key, kept],
  );
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Names and labels of who speaks the passage, indexed with weight B so `Gromyko` finds his turns. */
function speakerText(passage: Passage): string | null {
  const words = new Set(
    distinctSpeakers(passage)
      .flatMap((s) => [s.name, s.label])
      .filter((v): v is string => !!v),
  );
  return words.size === 0 ? null : [...words].join(' ; ');
}

/** One row per distinct speaker of a passage (narration spans have neither label nor person). */
function distinctSpeakers(
  passage: Passage,
): { person: string | null; name: string | null; label: string | null }[] {
  const rows = new Map<string, { person: string | null; name: string | null; label: string | null }>();
  for (const span of passage.speakers) {
    if (!span.label && !span.personId) continue;
    const row = { person: span.personId, name: span.personName, label: span.label };
    rows.set(JSON.stringify(row), row);
  }
  return [...rows.values()];
}

function passageMeta(passage: Passage): string | null {
  if (passage.noteNumber === null && passage.anchor === null && passage.speakers.length === 0) return null;
  const meta: PassageMeta = {
    noteNumber: passage.noteNumber,
    anchor: passage.anchor,
    speakers: passage.speakers,
  };
  return JSON.stringify(meta);
}

function toPassage(row: PassageRow): Passage {
  const meta = row.meta ?? { noteNumber: null, anchor: null, speakers: [] };
  return {
    ordinal: row.ordinal,
    kind: row.kind,
    text: row.head ?? row.body ?? '',
    noteNumber: meta.noteNumber,
    anchor: meta.anchor,
    page: row.page,
    speakers: meta.speakers,
  };
}

function checkOrdinals(document: Document): void {
  const seen = new Set<number>();
  for (const passage of document.passages) {
    if (seen.has(passage.ordinal))
      throw new Error(`${document.id}: passage ordinal ${passage.ordinal} occurs twice.`);
    seen.add(passage.ordinal);
  }
}

/** Inserts or replaces one document inside the caller's transaction. */
async function write(client: Client, document: Document): Promise<PutOutcome> {
  const existing = await client.query<{ key: number; content_hash: string; published: boolean }>(
    'SELECT key, content_hash, published FROM documents WHERE id = $1 FOR UPDATE',
    [document.id],
  );
  const old = existing.rows[0];
  if (old?.content_hash === document.contentHash) return 'unchanged';
  let key: number;
  let kept: number[] = [];
  if (old) {
    key = old.key;
    kept = await unchangedPassages(client, key, document.passages);
    await deleteChildren(client, [key], kept);
    await client.query(
      `UPDATE documents SET collection_id = $2, type = $3, date_start = $4, date_end = $5, year = $6,
         class_level = $7, caveats = $8, content_hash = $9, source_path = $10, title = $11, json = $12,
         speaker_names = $13, participant_names = $14
       WHERE key = $1`,
      [key, ...documentColumns(document)],
    );
  } else {
    const inserted = await client.query<{ key: number }>(
      `INSERT INTO documents (collection_id, type, date_start, date_end, year, class_level, caveats,
         content_hash, source_path, title, json, speaker_names, participant_names, id, published)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING key`,
      [...documentColumns(document), document.id, document.published],
    );
    key = inserted.rows[0]!.key;
  }
  await insertChildren(client, key, document, kept);
  return old ? 'updated' : 'added';
}
