/**
 * The SQLite schema as ordered migrations. A migration is never edited once released: change
 * the schema by appending a new one. `schema_migrations` records which ones a database has.
 *
 * Layout notes (why it is shaped this way):
 * - A passage's key is `document key × 2^20 + ordinal`, so a document's passages are one key
 *   range: no passage→document index is needed, and replacing a document is a range delete.
 * - Passage text is stored once: since version 3 deflated per document in `documents.texts`
 *   (see passage-texts.ts), with a contentless FTS5 index; rows written before keep theirs in
 *   `passages.head` (headings) or `passages.body` (the rest).
 * - `documents.json` holds the document without its passages; `passages.meta` holds a
 *   passage's rarer optional fields (note number, anchor, speaker spans) only when one is set.
 */
import { RECORD_DATE_SPAN_SQL } from './date-span.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records and passage index',
    sql: `
      CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE TABLE persons (
        id TEXT PRIMARY KEY,
        collection_id TEXT NOT NULL REFERENCES collections(id),
        local_id TEXT NOT NULL,
        name TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX persons_by_collection ON persons(collection_id, local_id);
      CREATE INDEX persons_by_local_id ON persons(local_id);
      CREATE TABLE source_files (
        path TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        collection_id TEXT,
        documents INTEGER NOT NULL,
        complete INTEGER NOT NULL
      );
      CREATE TABLE documents (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        collection_id TEXT NOT NULL REFERENCES collections(id),
        type TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        year INTEGER,
        class_level TEXT,
        caveats TEXT NOT NULL,
        published INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        source_path TEXT NOT NULL,
        title TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX documents_by_collection ON documents(collection_id);
      CREATE INDEX documents_by_source ON documents(source_path);
      CREATE INDEX documents_by_date ON documents(date_start, date_end);
      CREATE TABLE passages (
        key INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        head TEXT,
        body TEXT,
        speakers TEXT,
        page TEXT,
        meta TEXT
      );
      CREATE VIRTUAL TABLE passages_fts USING fts5(
        head, body, speakers,
        content = 'passages', content_rowid = 'key',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      -- One small segment is written per document transaction; merging 16 at a time instead
      -- of 4 cuts ingest time by a third (measured on the FRUS volumes) at little query cost.
      INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 16);
      INSERT INTO passages_fts (passages_fts, rank) VALUES ('crisismerge', 64);
      CREATE TABLE passage_speakers (
        passage INTEGER NOT NULL,
        person TEXT,
        name TEXT,
        label TEXT
      );
      CREATE INDEX passage_speakers_by_passage ON passage_speakers(passage);
      CREATE INDEX passage_speakers_by_person ON passage_speakers(person) WHERE person IS NOT NULL;
      CREATE TABLE participants (
        doc INTEGER NOT NULL REFERENCES documents(key),
        person TEXT,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        role TEXT NOT NULL
      );
      CREATE INDEX participants_by_doc ON participants(doc);
      CREATE INDEX participants_by_person ON participants(person) WHERE person IS NOT NULL;
      CREATE TABLE mentions (
        person TEXT NOT NULL,
        doc INTEGER NOT NULL REFERENCES documents(key),
        count INTEGER NOT NULL,
        PRIMARY KEY (person, doc)
      ) WITHOUT ROWID;
      CREATE INDEX mentions_by_doc ON mentions(doc);
      CREATE TABLE redactions (
        doc INTEGER NOT NULL REFERENCES documents(key),
        seq INTEGER NOT NULL,
        passage_ordinal INTEGER NOT NULL,
        unit TEXT NOT NULL,
        amount REAL,
        PRIMARY KEY (doc, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'accounts, sessions and the publishing audit log',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
        created_at TEXT NOT NULL
      );
      -- Only sha256 hashes of the random tokens and session secrets are kept.
      CREATE TABLE api_tokens (
        hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_hash TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'passage text deflated per document, contentless passage index',
    // The index is rebuilt from the text of the rows written so far, which stays where it is.
    sql: `
      ALTER TABLE documents ADD COLUMN texts BLOB;
      DROP TABLE passages_fts;
      CREATE VIRTUAL TABLE passages_fts USING fts5(
        head, body, speakers,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 16);
      INSERT INTO passages_fts (passages_fts, rank) VALUES ('crisismerge', 64);
      INSERT INTO passages_fts (rowid, head, body, speakers) SELECT key, head, body, speakers FROM passages;
    `,
  },
  {
    version: 4,
    name: 'date index that covers every document filter',
    // A search with filters only (`type:memcon`, a date range, a person) walks this index in
    // date order and stops at the page's last hit; without the filter columns in it, it read
    // each document's whole row (texts and JSON): 38 s for `type:memcon` at 1,000,000 documents.
    sql: `
      DROP INDEX documents_by_date;
      CREATE INDEX documents_by_date
        ON documents(date_start, date_end, type, class_level, collection_id, published, caveats, id);
    `,
  },
  {
    version: 5,
    name: 'the widest date interval, which bounds date filters',
    sql: `
      CREATE TABLE archive_facts (
        name TEXT PRIMARY KEY,
        value
      );
      ${RECORD_DATE_SPAN_SQL};
    `,
  },
  {
    version: 6,
    name: 'participant names stored once',
    // `person:Kissinger` matched names with LIKE over every participant row (2.2 million at
    // 1,000,000 documents; 1.4 s). It now matches the distinct names and follows an index from
    // each match to its documents. The by-person index moves to the names, so participants keep
    // two indexes, one of them now over every row.
    sql: `
      CREATE TABLE participant_names (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        person TEXT
      );
      INSERT INTO participant_names (name, label, person)
        SELECT DISTINCT name, label, person FROM participants ORDER BY name, label, person;
      CREATE INDEX participant_names_by_name ON participant_names(name, label, person);
      CREATE INDEX participant_names_by_person ON participant_names(person) WHERE person IS NOT NULL;
      CREATE TABLE participants_by_name_id (
        doc INTEGER NOT NULL REFERENCES documents(key),
        name_id INTEGER NOT NULL REFERENCES participant_names(id),
        role TEXT NOT NULL
      );
      INSERT INTO participants_by_name_id (doc, name_id, role)
        SELECT pa.doc, n.id, pa.role FROM participants pa
        JOIN participant_names n ON n.name = pa.name AND n.label = pa.label AND n.person IS pa.person
        ORDER BY pa.rowid;
      DROP TABLE participants;
      ALTER TABLE participants_by_name_id RENAME TO participants;
      CREATE INDEX participants_by_doc ON participants(doc);
      CREATE INDEX participants_by_name ON participants(name_id, doc);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
