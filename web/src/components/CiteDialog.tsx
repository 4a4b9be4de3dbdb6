/**
 * The Cite panel: a Chicago note to paste into a footnote, CSL-JSON for Zotero and other
 * reference managers, and RIS. Opened as a modal <dialog>, so Escape closes it and focus stays in it.
 */
import { useEffect, useRef, useState } from 'react';
import type { Citation } from '../../../src/server/api-types.js';
import { documentApiPath, useApi } from '../api.js';
import { ErrorMessage, Loading } from './ErrorMessage.js';

export interface CiteTarget {
  documentId: string;
  ordinal?: number;
}

export function CiteDialog({ target, onClose }: { target: CiteTarget | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const url =
    target === null
      ? null
      : `${documentApiPath(target.documentId)}/cite${target.ordinal ? `?ordinal=${target.ordinal}` : ''}`;
  const citation = useApi<Citation>(url);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (target && !element.open) element.showModal();
    if (!target && element.open) element.close();
  }, [target]);

  return (
    <dialog ref={dialog} className="cite-dialog" onClose={onClose} aria-labelledby="cite-title">
      <div className="dialog-head">
        <h2 id="cite-title">Cite {target?.ordinal ? `passage ${target.ordinal}` : 'this document'}</h2>
        <button type="button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      {citation?.state === 'loading' ? <Loading what="the citation" /> : null}
      {citation?.state === 'error' ? <ErrorMessage error={citation.error} /> : null}
      {citation?.state === 'ready' ? <CitationFormats citation={citation.data} /> : null}
    </dialog>
  );
}

function CitationFormats({ citation }: { citation: Citation }) {
  const csl = JSON.stringify([citation.csl], null, 2);
  return (
    <div className="citation-formats">
      <section>
        <h3>Chicago note</h3>
        <p className="chicago-note" data-testid="chicago-note">
          {citation.chicagoSegments.map((segment, index) =>
            segment.italic ? <i key={index}>{segment.text}</i> : <span key={index}>{segment.text}</span>,
          )}
        </p>
        <CopyButton text={citation.chicago} label="Copy note" />
      </section>
      <section>
        <h3>CSL-JSON</h3>
        <pre className="csl" tabIndex={0}>
          {csl}
        </pre>
        <CopyButton text={csl} label="Copy CSL-JSON" />
      </section>
      <section>
        <h3>RIS</h3>
        <pre className="ris" tabIndex={0}>
          {citation.ris}
        </pre>
        <CopyButton text={citation.ris} label="Copy RIS" />
      </section>
      <p className="meta">
        Stable link: <a href={citation.link}>{citation.link}</a>
      </p>
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied.');
    } catch {
      setStatus('Copying was refused by the browser; select the text and copy it by hand.');
    }
  };
  return (
    <div className="copy">
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {status}
      </span>
    </div>
  );
}
