import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiFailure } from './errors';

interface Loaded<T> {
  key: string;
  data?: T;
  error?: ApiFailure;
}

/**
 * Data from the API for a page: loads when `deps` change, `reload()` after an action, and — with `pollMs` —
 * refreshes quietly in the background (the table keeps showing the old rows meanwhile).
 */
export function useRemote<T>(load: () => Promise<T>, deps: DependencyList, options: { pollMs?: number } = {}) {
  const [reloads, setReloads] = useState(0);
  const [polls, setPolls] = useState(0);
  const [state, setState] = useState<Loaded<T>>({ key: '' });
  const key = JSON.stringify([deps.map((d) => (typeof d === 'object' ? null : d)), reloads]);

  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => !cancelled && setState({ key, data }),
      (error: unknown) =>
        !cancelled &&
        setState((previous) => ({
          key,
          data: previous.data,
          error: error instanceof ApiFailure ? error : new ApiFailure(0, undefined),
        })),
    );
    return () => {
      cancelled = true;
    };
    // `load` is a new closure each render; what it reads is in `deps`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, reloads, polls]);

  const { pollMs } = options;
  useEffect(() => {
    if (!pollMs) return;
    const timer = setInterval(() => setPolls((n) => n + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}
