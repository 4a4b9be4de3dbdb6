/**
 * From the `q` parameter to a parsed query tree. A blank query means "everything" (so that
 * filters alone, or the timeline of the whole archive, work); a malformed one is a 400 that
 * says where it broke.
 */
import type { QueryNode } from '../search/ast.js';
import { parseQuery, QuerySyntaxError } from '../search/parser.js';
import { badRequest } from './errors.js';

export function parseUserQuery(text: string | undefined): QueryNode {
  if (text === undefined || text.trim() === '') return { type: 'all' };
  try {
    return parseQuery(text);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw badRequest(error.message, { position: error.position });
    }
    throw error;
  }
}

/** The query narrowed by extra filters, e.g. the timeline's `date:1969`. */
export function withFilters(query: QueryNode, filters: QueryNode[]): QueryNode {
  if (filters.length === 0) return query;
  if (query.type === 'all') return filters.length === 1 ? filters[0]! : { type: 'and', children: filters };
  return { type: 'and', children: [query, ...filters] };
}

/** `q` as a JSON-schema'd query-string field, shared by search and timeline. */
export const queryTextSchema = {
  type: 'string',
  maxLength: 2000,
  default: '',
  description:
    'Query language: words, "phrases", AND / OR / NOT and -word, parentheses, word*, and filters ' +
    'type:memcon, date:1969..1970-06, class:secret, caveat:nodis, collection:frus1969-76v12, ' +
    'person:Kissinger, speaker:Gromyko.',
};
