import { useState, type FormEvent } from 'react';
import { navigate } from '../router.js';
import { searchHref } from '../query-text.js';

export interface SearchFormValues {
  q: string;
  from: string;
  to: string;
  sort: string;
}

/** The query box with its date range and order; submitting opens the search page for it. */
export function SearchForm({
  initial,
  target = 'search',
}: {
  initial: SearchFormValues;
  target?: 'search' | 'timeline';
}) {
  const [values, setValues] = useState(initial);
  const set = (field: keyof SearchFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const href = searchHref({ ...values, sort: values.sort === 'relevance' ? undefined : values.sort });
    navigate(target === 'timeline' ? href.replace('/search', '/timeline') : href);
  };
  return (
    <form className="search-form" role="search" onSubmit={submit}>
      <div className="search-row">
        <label htmlFor="q" className="visually-hidden">
          Query
        </label>
        <input
          id="q"
          name="q"
          type="search"
          value={values.q}
          onChange={set('q')}
          placeholder='Dobrynin "strategic arms" type:memcon'
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit">Search</button>
      </div>
      <div className="search-options">
        <label>
          From{' '}
          <input
            name="from"
            value={values.from}
            onChange={set('from')}
            placeholder="1969"
            size={10}
            pattern="\d{4}(-\d{2}(-\d{2})?)?"
            title="YYYY, YYYY-MM or YYYY-MM-DD"
          />
        </label>
        <label>
          to{' '}
          <input
            name="to"
            value={values.to}
            onChange={set('to')}
            placeholder="1970-06"
            size={10}
            pattern="\d{4}(-\d{2}(-\d{2})?)?"
            title="YYYY, YYYY-MM or YYYY-MM-DD"
          />
        </label>
        <label>
          Order{' '}
          <select name="sort" value={values.sort} onChange={set('sort')}>
            <option value="relevance">relevance</option>
            <option value="date-asc">oldest first</option>
            <option value="date-desc">newest first</option>
          </select>
        </label>
      </div>
    </form>
  );
}
