/**
 * E-mail records (.eml, RFC 5322): the headers are the metadata — From is the sender, To and
 * Cc the addressees, Date the date, Subject the title — and the body is read like any
 * untagged record. Each attachment a reader recognises (a PDF, a scan, another message)
 * becomes a child document `<parent id>/att<n>`; an attachment that fails is named in the
 * file's error after the readable ones are stored.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { AddressObject, Attachment, ParsedMail } from 'mailparser';
import { buildUntaggedRecord, type KnownFacts } from '../../extract/untagged-record.js';
import type { Document, Participant } from '../../records/schema.js';
import { isEmail } from '../content-type.js';
import { htmlToLines } from '../html/text.js';
import { checkFileSize, limitsWith, withTimeLimit, type ReadLimits } from '../limits.js';
import { fileStem, folderCollection, looseDocumentId, sha256, slug } from '../loose-file.js';
import { ReadError, type Reader, type ReaderEvent } from '../reader.js';

export function createEmailReader(limits: ReadLimits = limitsWith()): Reader {
  return {
    format: 'email',
    accepts: isEmail,
    read: (path) => readEmail(path, limits),
  };
}

export const emailReader: Reader = createEmailReader();

export async function* readEmail(
  path: string,
  limits: ReadLimits = limitsWith(),
): AsyncIterable<ReaderEvent> {
  checkFileSize(path, (await stat(path)).size, limits);
  const data = await readFile(path);
  // mailparser is loaded on the first e-mail, not by every command that lists the readers.
  const { simpleParser } = await import('mailparser');
  const mail = await withTimeLimit(path, limits, () => simpleParser(data));
  const collection = folderCollection(path, 'email');
  const parentId = looseDocumentId(path, collection.id);
  yield { kind: 'collection', collection };
  yield {
    kind: 'document',
    document: buildUntaggedRecord({
      id: parentId,
      collectionId: collection.id,
      sourcePath: path,
      contentHash: sha256(data),
      pages: [{ page: '1', lines: bodyLines(mail) }],
      fallbackTitle: fileStem(path),
      fallbackType: 'letter',
      known: knownFacts(mail),
    }),
  };
  const failures: string[] = [];
  for (const [index, attachment] of mail.attachments.entries()) {
    const childId = `${parentId}/att${index + 1}`;
    try {
      for (const child of await readAttachment(attachment, limits)) {
        yield {
          kind: 'document',
          document: {
            ...child,
            id: childId,
            collectionId: collection.id,
            // Children live and die with the message they came in.
            sourcePath: path,
            title:
              child.title === fileStem(attachmentName(attachment)) ? attachmentName(attachment) : child.title,
          },
        };
        break;
      }
    } catch (error) {
      failures.push(`attachment ${index + 1} (${attachmentName(attachment)}): ${reasonOf(error)}`);
    }
  }
  if (failures.length > 0) {
    throw new ReadError(path, `the message was stored, but ${failures.join('; ')}`);
  }
}

/** The body as lines: the plain-text part, or the HTML part's text when there is none. */
function bodyLines(mail: ParsedMail): string[] {
  if (mail.text && mail.text.trim() !== '') return mail.text.replace(/\r\n?/g, '\n').split('\n');
  if (typeof mail.html === 'string') return htmlToLines(mail.html).lines;
  return [];
}

function knownFacts(mail: ParsedMail): KnownFacts {
  const facts: KnownFacts = { participants: participantsOf(mail) };
  const subject = mail.subject?.trim();
  if (subject) {
    facts.title = subject;
    facts.subject = subject;
  }
  if (mail.date && !Number.isNaN(mail.date.getTime())) {
    // The Date header carries a zone; the record keeps the moment in UTC, marked Z.
    const iso = mail.date.toISOString();
    facts.date = { start: iso.slice(0, 10), end: iso.slice(0, 10), precision: 'day' };
    facts.time = `${iso.slice(11, 16)}Z`;
    const printed = /^Date:\s*(.+)$/im.exec(mail.headerLines.find((line) => line.key === 'date')?.line ?? '');
    if (printed) facts.datePrinted = printed[1]!.trim();
  }
  return facts;
}

function participantsOf(mail: ParsedMail): Participant[] {
  const people = (
    field: AddressObject | AddressObject[] | undefined,
    role: Participant['role'],
    description: string | null,
  ) =>
    (Array.isArray(field) ? field : field ? [field] : [])
      .flatMap((object) => object.value)
      .filter((address) => address.name || address.address)
      .map((address) => {
        const label =
          address.name && address.address
            ? `${address.name} <${address.address}>`
            : (address.name || address.address)!;
        return { name: address.name || address.address!, personId: null, role, description, label };
      });
  return [
    ...people(mail.from, 'sender', null),
    ...people(mail.to, 'addressee', null),
    ...people(mail.cc, 'addressee', 'cc'),
  ];
}

/**
 * The documents in one attachment, read by whichever reader recognises its bytes. The
 * attachment is written to a private temporary folder first, since readers read files.
 */
async function readAttachment(attachment: Attachment, limits: ReadLimits): Promise<Document[]> {
  const { chooseReader, defaultReaders } = await import('../registry.js');
  const folder = await mkdtemp(join(tmpdir(), 'declass-attachment-'));
  try {
    const name = slug(fileStem(attachmentName(attachment))) || 'attachment';
    const file = join(folder, name + extname(attachmentName(attachment)).toLowerCase());
    checkFileSize(attachmentName(attachment), attachment.content.length, limits);
    await writeFile(file, attachment.content);
    const reader = chooseReader(defaultReaders, attachment.content.subarray(0, 4096), file);
    const documents: Document[] = [];
    for await (const event of reader.read(file))
      if (event.kind === 'document') documents.push(event.document);
    return documents;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function attachmentName(attachment: Attachment): string {
  return attachment.filename ?? `attachment.${attachment.contentType.split('/')[1] ?? 'bin'}`;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A ReadError's message starts with the temporary path; the reason is what helps.
  return error.message.replace(/^\S*declass-attachment-[^:]*:\s*/, '');
}
