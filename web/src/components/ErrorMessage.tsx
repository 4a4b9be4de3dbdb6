import type { ApiRequestError } from '../api.js';

/** An API error as a sentence; for a query syntax error, the query with the place it broke. */
export function ErrorMessage({ error, query }: { error: ApiRequestError; query?: string }) {
  return (
    <div className="error" role="alert">
      <p>{error.message}</p>
      {query !== undefined && error.position !== undefined ? (
        <pre className="query-caret" aria-label="Where the query broke">
          {query}
          {'\n'}
          {' '.repeat(Math.min(error.position, query.length))}^
        </pre>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
