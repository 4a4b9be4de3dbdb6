/**
 * `declass show <doc-id>`: a document's metadata and passages, with footnote anchors,
 * redactions and each sentence's speaker marked.
 */
import type { Command } from 'commander';
import type { Document, Passage } from '../../records/schema.js';
import { openArchive, type ArchiveOptions } from '../archive-option.js';
import { UserError } from '../errors.js';
import { printJson, style } from '../format.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('show a document: metadata, passages, footnotes, redactions and speakers')
    .argument('<doc-id>', 'document id, e.g. frus1969-76v12/d86')
    .option('--json', 'print the stored document as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const archive = await openArchive(command.optsWithGlobals<ArchiveOptions>(), 'read');
      try {
        const document = await archive.getDocument(id);
        if (!document) {
          throw new UserError(`no document "${id}" in the archive. Find ids with "declass search".`);
        }
        if (options.json) printJson(document);
        else console.log(renderDocument(document));
      } finally {
        await archive.close();
      }
    });
}

export function renderDocument(document: Document): string {
  const lines: string[] = [];
  const field = (name: string, value: string | null | undefined) => {
    if (value) lines.push(`${style.dim(name.padEnd(15))}${value}`);
  };
  lines.push(style.bold(document.title), '');
  field('id', document.id);
  field('collection', document.collectionId);
  field('number', document.number);
  field('type', document.type);
  field('date', document.datePrinted ?? document.date?.start);
  field('time', document.time);
  field('place', document.place);
  field('subject', document.subject);
  const classification = document.classification;
  field(
    'classification',
    classification.level ? [classification.level, ...classification.caveats].join(', ') : null,
  );
  const declassification = document.declassification;
  if (declassification) {
    field(
      'declassified',
      [declassification.authority, declassification.caseNumber, declassification.date]
        .filter(Boolean)
        .join(' · '),
    );
  }
  field(
    'participants',
    document.participants.map((p) => (p.description ? `${p.name} (${p.description})` : p.name)).join('; '),
  );
  field('redactions', document.redactions.length > 0 ? String(document.redactions.length) : null);
  lines.push('');

  const footnotesByAnchor = new Map<number, Passage[]>();
  for (const passage of document.passages) {
    if (passage.kind === 'footnote' && passage.anchor) {
      const list = footnotesByAnchor.get(passage.anchor.ordinal) ?? [];
      list.push(passage);
      footnotesByAnchor.set(passage.anchor.ordinal, list);
    }
  }
  let page: string | null = null;
  for (const passage of document.passages) {
    if (passage.page && passage.page !== page) {
      page = passage.page;
      lines.push(style.dim(`— page ${page} —`));
    }
    const label =
      passage.kind === 'footnote' || passage.kind === 'source-note' ? `[^${passage.noteNumber ?? '?'}]` : '';
    const kind = passage.kind === 'paragraph' ? '' : ` ${passage.kind}`;
    lines.push(
      `${style.dim(`p${passage.ordinal}${kind}`)} ${label}${markPassage(document, passage, footnotesByAnchor)}`,
    );
  }
  return lines.join('\n');
}

/** Inserts footnote anchors, redaction marks and speaker labels at their offsets. */
function markPassage(
  document: Document,
  passage: Passage,
  footnotesByAnchor: Map<number, Passage[]>,
): string {
  const inserts: { at: number; text: string; order: number }[] = [];
  for (const note of footnotesByAnchor.get(passage.ordinal) ?? []) {
    inserts.push({ at: note.anchor!.offset, text: style.dim(`[^${note.noteNumber ?? '?'}]`), order: 2 });
  }
  for (const redaction of document.redactions) {
    if (redaction.ordinal !== passage.ordinal) continue;
    inserts.push({ at: redaction.start, text: style.mark('REDACTED') + ' ', order: 1 });
  }
  let lastSpeaker: string | null | undefined;
  for (const span of passage.speakers) {
    const who = span.personName ?? span.label;
    if (who && who !== lastSpeaker) inserts.push({ at: span.start, text: style.bold(`‹${who}› `), order: 0 });
    lastSpeaker = who;
  }
  inserts.sort((a, b) => b.at - a.at || b.order - a.order);
  let text = passage.text;
  for (const insert of inserts) text = text.slice(0, insert.at) + insert.text + text.slice(insert.at);
  return text;
}
