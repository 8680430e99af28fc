// Fetch-on-change with cancellation: a newer request aborts the older one so fast clicks never show stale data.
import { useEffect, useState } from 'preact/hooks';

export interface ApiState<T> { data: T | null; error: string | null; loading: boolean }

/** `enabled: false` holds the request back (the list goes first; aggregations wait for it). */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], enabled = true): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    load(ctrl.signal).then(
      (data) => { if (!ctrl.signal.aborted) setState({ data, error: null, loading: false }); },
      (err: Error) => { if (!ctrl.signal.aborted) setState({ data: null, error: err.message, loading: false }); },
    );
    return () => ctrl.abort();
  }, [...deps, enabled]);
  return state;
}
