/**
 * React hook that runs one API call per change of its dependencies, cancelling the previous one.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './client';

/** State of an API call: data of the last success, the error of the last failure, and loading. */
export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Run the call again (for a retry button). */
  reload: () => void;
}

interface KeyedState<T> extends Omit<ApiState<T>, 'reload'> {
  /** The dependencies (serialised) that `data`/`error` belong to. */
  key: string;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('client_error', err instanceof Error ? err.message : String(err), 0);
}

/**
 * Call `load` whenever `deps` change (and `enabled` is true). Stale answers of an earlier call are
 * dropped; the call is aborted on unmount. The answer of earlier dependencies is never returned as the
 * answer of the current ones, unless `keepPrevious` (for paging: the last page stays while the next
 * loads). `deps` must be JSON-serialisable.
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  enabled = true,
  keepPrevious = false,
): ApiState<T> {
  const key = JSON.stringify(deps);
  const [state, setState] = useState<KeyedState<T>>({ key, data: undefined, error: undefined, loading: enabled });
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    if (!enabled) {
      setState((s) => ({ ...s, loading: false }));
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ key: s.key, data: s.data, error: s.error, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: undefined, loading: false });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ key, data: undefined, error: toApiError(err), loading: false });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; `key` stands for its inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key, nonce]);

  if (state.key !== key) {
    return { data: keepPrevious ? state.data : undefined, error: undefined, loading: enabled, reload };
  }
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
