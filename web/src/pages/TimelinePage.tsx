/**
 * Timeline: matching documents per year as a bar chart. Each bar is a link that narrows the
 * search to that year, so the chart is usable with the keyboard and by screen readers.
 */
import type { Timeline } from '../../../src/server/api-types.js';
import { useApi } from '../api.js';
import { ErrorMessage, Loading } from '../components/ErrorMessage.js';
import { SearchForm } from '../components/SearchForm.js';
import { addTerm, searchHref, withDateRange } from '../query-text.js';
import { Link, useLocation } from '../router.js';

export function TimelinePage() {
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const year = /^\d{4}$/.exec(params.get('year') ?? '')?.[0];
  const effective = withDateRange(q, from, to);
  const apiParams = new URLSearchParams({ q: effective });
  if (year) {
    apiParams.set('by', 'month');
    apiParams.set('year', year);
  }
  const result = useApi<Timeline>(`/api/timeline?${apiParams}`);
  return (
    <div className="timeline-page">
      <SearchForm key={`${q}|${from}|${to}`} initial={{ q, from, to, sort: 'relevance' }} target="timeline" />
      <h1>
        Documents per {year ? `month of ${year}` : 'year'}
        {effective ? (
          <>
            {' '}
            for <code>{effective}</code>
          </>
        ) : (
          ' in the archive'
        )}
      </h1>
      {year ? <Link to={timelineHref(q, from, to)}>← All years</Link> : null}
      {!result || result.state === 'loading' ? <Loading what="the timeline" /> : null}
      {result?.state === 'error' ? <ErrorMessage error={result.error} query={effective} /> : null}
      {result?.state === 'ready' ? <Chart timeline={result.data} q={q} from={from} to={to} /> : null}
    </div>
  );
}

function Chart({ timeline, q, from, to }: { timeline: Timeline; q: string; from: string; to: string }) {
  const max = Math.max(1, ...timeline.buckets.map((b) => b.count));
  if (timeline.buckets.length === 0) return <p>No dated documents match.</p>;
  return (
    <figure className="chart">
      <ol className="bars" aria-label={`Documents per ${timeline.by}; choose a bar to search it`}>
        {timeline.buckets.map((bucket) => (
          <li key={bucket.period}>
            <Link
              to={searchHref({ q: addTerm(q, `date:${bucket.period}`), from, to, sort: 'date-asc' })}
              className="bar-link"
              aria-label={`${bucket.period}: ${bucket.count} documents`}
            >
              <span className="bar-count">{bucket.count}</span>
              <span className="bar" style={{ height: `${(bucket.count / max) * 100}%` }} />
              <span className="bar-label">{bucket.period}</span>
            </Link>
          </li>
        ))}
      </ol>
      <figcaption>
        {timeline.total.toLocaleString('en-US')} documents
        {timeline.undated > 0 ? `, of which ${timeline.undated} undated (not shown)` : ''}. Choose a bar to
        see its documents.
        {timeline.by === 'year' ? (
          <span className="month-links">
            {' '}
            By month:{' '}
            {timeline.buckets
              .filter((bucket) => bucket.count > 0)
              .map((bucket) => (
                <Link key={bucket.period} to={timelineHref(q, from, to, bucket.period)}>
                  {bucket.period}
                </Link>
              ))}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

function timelineHref(q: string, from: string, to: string, year?: string): string {
  return searchHref({ q, from, to, year }).replace('/search', '/timeline');
}
