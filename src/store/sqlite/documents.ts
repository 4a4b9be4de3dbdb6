/**
 * Writing and reading whole documents: one transaction per document, keyed by id and content
 * hash. The same hash writes nothing; a new hash replaces the document's rows, its passages and
 * their index entries in the same transaction, so a reader sees the old or the new document,
 * never a mix, and an interrupted run leaves no orphans.
 */
import type { Document, Passage } from '../../records/schema.js';
import type { PutOutcome } from '../archive.js';
import type { SqliteDatabase } from './database.js';
import { WIDEN_DATE_SPAN_SQL } from './date-span.js';
import { PASSAGES_PER_DOCUMENT, passageKey, passageRange } from './keys.js';
import { decodePassageMeta, encodePassageMeta } from './passage-meta.js';
import { packTexts, passageText, unpackTexts, type PassageTexts } from './passage-texts.js';

interface ExistingRow {
  key: number;
  content_hash: string;
  published: number;
}

interface PassageRow {
  key: number;
  kind: Passage['kind'];
  head: string | null;
  body: string | null;
  page: string | null;
  meta: string | null;
}

export class DocumentStore {
  private readonly findDocument;
  private readonly insertDocument;
  private readonly updateDocument;
  private readonly deleteDocumentRow;
  private readonly widenDateSpan;
  private readonly insertPassage;
  private readonly indexPassage;
  private readonly unindexPassages;
  private readonly deletePassages;
  private readonly insertSpeaker;
  private readonly deleteSpeakers;
  private readonly findParticipantName;
  private readonly insertParticipantName;
  private readonly insertParticipant;
  private readonly deleteParticipants;
  private readonly insertMention;
  private readonly deleteMentions;
  private readonly insertRedaction;
  private readonly deleteRedactions;
  private readonly selectDocument;
  private readonly selectPassages;
  private readonly selectDocumentsOfSource;
  private readonly writeTransaction;
  private readonly removeTransaction;
  private readonly batchTransaction;

  constructor(private readonly db: SqliteDatabase) {
    this.findDocument = db.prepare<[string], ExistingRow>(
      'SELECT key, content_hash, published FROM documents WHERE id = ?',
    );
    const columns = `collection_id = @collection_id, type = @type, date_start = @date_start,
      date_end = @date_end, year = @year, class_level = @class_level, caveats = @caveats,
      published = @published, content_hash = @content_hash, source_path = @source_path,
      title = @title, json = @json, texts = @texts`;
    this.insertDocument = db.prepare(
      `INSERT INTO documents (id, collection_id, type, date_start, date_end, year, class_level, caveats,
         published, content_hash, source_path, title, json, texts)
       VALUES (@id, @collection_id, @type, @date_start, @date_end, @year, @class_level, @caveats,
         @published, @content_hash, @source_path, @title, @json, @texts)`,
    );
    this.updateDocument = db.prepare(`UPDATE documents SET ${columns} WHERE key = @key`);
    this.deleteDocumentRow = db.prepare('DELETE FROM documents WHERE key = ?');
    this.widenDateSpan = db.prepare(WIDEN_DATE_SPAN_SQL);
    this.insertPassage = db.prepare(
      'INSERT INTO passages (key, kind, speakers, page, meta) VALUES (?, ?, ?, ?, ?)',
    );
    this.indexPassage = db.prepare(
      'INSERT INTO passages_fts (rowid, head, body, speakers) VALUES (?, ?, ?, ?)',
    );
    this.unindexPassages = db.prepare('DELETE FROM passages_fts WHERE rowid BETWEEN ? AND ?');
    this.deletePassages = db.prepare('DELETE FROM passages WHERE key BETWEEN ? AND ?');
    this.insertSpeaker = db.prepare(
      'INSERT INTO passage_speakers (passage, person, name, label) VALUES (?, ?, ?, ?)',
    );
    this.deleteSpeakers = db.prepare('DELETE FROM passage_speakers WHERE passage BETWEEN ? AND ?');
    this.findParticipantName = db
      .prepare<[string, string, string | null], number>(
        'SELECT id FROM participant_names WHERE name = ? AND label = ? AND person IS ?',
      )
      .pluck();
    this.insertParticipantName = db.prepare(
      'INSERT INTO participant_names (name, label, person) VALUES (?, ?, ?)',
    );
    this.insertParticipant = db.prepare('INSERT INTO participants (doc, name_id, role) VALUES (?, ?, ?)');
    this.deleteParticipants = db.prepare('DELETE FROM participants WHERE doc = ?');
    this.insertMention = db.prepare('INSERT INTO mentions (person, doc, count) VALUES (?, ?, ?)');
    this.deleteMentions = db.prepare('DELETE FROM mentions WHERE doc = ?');
    this.insertRedaction = db.prepare(
      'INSERT INTO redactions (doc, seq, passage_ordinal, unit, amount) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteRedactions = db.prepare('DELETE FROM redactions WHERE doc = ?');
    this.selectDocument = db.prepare<[string], { key: number; json: string; texts: Buffer | null }>(
      'SELECT key, json, texts FROM documents WHERE id = ?',
    );
    this.selectPassages = db.prepare<[number, number], PassageRow>(
      'SELECT key, kind, head, body, page, meta FROM passages WHERE key BETWEEN ? AND ? ORDER BY key',
    );
    this.selectDocumentsOfSource = db.prepare<[string], { key: number; id: string }>(
      'SELECT key, id FROM documents WHERE source_path = ?',
    );
    const write = (document: Document, texts: Buffer | undefined): PutOutcome => {
      const existing = this.findDocument.get(document.id);
      if (existing?.content_hash === document.contentHash) return 'unchanged';
      // A replaced document keeps its published state: an embargo outlives a re-ingest.
      const row = {
        ...documentRow(existing ? { ...document, published: existing.published === 1 } : document),
        texts: texts ?? packTexts(document.passages),
      };
      let key: number;
      if (existing) {
        key = existing.key;
        this.deleteChildren(key);
        this.updateDocument.run({ ...row, key });
      } else {
        key = Number(this.insertDocument.run(row).lastInsertRowid);
      }
      this.insertChildren(key, document);
      this.widenDateSpan.run(key);
      return existing ? 'updated' : 'added';
    };
    this.writeTransaction = db.transaction(write);
    // No savepoint per document: FTS5 flushes its pending terms to a new segment at every
    // savepoint, which would undo the point of batching.
    this.batchTransaction = db.transaction(
      (documents: readonly Document[], texts: readonly Buffer[] | undefined) =>
        documents.map((document, i) => write(document, texts?.[i])),
    );
    this.removeTransaction = db.transaction((keys: number[]) => {
      for (const key of keys) {
        this.deleteChildren(key);
        this.deleteDocumentRow.run(key);
      }
    });
  }

  /** `texts`, when given, is `packTexts(document.passages)`, packed by the caller's thread. */
  put(document: Document, texts?: Buffer): PutOutcome {
    // Checked before taking the write lock: re-ingesting an unchanged archive only reads.
    if (this.findDocument.get(document.id)?.content_hash === document.contentHash) return 'unchanged';
    checkOrdinals(document);
    return this.writeTransaction.immediate(document, texts);
  }

  /**
   * Several documents in one transaction: all are stored or none is. Each document is still
   * replaced as a whole; one commit per batch instead of per document halves the cost of the
   * full-text index, which writes one segment per commit.
   */
  putMany(documents: readonly Document[], texts?: readonly Buffer[]): PutOutcome[] {
    const changed = documents.filter(
      (document) => this.findDocument.get(document.id)?.content_hash !== document.contentHash,
    );
    if (changed.length === 0) return documents.map(() => 'unchanged');
    for (const document of changed) checkOrdinals(document);
    return this.batchTransaction.immediate(documents, texts);
  }

  get(id: string): Document | null {
    const row = this.selectDocument.get(id);
    if (!row) return null;
    const stored = JSON.parse(row.json) as StoredDocument;
    const texts = unpackTexts(row.texts);
    const passages = this.selectPassages
      .all(...passageRange(row.key))
      .map((passage) => toPassage(passage, texts));
    return decodeDocument(stored, passages);
  }

  removeOfSource(sourcePath: string, keepIds: ReadonlySet<string>): number {
    const doomed = this.selectDocumentsOfSource
      .all(sourcePath)
      .filter((row) => !keepIds.has(row.id))
      .map((row) => row.key);
    if (doomed.length > 0) this.removeTransaction.immediate(doomed);
    return doomed.length;
  }

  private deleteChildren(key: number): void {
    const [first, last] = passageRange(key);
    // BigInt bounds: FTS5 scans the whole index for a rowid range bound as floats.
    this.unindexPassages.run(BigInt(first), BigInt(last));
    this.deletePassages.run(first, last);
    this.deleteSpeakers.run(first, last);
    this.deleteParticipants.run(key);
    this.deleteMentions.run(key);
    this.deleteRedactions.run(key);
  }

  /**
   * Names are stored once and participants point at them, so that `person:Kissinger` matches
   * the distinct names (1,362 at 1,000,000 documents) instead of every participant row (2.2
   * million). A name left without participants by a replaced document stays: it matches nothing.
   */
  private participantNameId(participant: Document['participants'][number]): number {
    const { name, label, personId } = participant;
    return (
      this.findParticipantName.get(name, label, personId) ??
      Number(this.insertParticipantName.run(name, label, personId).lastInsertRowid)
    );
  }

  private insertChildren(key: number, document: Document): void {
    for (const passage of document.passages) {
      const id = passageKey(key, passage.ordinal);
      const head = passage.kind === 'heading' ? passage.text : null;
      const body = passage.kind === 'heading' ? null : passage.text;
      const speakers = speakerRows(passage);
      const speakerText =
        speakers.length === 0
          ? null
          : [...new Set(speakers.flatMap((s) => [s.name, s.label]).filter((v): v is string => !!v))].join(
              ' ; ',
            );
      this.insertPassage.run(id, passage.kind, speakerText, passage.page, encodePassageMeta(passage));
      this.indexPassage.run(id, head, body, speakerText);
      for (const speaker of speakers) this.insertSpeaker.run(id, speaker.person, speaker.name, speaker.label);
    }
    for (const participant of document.participants)
      this.insertParticipant.run(key, this.participantNameId(participant), participant.role);
    const mentionCounts = new Map<string, number>();
    for (const mention of document.mentions)
      mentionCounts.set(mention.personId, (mentionCounts.get(mention.personId) ?? 0) + 1);
    for (const [person, count] of mentionCounts) this.insertMention.run(person, key, count);
    document.redactions.forEach((redaction, index) =>
      this.insertRedaction.run(key, index + 1, redaction.ordinal, redaction.unit, redaction.amount),
    );
  }
}

function documentRow(document: Document) {
  const start = document.date?.start ?? null;
  const year = start ? Number.parseInt(start.slice(0, 4), 10) : null;
  const caveats = document.classification.caveats.map((caveat) => caveat.toUpperCase());
  return {
    id: document.id,
    collection_id: document.collectionId,
    type: document.type,
    date_start: start,
    date_end: document.date?.end ?? null,
    year: Number.isFinite(year) ? year : null,
    class_level: document.classification.level,
    // Delimited on both sides so `caveat:nodis` is one LIKE '%|NODIS|%' with no false prefix hits.
    caveats: caveats.length > 0 ? `|${caveats.join('|')}|` : '',
    published: document.published ? 1 : 0,
    content_hash: document.contentHash,
    source_path: document.sourcePath,
    title: document.title,
    json: JSON.stringify(encodeDocument(document)),
  };
}

/** Mentions and links as `[ordinal, start, end, id]` when their text is the passage's own. */
type CompactSpan = [number, number, number, string];
type StoredDocument = Omit<Document, 'mentions' | 'links'> & {
  mentions: (Document['mentions'][number] | CompactSpan)[];
  links: (Document['links'][number] | CompactSpan)[];
};

/**
 * The document row's JSON: passages live in their own table (the key is kept, empty, to keep
 * the field order), and a mention's or link's text is dropped when the passage holds it, which
 * halves the JSON of a FRUS document.
 */
function encodeDocument(document: Document): StoredDocument {
  const texts = new Map(document.passages.map((passage) => [passage.ordinal, passage.text]));
  const derivable = (span: { ordinal: number; start: number; end: number; text: string }) =>
    texts.get(span.ordinal)?.slice(span.start, span.end) === span.text;
  return {
    ...document,
    passages: [],
    mentions: document.mentions.map((m) => (derivable(m) ? [m.ordinal, m.start, m.end, m.personId] : m)),
    links: document.links.map((l) => (derivable(l) ? [l.ordinal, l.start, l.end, l.target] : l)),
  };
}

function decodeDocument(stored: StoredDocument, passages: Passage[]): Document {
  const texts = new Map(passages.map((passage) => [passage.ordinal, passage.text]));
  const text = (ordinal: number, start: number, end: number) => texts.get(ordinal)!.slice(start, end);
  return {
    ...stored,
    passages,
    mentions: stored.mentions.map((m) =>
      Array.isArray(m)
        ? { ordinal: m[0], start: m[1], end: m[2], personId: m[3], text: text(m[0], m[1], m[2]) }
        : m,
    ),
    links: stored.links.map((l) =>
      Array.isArray(l)
        ? { ordinal: l[0], start: l[1], end: l[2], target: l[3], text: text(l[0], l[1], l[2]) }
        : l,
    ),
  };
}

function checkOrdinals(document: Document): void {
  const seen = new Set<number>();
  for (const passage of document.passages) {
    if (passage.ordinal >= PASSAGES_PER_DOCUMENT)
      throw new Error(
        `${document.id}: passage ordinal ${passage.ordinal} exceeds ${PASSAGES_PER_DOCUMENT - 1}.`,
      );
    if (seen.has(passage.ordinal))
      throw new Error(`${document.id}: passage ordinal ${passage.ordinal} occurs twice.`);
    seen.add(passage.ordinal);
  }
}

/** One row per distinct speaker of a passage (narration spans have neither label nor person). */
function speakerRows(
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

function toPassage(row: PassageRow, texts: PassageTexts): Passage {
  const meta = decodePassageMeta(row.meta);
  return {
    ordinal: row.key % PASSAGES_PER_DOCUMENT,
    kind: row.kind,
    text: passageText(row, texts),
    noteNumber: meta.noteNumber,
    anchor: meta.anchor,
    page: row.page,
    speakers: meta.speakers,
  };
}
