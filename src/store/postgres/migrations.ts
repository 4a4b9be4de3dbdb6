/**
 * The PostgreSQL schema as ordered migrations, mirroring the SQLite archive's tables. A
 * migration is never edited once released: change the schema by appending a new one.
 *
 * Layout notes (why it is shaped this way):
 * - `passages.tsv` is a generated column: headings weigh A, speaker names B, body text C
 *   (English stemming), under one GIN index. Ranking reads the weights back out of it.
 * - `term_stats` holds each lexeme's passage frequency and `corpus_stats` the passage count and
 *   total length, both kept in the document's own transaction, so BM25 needs no scan at query
 *   time (`ts_stat` would read the whole index for every query).
 * - Children reference `documents(key)` with ON DELETE CASCADE: removing a document is one delete.
 * - `published` is a column on documents and collections; the JSON copies are ignored on read.
 * - `documents.speaker_names` and `participant_names` (version 2) repeat, once per document, the
 *   names the speaker and participant facets count, so a search counts them from the documents
 *   it matched instead of joining every matching passage's speakers.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, passage index with weights, term statistics, accounts and audit log',
    sql: `
      CREATE TABLE collections (
        id text PRIMARY KEY,
        title text NOT NULL,
        published boolean NOT NULL DEFAULT true,
        json json NOT NULL
      );
      CREATE TABLE persons (
        id text PRIMARY KEY,
        collection_id text NOT NULL REFERENCES collections(id),
        local_id text NOT NULL,
        name text NOT NULL,
        json json NOT NULL
      );
      CREATE INDEX persons_by_collection ON persons(collection_id, local_id);
      CREATE INDEX persons_by_local_id ON persons(local_id);
      CREATE TABLE source_files (
        path text PRIMARY KEY,
        sha256 text NOT NULL,
        collection_id text,
        documents integer NOT NULL,
        complete boolean NOT NULL
      );
      CREATE TABLE documents (
        key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        collection_id text NOT NULL REFERENCES collections(id),
        type text NOT NULL,
        date_start text,
        date_end text,
        year integer,
        class_level text,
        caveats text[] NOT NULL,
        published boolean NOT NULL,
        content_hash text NOT NULL,
        source_path text NOT NULL,
        title text NOT NULL,
        json json NOT NULL
      );
      CREATE INDEX documents_by_collection ON documents(collection_id);
      CREATE INDEX documents_by_source ON documents(source_path);
      CREATE INDEX documents_by_date ON documents(date_start, date_end);
      CREATE TABLE passages (
        doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        kind text NOT NULL,
        head text,
        body text,
        speakers text,
        page text,
        meta json,
        -- Words in the passage (all fields), the length BM25 normalises by.
        len integer NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', coalesce(head, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(speakers, '')), 'B') ||
          setweight(to_tsvector('english', coalesce(body, '')), 'C')
        ) STORED,
        PRIMARY KEY (doc, ordinal)
      );
      CREATE INDEX passages_tsv ON passages USING gin (tsv);
      CREATE TABLE passage_speakers (
        doc bigint NOT NULL,
        ordinal integer NOT NULL,
        person text,
        name text,
        label text,
        FOREIGN KEY (doc, ordinal) REFERENCES passages(doc, ordinal) ON DELETE CASCADE
      );
      CREATE INDEX passage_speakers_by_passage ON passage_speakers(doc, ordinal);
      CREATE INDEX passage_speakers_by_person ON passage_speakers(person) WHERE person IS NOT NULL;
      CREATE TABLE participants (
        doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        person text,
        name text NOT NULL,
        label text NOT NULL,
        role text NOT NULL
      );
      CREATE INDEX participants_by_doc ON participants(doc);
      CREATE INDEX participants_by_person ON participants(person) WHERE person IS NOT NULL;
      CREATE TABLE mentions (
        person text NOT NULL,
        doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        count integer NOT NULL,
        PRIMARY KEY (person, doc)
      );
      CREATE INDEX mentions_by_doc ON mentions(doc);
      CREATE TABLE redactions (
        doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        seq integer NOT NULL,
        passage_ordinal integer NOT NULL,
        unit text NOT NULL,
        amount real,
        PRIMARY KEY (doc, seq)
      );
      CREATE TABLE term_stats (
        -- Binary collation: prefix queries (diplomat*) read the primary key as a range.
        lexeme text COLLATE "C" PRIMARY KEY,
        passages bigint NOT NULL
      );
      CREATE TABLE corpus_stats (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        passages bigint NOT NULL,
        total_len bigint NOT NULL
      );
      INSERT INTO corpus_stats (passages, total_len) VALUES (0, 0);
      CREATE TABLE users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Only sha256 hashes of the random tokens and session secrets are kept.
      CREATE TABLE api_tokens (
        hash text PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE sessions (
        hash text PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_hash text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE audit_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        kind text NOT NULL,
        target text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'speaker and participant names on documents, for facets',
    sql: `
      ALTER TABLE documents
        ADD COLUMN speaker_names text[] NOT NULL DEFAULT '{}',
        ADD COLUMN participant_names text[] NOT NULL DEFAULT '{}';
      UPDATE documents d SET
        speaker_names = coalesce((SELECT array_agg(DISTINCT coalesce(s.name, s.label)) FROM passage_speakers s
                                  WHERE s.doc = d.key AND coalesce(s.name, s.label) IS NOT NULL), '{}'),
        participant_names = coalesce((SELECT array_agg(DISTINCT pa.name) FROM participants pa
                                      WHERE pa.doc = d.key), '{}');
    `,
  },
  {
    version: 3,
    name: 'passage index without a pending list',
    // With GIN's fast update, new entries wait in an unsorted pending list that every search
    // must scan until it is merged; an ingest running beside readers made searches slow down
    // in waves. Writing entries straight into the index costs the ingest instead.
    sql: `ALTER INDEX passages_tsv SET (fastupdate = off);`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
