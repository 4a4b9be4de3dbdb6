/**
 * Fetching from the Declass API, with the server's JSON error messages passed on as they are.
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../src/server/api-types.js';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body as Partial<ApiError> | null;
    throw new ApiRequestError(
      response.status,
      error?.message ?? `the server answered ${response.status}.`,
      error?.position,
    );
  }
  return body as T;
}

export async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    signal,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = answer as Partial<ApiError> | null;
    throw new ApiRequestError(response.status, error?.message ?? `the server answered ${response.status}.`);
  }
  return answer as T;
}

export type Loadable<T> =
  { state: 'loading' } | { state: 'error'; error: ApiRequestError } | { state: 'ready'; data: T };

/** Loads `url` (null: nothing to load) and reloads when it changes; stale answers are dropped. */
export function useApi<T>(url: string | null): Loadable<T> | null {
  const [result, setResult] = useState<{ url: string; value: Loadable<T> } | null>(null);
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    getJson<T>(url, controller.signal).then(
      (data) => setResult({ url, value: { state: 'ready', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const wrapped =
          error instanceof ApiRequestError
            ? error
            : new ApiRequestError(0, 'the server could not be reached.');
        setResult({ url, value: { state: 'error', error: wrapped } });
      },
    );
    return () => controller.abort();
  }, [url]);
  if (url === null) return null;
  return result && result.url === url ? result.value : { state: 'loading' };
}

export function documentApiPath(documentId: string): string {
  return `/api/documents/${documentId.split('/').map(encodeURIComponent).join('/')}`;
}
