/**
 * The embargo rule in SQLite terms: a document is visible when it is published and its
 * collection is not unpublished. Collections keep their state in their JSON (`$.published`).
 */
import { hidesUnpublished, type Viewer } from '../visibility.js';

/** Condition on `documents` aliased `d`. */
export const VISIBLE_DOCUMENT_SQL =
  "(d.published = 1 AND NOT EXISTS (SELECT 1 FROM collections vc WHERE vc.id = d.collection_id AND json_extract(vc.json, '$.published') = 0))";

/** Condition on a collection id column. */
export function visibleCollectionSql(column: string): string {
  return `NOT EXISTS (SELECT 1 FROM collections vc WHERE vc.id = ${column} AND json_extract(vc.json, '$.published') = 0)`;
}

/** The document condition for this viewer: `1` when it may see everything. */
export function documentVisibility(viewer: Viewer | undefined): string {
  return hidesUnpublished(viewer) ? VISIBLE_DOCUMENT_SQL : '1';
}
