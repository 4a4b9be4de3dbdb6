/**
 * Search: the query box, facets with counts, results grouped by document with highlighted
 * snippets, speakers and classification, and paging. Everything lives in the URL, so a search
 * can be bookmarked and shared.
 */
import type { DocumentHit, FacetCount } from '../../../src/search/types.js';
import type { CollectionSummary, SearchApiResponse } from '../../../src/server/api-types.js';
import { useApi } from '../api.js';
import { ClassificationBadge } from '../components/ClassificationBadge.js';
import { ErrorMessage, Loading } from '../components/ErrorMessage.js';
import { QueryHelp } from '../components/QueryHelp.js';
import { SearchForm } from '../components/SearchForm.js';
import { Snippet } from '../components/Snippet.js';
import { SpeakerChip, distinctSpeakers, speakerName } from '../components/speakers.js';
import { addTerm, facetTerm, FACET_LABELS, searchHref, withDateRange } from '../query-text.js';
import { Link, useLocation } from '../router.js';
import { formatDate } from '../dates.js';

const PAGE_SIZE = 10;

export function SearchPage() {
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const sort = params.get('sort') ?? 'relevance';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const effective = withDateRange(q, from, to);
  const hasQuery = effective.trim() !== '';
  const url = hasQuery
    ? `/api/search?${new URLSearchParams({
        q: effective,
        limit: String(PAGE_SIZE),
        offset: String((page - 1) * PAGE_SIZE),
        sort,
        facets: 'true',
      })}`
    : null;
  const result = useApi<SearchApiResponse>(url);
  const formKey = `${q}|${from}|${to}|${sort}`;

  return (
    <div className="search-page">
      <SearchForm key={formKey} initial={{ q, from, to, sort }} />
      <QueryHelp />
      {!hasQuery ? <ArchiveOverview /> : null}
      {result?.state === 'loading' ? <Loading what="results" /> : null}
      {result?.state === 'error' ? <ErrorMessage error={result.error} query={effective} /> : null}
      {result?.state === 'ready' ? (
        <Results response={result.data} q={q} from={from} to={to} sort={sort} page={page} />
      ) : null}
    </div>
  );
}

interface ResultsProps {
  response: SearchApiResponse;
  q: string;
  from: string;
  to: string;
  sort: string;
  page: number;
}

function Results({ response, q, from, to, sort, page }: ResultsProps) {
  const pages = Math.ceil(response.total / PAGE_SIZE);
  // With an inexact total there may be pages beyond the counted ones.
  const hasNext = page < pages || (!response.totalExact && response.hits.length === PAGE_SIZE);
  const hrefFor = (changes: Record<string, string | number | undefined>) =>
    searchHref({ q, from, to, sort: sort === 'relevance' ? undefined : sort, ...changes });
  return (
    <div className="results-layout">
      <aside className="facets" aria-label="Refine">
        {Object.entries(response.facets ?? {}).map(([name, counts]) => (
          <FacetGroup
            key={name}
            name={name}
            counts={counts}
            atLeast={!response.totalExact}
            hrefFor={(term) => hrefFor({ q: addTerm(q, term), page: undefined })}
          />
        ))}
      </aside>
      <section className="results" aria-label="Results">
        <p className="result-count" role="status">
          {response.total === 0
            ? 'No documents match.'
            : response.totalExact
              ? `${response.total.toLocaleString('en-US')} document${response.total === 1 ? '' : 's'} · page ${page} of ${pages}`
              : `At least ${response.total.toLocaleString('en-US')} documents (counting stopped there) · page ${page}`}{' '}
          <Link to={hrefFor({ page: undefined }).replace('/search', '/timeline')}>
            Timeline of these results
          </Link>
        </p>
        {response.rankingExact ? null : (
          <p className="ranking-note">
            These words are very common in the archive: the results are the best of the passages holding the
            rarer words or every word, not a ranking of every match. Add a rarer word, a phrase or a filter
            for a complete ranking.
          </p>
        )}
        <ol className="hits" start={(page - 1) * PAGE_SIZE + 1}>
          {response.hits.map((hit) => (
            <Hit key={hit.documentId} hit={hit} />
          ))}
        </ol>
        {pages > 1 || hasNext ? (
          <nav className="pager" aria-label="Pages">
            {page > 1 ? (
              <Link to={hrefFor({ page: page - 1 })} rel="prev">
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            <span>{response.totalExact ? `Page ${page} of ${pages}` : `Page ${page}`}</span>
            {hasNext ? (
              <Link to={hrefFor({ page: page + 1 })} rel="next">
                Next →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

function FacetGroup({
  name,
  counts,
  atLeast,
  hrefFor,
}: {
  name: string;
  counts: FacetCount[];
  /** Counting stopped early: each count is a lower bound. */
  atLeast: boolean;
  hrefFor: (term: string) => string;
}) {
  if (counts.length === 0) return null;
  return (
    <section className="facet">
      <h2>{FACET_LABELS[name] ?? name}</h2>
      <ul>
        {counts.slice(0, 12).map((count) => {
          const term = facetTerm(name, count.value);
          const label = (
            <>
              <span className="facet-value">{count.value}</span>{' '}
              <span className="count" title={atLeast ? 'at least this many' : undefined}>
                {atLeast ? '≥ ' : ''}
                {count.count.toLocaleString('en-US')}
              </span>
            </>
          );
          return (
            <li key={count.value}>
              {term ? (
                <Link to={hrefFor(term)} title={`Add ${term}`}>
                  {label}
                </Link>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Hit({ hit }: { hit: DocumentHit }) {
  return (
    <li className="hit">
      <div className="hit-head">
        <Link to={`/d/${hit.documentId}`} className="hit-title">
          {hit.title}
        </Link>
        <ClassificationBadge classification={hit.classification} />
      </div>
      <div className="meta">
        <time dateTime={hit.date ?? undefined}>{formatDate(hit.date)}</time> · {hit.type} · {hit.documentId}
      </div>
      <ul className="passages">
        {hit.passages.map((passage) => (
          <li key={passage.ordinal}>
            <Link
              to={`/d/${hit.documentId}#p${passage.ordinal}`}
              className="passage-link"
              aria-label={`Passage ${passage.ordinal}`}
            >
              ¶{passage.ordinal}
            </Link>{' '}
            {distinctSpeakers(passage.speakers).map((span) => (
              <SpeakerChip key={span.personId ?? span.label} name={speakerName(span) ?? ''} />
            ))}{' '}
            <Snippet text={passage.snippet} />
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The front page: what the archive holds, to start from. */
function ArchiveOverview() {
  const collections = useApi<CollectionSummary[]>('/api/collections');
  if (!collections || collections.state === 'loading') return <Loading what="collections" />;
  if (collections.state === 'error') return <ErrorMessage error={collections.error} />;
  return (
    <section className="overview">
      <h2>Collections</h2>
      <ul className="collections">
        {collections.data.map(({ collection, documents }) => (
          <li key={collection.id}>
            <Link to={searchHref({ q: `collection:${collection.id}`, sort: 'date-asc' })}>
              {collection.volumeTitle ?? collection.title}
            </Link>
            <div className="meta">
              {[
                collection.series && collection.subseries
                  ? `${collection.series}, ${collection.subseries}`
                  : collection.series,
                collection.volumeNumber,
                `${documents.toLocaleString('en-US')} documents`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
