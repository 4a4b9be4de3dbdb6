/**
 * Claim check: paste an article, get one card per claim with its verdict, the reason, and the
 * passages behind it, each linked into the reader. Everything from the article and the
 * records is rendered as text.
 */
import { useState, type FormEvent } from 'react';
import type { CheckedClaim, CheckReport, VerdictLabel, WordDiff } from '../../../src/check/types.js';
import { ApiRequestError, postJson } from '../api.js';
import { ErrorMessage, Loading } from '../components/ErrorMessage.js';
import { formatDate } from '../dates.js';
import { Link } from '../router.js';

const VERDICT_NAMES: Record<VerdictLabel, string> = {
  supported: 'Supported',
  misattributed: 'Misattributed',
  altered_quote: 'Altered quote',
  contradicted: 'Contradicted',
  not_in_record: 'Not in the record',
};

type State =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'error'; error: ApiRequestError }
  | { state: 'done'; report: CheckReport };

export function CheckPage() {
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [result, setResult] = useState<State>({ state: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') return;
    setResult({ state: 'checking' });
    try {
      const report = await postJson<CheckReport>('/api/check', { text, source: source || undefined });
      setResult({ state: 'done', report });
    } catch (error) {
      setResult({
        state: 'error',
        error:
          error instanceof ApiRequestError
            ? error
            : new ApiRequestError(0, 'the server could not be reached.'),
      });
    }
  }

  return (
    <div className="check-page">
      <h1>Check an article against the record</h1>
      <p className="lede">
        Paste a news story about declassified records. Each factual claim is traced to the passages that
        support or contradict it, with who said them; opinion and framing are listed as skipped.
      </p>
      <form className="check-form" onSubmit={submit}>
        <label htmlFor="check-text">Article text or HTML</label>
        <textarea
          id="check-text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={12}
          required
          placeholder="Paste the article here…"
        />
        <label htmlFor="check-source">Source (optional)</label>
        <input
          id="check-source"
          value={source}
          onChange={(event) => setSource(event.target.value)}
          placeholder="Publication, date or URL"
        />
        <button type="submit" disabled={result.state === 'checking' || text.trim() === ''}>
          Check claims
        </button>
      </form>
      {result.state === 'checking' ? <Loading what="the claims" /> : null}
      {result.state === 'error' ? <ErrorMessage error={result.error} /> : null}
      {result.state === 'done' ? <Report report={result.report} /> : null}
    </div>
  );
}

function Report({ report }: { report: CheckReport }) {
  const checked = report.claims.length;
  return (
    <section className="check-report" aria-label="Claim check report">
      <h2>
        {checked} {checked === 1 ? 'claim' : 'claims'} checked
      </h2>
      <ul className="verdict-counts">
        {(Object.keys(VERDICT_NAMES) as VerdictLabel[])
          .filter((verdict) => report.counts[verdict] > 0)
          .map((verdict) => (
            <li key={verdict}>
              <span className={`verdict verdict-${verdict}`}>{VERDICT_NAMES[verdict]}</span>{' '}
              {report.counts[verdict]}
            </li>
          ))}
      </ul>
      {report.notes.map((note) => (
        <p key={note} className="note">
          {note}
        </p>
      ))}
      <ol className="claim-cards">
        {report.claims.map((checkedClaim) => (
          <ClaimCard key={checkedClaim.claim.id} checked={checkedClaim} />
        ))}
      </ol>
      {report.notChecked > 0 ? (
        <p className="note">
          {report.notChecked} more claims were not checked (at most {report.claimCap} per article).
        </p>
      ) : null}
      {report.skipped.length > 0 ? (
        <details className="skipped">
          <summary>{report.skipped.length} sentences skipped as opinion or framing</summary>
          <ul>
            {report.skipped.map((skipped) => (
              <li key={skipped.sentenceIndex}>
                {skipped.sentence} <span className="meta">— {skipped.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ClaimCard({ checked }: { checked: CheckedClaim }) {
  const { claim, result } = checked;
  return (
    <li className={`claim-card claim-${result.verdict}`} data-verdict={result.verdict}>
      <p className="claim-head">
        <span className={`verdict verdict-${result.verdict}`}>{VERDICT_NAMES[result.verdict]}</span>{' '}
        <span className="meta">confidence {Math.round(result.confidence * 100)}%</span>
      </p>
      <blockquote className="claim-text">{claim.text}</blockquote>
      <p className="claim-reason">{result.reason}</p>
      {result.diff ? <Diff diff={result.diff} /> : null}
      {result.computation && result.computation.length > 0 ? (
        <div className="computation">
          <p className="meta">Computed from the {result.reference ?? 'reference'} table:</p>
          <ol>
            {result.computation.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {result.citations.length > 0 ? (
        <ul className="citations">
          {result.citations.map((citation, index) => (
            <li key={`${citation.link}-${index}`}>
              <blockquote>{citation.quote}</blockquote>
              <p className="meta">
                {citation.speaker ? <strong>{citation.speaker}</strong> : 'Narration'} ·{' '}
                <Link to={`/d/${citation.link}`}>{citation.documentTitle}</Link>
                {citation.documentDate ? `, ${formatDate(citation.documentDate)}` : ''} · {citation.link} ·{' '}
                {citation.role}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Diff({ diff }: { diff: WordDiff[] }) {
  return (
    <p className="diff" aria-label="The claim's words against the record's">
      {diff.map((part, index) =>
        part.op === 'same' ? (
          <span key={index}>{part.text} </span>
        ) : part.op === 'added' ? (
          <ins key={index} title="in the claim, not in the record">
            {part.text}{' '}
          </ins>
        ) : (
          <del key={index} title="in the record, not in the claim">
            {part.text}{' '}
          </del>
        ),
      )}
    </p>
  );
}
