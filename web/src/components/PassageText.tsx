/**
 * One passage's text with what the record knows about it laid over the words: who says each
 * sentence, where text was withheld, footnote marks, page breaks, people and cross-references.
 * The text itself is only ever given to React as text.
 */
import type { ReactNode } from 'react';
import type { Document, Passage } from '../../../src/records/schema.js';
import { Link } from '../router.js';
import { speakerKey, speakerName, type SpeakerColours } from './speakers.js';

export interface NoteMark {
  offset: number;
  noteNumber: string;
  footnoteOrdinal: number;
}

interface Span {
  start: number;
  end: number;
}

interface PassageTextProps {
  document: Document;
  passage: Passage;
  notes: readonly NoteMark[];
  colours: SpeakerColours;
}

export function PassageText({ document, passage, notes, colours }: PassageTextProps) {
  const text = passage.text;
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n));
  const redactions = document.redactions.filter((r) => r.ordinal === passage.ordinal);
  const mentions = document.mentions.filter((m) => m.ordinal === passage.ordinal);
  const links = document.links.filter((l) => l.ordinal === passage.ordinal);
  const pageBreaks = document.pageBreaks.filter((b) => b.ordinal === passage.ordinal && b.offset > 0);
  const speakers = passage.speakers;

  const cuts = new Set<number>([0, text.length]);
  for (const span of [...redactions, ...mentions, ...links, ...speakers] as Span[]) {
    cuts.add(clamp(span.start));
    cuts.add(clamp(span.end));
  }
  for (const point of [...notes, ...pageBreaks]) cuts.add(clamp(point.offset));
  const sorted = [...cuts].sort((a, b) => a - b);

  const covering = <T extends Span>(spans: readonly T[], at: number) =>
    spans.find((s) => s.start <= at && at < s.end);
  const pointsAt = (at: number): ReactNode[] => [
    ...pageBreaks
      .filter((b) => clamp(b.offset) === at)
      .map((b) => (
        <span key={`page-${b.page}-${at}`} className="page-break" aria-label={`Page ${b.page} begins`}>
          [Page {b.page}]
        </span>
      )),
    ...notes
      .filter((n) => clamp(n.offset) === at)
      .map((n) => (
        <sup key={`note-${n.footnoteOrdinal}`} id={`ref-p${n.footnoteOrdinal}`} className="note-ref">
          <a href={`#p${n.footnoteOrdinal}`} aria-label={`Footnote ${n.noteNumber}`}>
            {n.noteNumber}
          </a>
        </sup>
      )),
  ];

  // Runs of text that share one speaker span; each run is coloured for its speaker.
  const runs: { speaker: (typeof speakers)[number] | undefined; nodes: ReactNode[] }[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    if (start === end) continue;
    const speaker = covering(speakers, start);
    let run = runs[runs.length - 1];
    if (!run || run.speaker !== speaker) {
      run = { speaker, nodes: [] };
      runs.push(run);
    }
    run.nodes.push(...pointsAt(start));
    run.nodes.push(
      <Piece
        key={start}
        text={text.slice(start, end)}
        redaction={covering(redactions, start)}
        mention={covering(mentions, start)}
        link={covering(links, start)}
        collectionId={document.collectionId}
      />,
    );
  }
  const trailing = pointsAt(text.length);

  let previousKey: string | null = null;
  return (
    <>
      {runs.map((run, index) => {
        if (!run.speaker || speakerKey(run.speaker) === null) {
          previousKey = null;
          return <span key={index}>{run.nodes}</span>;
        }
        const key = speakerKey(run.speaker);
        const name = speakerName(run.speaker);
        const showLabel = key !== previousKey;
        previousKey = key;
        const colour = key ? colours.get(key) : undefined;
        return (
          <span
            key={index}
            className="said"
            style={colour ? { borderBottomColor: colour } : undefined}
            title={name ? `${name} speaks` : undefined}
          >
            {showLabel && name ? (
              <span className="speaker-label" style={colour ? { color: colour } : undefined}>
                {name}
              </span>
            ) : null}
            {run.nodes}
          </span>
        );
      })}
      {trailing}
    </>
  );
}

interface PieceProps {
  text: string;
  redaction: Document['redactions'][number] | undefined;
  mention: Document['mentions'][number] | undefined;
  link: Document['links'][number] | undefined;
  collectionId: string;
}

function Piece({ text, redaction, mention, link, collectionId }: PieceProps) {
  if (redaction) {
    const detail = [redaction.marker, ...redaction.exemptions].join(' ');
    return (
      <span className="redaction" title={`Withheld: ${detail}`}>
        <span className="visually-hidden">Redaction: </span>
        {text}
      </span>
    );
  }
  if (mention) {
    const personPath = mention.personId.includes('/')
      ? mention.personId
      : `${collectionId}/${mention.personId}`;
    return (
      <Link to={`/person/${personPath}`} className="mention">
        {text}
      </Link>
    );
  }
  const target = link ? documentTarget(link.target, collectionId) : null;
  if (target) {
    return (
      <Link to={target} className="xref">
        {text}
      </Link>
    );
  }
  return <>{text}</>;
}

/** "frus1964-68v14#d335" or "#d3" → a reader path; anything else stays plain text. */
function documentTarget(target: string, collectionId: string): string | null {
  const local = /^#(d\d+)$/.exec(target);
  if (local) return `/d/${collectionId}/${local[1]}`;
  const other = /^([\w.-]+)[#/](d\d+)$/.exec(target);
  if (other) return `/d/${other[1]}/${other[2]}`;
  return null;
}
