/**
 * A person: who they were (as the volume's persons list describes them), the documents they
 * take part in or are mentioned in, and what they say.
 */
import { useEffect } from 'react';
import type { PersonPage as PersonData } from '../../../src/server/api-types.js';
import { useApi } from '../api.js';
import { ClassificationBadge } from '../components/ClassificationBadge.js';
import { ErrorMessage, Loading } from '../components/ErrorMessage.js';
import { Snippet } from '../components/Snippet.js';
import { searchHref } from '../query-text.js';
import { Link } from '../router.js';
import { formatDate } from '../dates.js';

export function PersonPage({ personId }: { personId: string }) {
  const path = personId.split('/').map(encodeURIComponent).join('/');
  const result = useApi<PersonData>(`/api/persons/${path}`);
  useEffect(() => {
    if (result?.state === 'ready') window.document.title = `${result.data.person.name} — Declass`;
  }, [result]);
  if (!result || result.state === 'loading') return <Loading what="the person" />;
  if (result.state === 'error') return <ErrorMessage error={result.error} />;
  const { person, sameAs, offices, documents, quotes } = result.data;
  return (
    <article className="person">
      <p className="doc-kicker">{person.collectionId}</p>
      <h1>{person.name}</h1>
      {person.description ? <p className="person-description">{person.description}</p> : null}
      <p>
        <Link
          to={searchHref({
            q: `collection:${person.collectionId} person:${person.localId}`,
            sort: 'date-asc',
          })}
        >
          Search their documents
        </Link>
        {' · '}
        <Link
          to={searchHref({
            q: `collection:${person.collectionId} speaker:${person.localId}`,
            sort: 'date-asc',
          })}
        >
          Search what they say
        </Link>
      </p>
      {offices.length > 0 ? (
        <section>
          <h2>Offices held</h2>
          <ul className="person-offices">
            {offices.map((holding) => (
              <li key={`${holding.office}-${holding.start}`}>
                {holding.office} ({holding.country}),{' '}
                <time dateTime={holding.start}>{formatDate(holding.start)}</time> –{' '}
                {holding.end ? <time dateTime={holding.end}>{formatDate(holding.end)}</time> : 'in office'}{' '}
                <span className="meta">source: {holding.source}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {sameAs.length > 0 ? (
        <section>
          <h2>In other collections</h2>
          <ul>
            {sameAs.map((other) => (
              <li key={other.id}>
                <Link to={`/person/${other.id}`}>{other.name}</Link>{' '}
                <span className="meta">{other.collectionId}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>
          Documents <span className="count">{documents.total}</span>
        </h2>
        {documents.hits.length === 0 ? <p>No documents name this person.</p> : null}
        <ul className="person-documents">
          {documents.hits.map((hit) => (
            <li key={hit.documentId}>
              <time className="date" dateTime={hit.date ?? undefined}>
                {formatDate(hit.date)}
              </time>{' '}
              <Link to={`/d/${hit.documentId}`}>{hit.title}</Link>{' '}
              <ClassificationBadge classification={hit.classification} />
              {hit.roles.length > 0 ? <span className="roles"> {hit.roles.join(', ')}</span> : null}
            </li>
          ))}
        </ul>
        {documents.total > documents.hits.length ? (
          <p className="meta">
            Showing the first {documents.hits.length};{' '}
            <Link
              to={searchHref({
                q: `collection:${person.collectionId} person:${person.localId}`,
                sort: 'date-asc',
              })}
            >
              see all in search
            </Link>
            .
          </p>
        ) : null}
      </section>
      <section>
        <h2>
          Quotes <span className="count">{quotes.total}</span>
        </h2>
        {quotes.hits.length === 0 ? <p>No passage is attributed to this person.</p> : null}
        <ul className="quotes">
          {quotes.hits.map((quote) => (
            <li key={quote.link}>
              <blockquote>
                <Snippet text={quote.snippet} />
              </blockquote>
              <Link to={`/d/${quote.link}`}>{quote.link}</Link>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
