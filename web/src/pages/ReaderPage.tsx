/**
 * The reader: a document as a historian needs it — marking, date, place, source and
 * declassification notes, participants, then the text with speakers, redactions, page numbers
 * and footnotes, every passage with its stable link `/d/<doc-id>#p<n>`.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { publishedSourceUrl } from '../../../src/publish/citation.js';
import type { Document, Passage } from '../../../src/records/schema.js';
import { documentApiPath, useApi } from '../api.js';
import { ClassificationBanner } from '../components/ClassificationBadge.js';
import { CiteDialog, type CiteTarget } from '../components/CiteDialog.js';
import { ErrorMessage, Loading } from '../components/ErrorMessage.js';
import { PassageText, type NoteMark } from '../components/PassageText.js';
import { assignColours, speakerKey, type SpeakerColours } from '../components/speakers.js';
import { searchHref } from '../query-text.js';
import { Link, useHash } from '../router.js';

const NOTE_KINDS = new Set<Passage['kind']>(['footnote', 'source-note']);

export function ReaderPage({ documentId }: { documentId: string }) {
  const result = useApi<Document>(documentApiPath(documentId));
  if (!result || result.state === 'loading') return <Loading what="the document" />;
  if (result.state === 'error') return <ErrorMessage error={result.error} />;
  return <Reader document={result.data} />;
}

function Reader({ document }: { document: Document }) {
  const [citing, setCiting] = useState<CiteTarget | null>(null);
  const hash = useHash();
  const targeted = /^#p(\d+)$/.exec(hash)?.[1];

  useEffect(() => {
    window.document.title = `${document.title} — Declass`;
  }, [document]);
  useEffect(() => {
    if (!targeted) return;
    const element = window.document.getElementById(`p${targeted}`);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
  }, [targeted, document]);

  const colours = useMemo(() => documentColours(document), [document]);
  const notesByAnchor = useMemo(() => noteMarks(document), [document]);
  const body = document.passages.filter((p) => !NOTE_KINDS.has(p.kind));
  const notes = document.passages.filter((p) => NOTE_KINDS.has(p.kind));
  const sourceUrl = publishedSourceUrl(document);
  const breaksAtStart = new Map(
    document.pageBreaks.filter((b) => b.offset === 0).map((b) => [b.ordinal, b.page] as const),
  );
  let page: string | null = null;

  return (
    <article className="reader">
      <ClassificationBanner classification={document.classification} />
      <header className="doc-header">
        <p className="doc-kicker">
          <Link to={searchHref({ q: `collection:${document.collectionId}`, sort: 'date-asc' })}>
            {document.collectionId}
          </Link>
          {document.number ? ` · Document ${document.number}` : ''} · {document.type}
        </p>
        <h1>{document.title}</h1>
        <p className="doc-when">
          {[document.place, document.datePrinted ?? document.date?.start, document.time]
            .filter(Boolean)
            .join(' · ') || 'Undated'}
        </p>
        <div className="doc-actions">
          <button type="button" onClick={() => setCiting({ documentId: document.id })}>
            Cite
          </button>
          {sourceUrl ? (
            <a href={sourceUrl} rel="noopener noreferrer">
              Original at history.state.gov
            </a>
          ) : null}
        </div>
      </header>

      <dl className="doc-facts">
        {document.subject ? <Fact term="Subject">{document.subject}</Fact> : null}
        {document.sourceNote ? (
          <Fact term="Source">{document.sourceNote.replace(/^Source:\s*/, '')}</Fact>
        ) : null}
        {document.declassification ? (
          <Fact term="Declassified">
            {document.declassification.printed ??
              [
                document.declassification.authority,
                document.declassification.caseNumber,
                document.declassification.date,
              ]
                .filter(Boolean)
                .join(' · ')}
          </Fact>
        ) : null}
        {document.redactions.length > 0 ? (
          <Fact term="Withheld">
            {document.redactions.length} redaction{document.redactions.length === 1 ? '' : 's'}
          </Fact>
        ) : null}
      </dl>

      {document.participants.length > 0 ? <Participants document={document} colours={colours} /> : null}

      <div className="doc-body">
        {body.map((passage) => {
          const pageStart =
            breaksAtStart.get(passage.ordinal) ?? (passage.page !== page ? passage.page : null);
          if (passage.page) page = passage.page;
          return (
            <div key={passage.ordinal}>
              {pageStart ? (
                <div className="page-marker" aria-label={`Page ${pageStart}`}>
                  Page {pageStart}
                </div>
              ) : null}
              <PassageBlock
                document={document}
                passage={passage}
                notes={notesByAnchor.get(passage.ordinal) ?? []}
                colours={colours}
                targeted={targeted === String(passage.ordinal)}
                onCite={() => setCiting({ documentId: document.id, ordinal: passage.ordinal })}
              />
            </div>
          );
        })}
      </div>

      {notes.length > 0 ? (
        <section className="footnotes" aria-label="Notes">
          <h2>Notes</h2>
          <ol>
            {notes.map((note) => (
              <li
                key={note.ordinal}
                id={`p${note.ordinal}`}
                tabIndex={-1}
                className={targeted === String(note.ordinal) ? 'targeted' : undefined}
              >
                <span className="note-number">
                  {note.noteNumber ?? (note.kind === 'source-note' ? 'Source' : '')}
                </span>{' '}
                <PassageText document={document} passage={note} notes={[]} colours={colours} />{' '}
                {note.anchor ? (
                  <a
                    href={`#p${note.anchor.ordinal}`}
                    className="backlink"
                    aria-label={`Back to passage ${note.anchor.ordinal}`}
                  >
                    ↩
                  </a>
                ) : null}{' '}
                <a
                  href={`#p${note.ordinal}`}
                  className="pilcrow"
                  aria-label={`Link to note ${note.noteNumber ?? note.ordinal}`}
                >
                  ¶{note.ordinal}
                </a>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <CiteDialog target={citing} onClose={() => setCiting(null)} />
    </article>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface PassageBlockProps {
  document: Document;
  passage: Passage;
  notes: NoteMark[];
  colours: SpeakerColours;
  targeted: boolean;
  onCite: () => void;
}

function PassageBlock({ document, passage, notes, colours, targeted, onCite }: PassageBlockProps) {
  const Tag = passage.kind === 'heading' ? 'h2' : 'p';
  return (
    <div
      id={`p${passage.ordinal}`}
      tabIndex={-1}
      className={`passage kind-${passage.kind}${targeted ? ' targeted' : ''}`}
    >
      <div className="passage-tools">
        <a
          href={`#p${passage.ordinal}`}
          className="pilcrow"
          aria-label={`Link to passage ${passage.ordinal}`}
        >
          ¶{passage.ordinal}
        </a>
        <button
          type="button"
          className="cite-passage"
          onClick={onCite}
          aria-label={`Cite passage ${passage.ordinal}`}
        >
          cite
        </button>
      </div>
      <Tag className="passage-text">
        <PassageText document={document} passage={passage} notes={notes} colours={colours} />
      </Tag>
    </div>
  );
}

function Participants({ document, colours }: { document: Document; colours: SpeakerColours }) {
  return (
    <section className="participants" aria-label="Participants">
      <h2>Participants</h2>
      <ul>
        {document.participants.map((participant, index) => {
          const colour =
            colours.get(participant.personId ?? participant.label) ?? colours.get(participant.name);
          const name = participant.personId ? (
            <Link to={`/person/${document.collectionId}/${participant.personId}`}>{participant.name}</Link>
          ) : (
            participant.name
          );
          return (
            <li key={index}>
              {colour ? <span className="swatch" style={{ background: colour }} aria-hidden="true" /> : null}
              {name}
              {participant.description ? <span className="meta">, {participant.description}</span> : null}
              {participant.role !== 'participant' ? (
                <span className="role"> ({participant.role})</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Participants first, in the order the record lists them, then anyone else who speaks. */
function documentColours(document: Document): SpeakerColours {
  const speakerKeys = document.passages.flatMap((p) => p.speakers.map((s) => speakerKey(s)));
  const participantKeys = document.participants
    .filter((p) => speakerKeys.includes(p.personId ?? p.label))
    .map((p) => p.personId ?? p.label);
  return assignColours([...participantKeys, ...speakerKeys]);
}

function noteMarks(document: Document): Map<number, NoteMark[]> {
  const byAnchor = new Map<number, NoteMark[]>();
  for (const note of document.passages) {
    if (!note.anchor) continue;
    const marks = byAnchor.get(note.anchor.ordinal) ?? [];
    marks.push({
      offset: note.anchor.offset,
      noteNumber: note.noteNumber ?? '*',
      footnoteOrdinal: note.ordinal,
    });
    byAnchor.set(note.anchor.ordinal, marks);
  }
  return byAnchor;
}
