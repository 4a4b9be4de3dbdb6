/**
 * The query tree produced by the query parser. Engines compile this tree, never user text.
 */
export type FilterField = 'type' | 'date' | 'class' | 'caveat' | 'collection' | 'person' | 'speaker';

export type QueryNode =
  /** Matches every document (an empty query with only filters). */
  | { type: 'all' }
  /** A word; `prefix` for `word*`. */
  | { type: 'term'; value: string; prefix: boolean }
  /** Words that must appear next to each other, in order. */
  | { type: 'phrase'; words: string[] }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode }
  /** A field filter such as `type:memcon`, `date:1969..1970-06`, `speaker:Gromyko`. */
  | { type: 'filter'; field: FilterField; value: string };
