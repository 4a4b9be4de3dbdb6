/**
 * Who may see embargoed records. Engines receive a Viewer with every read and leave out any
 * document that is unpublished, or whose collection is unpublished, unless the viewer may see
 * unpublished records.
 */
export interface Viewer {
  /** Staff accounts (reader, editor, admin) may read embargoed records; the public may not. */
  canSeeUnpublished: boolean;
}

/** Anyone on the web without an account. */
export const PUBLIC_VIEWER: Viewer = Object.freeze({ canSeeUnpublished: false });

/** The operator working on their own archive (CLI, ingest, evaluation): sees everything. */
export const ARCHIVE_OWNER: Viewer = Object.freeze({ canSeeUnpublished: true });

/** True when the viewer must not see unpublished records (the default viewer sees everything). */
export function hidesUnpublished(viewer: Viewer | undefined): boolean {
  return viewer !== undefined && !viewer.canSeeUnpublished;
}

/** A publish target that names neither a collection nor a document. */
export class UnknownRecordError extends Error {
  constructor(id: string) {
    super(`no collection or document "${id}" in the archive; give a collection id or a document id.`);
    this.name = 'UnknownRecordError';
  }
}
