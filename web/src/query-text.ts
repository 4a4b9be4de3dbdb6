/**
 * Building query text from clicks (a facet, a date range, a bar of the timeline), in the same
 * language a user types.
 */

/** Quotes a filter value that holds spaces or quotes, as the query language expects. */
export function filterTerm(field: string, value: string): string {
  return /[\s"()]/.test(value) ? `${field}:"${value.replace(/"/g, '')}"` : `${field}:${value}`;
}

export function addTerm(query: string, term: string): string {
  const trimmed = query.trim();
  if (trimmed.split(/\s+/).includes(term)) return trimmed;
  return trimmed ? `${trimmed} ${term}` : term;
}

/** Facet names as the engine reports them, and the filter each one turns into. */
export function facetTerm(facet: string, value: string): string | null {
  switch (facet) {
    case 'type':
    case 'types':
      return filterTerm('type', value);
    case 'classification':
    case 'classifications':
    case 'class':
      // "unknown" counts records that say nothing of their classification: no filter selects them.
      return value === 'unknown' ? null : filterTerm('class', value.toLowerCase());
    case 'caveat':
    case 'caveats':
      return filterTerm('caveat', value.toLowerCase());
    case 'collection':
    case 'collections':
      return filterTerm('collection', value);
    case 'speaker':
    case 'speakers':
      return filterTerm('speaker', value);
    case 'participant':
    case 'participants':
    case 'person':
    case 'persons':
      return filterTerm('person', value);
    case 'year':
      return filterTerm('date', value);
    case 'decade': {
      const start = /^(\d{3})\d/.exec(value)?.[1];
      return start ? `date:${start}0..${start}9` : null;
    }
    default:
      return null;
  }
}

export const FACET_LABELS: Record<string, string> = {
  type: 'Type',
  types: 'Type',
  decade: 'Decade',
  year: 'Year',
  classification: 'Classification',
  classifications: 'Classification',
  collection: 'Collection',
  collections: 'Collection',
  speaker: 'Speaker',
  speakers: 'Speaker',
  caveat: 'Caveat',
  participant: 'Participant',
  participants: 'Participant',
  caveats: 'Caveat',
};

/** The query plus the search page's date range. */
export function withDateRange(query: string, from: string, to: string): string {
  if (!from && !to) return query;
  return addTerm(query, `date:${from}..${to}`);
}

export function searchHref(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '' && value !== 0) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `/search?${text}` : '/search';
}
