/**
 * Loads GET /meta once and shares it (default year, years, key-county load state, demo flag); also the
 * `useYear()` hook: the year in the URL (`?year=`) or the default year.
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { getMeta } from '../api/client';
import type { MetaDto } from '../../shared/api';
import { useApi, type ApiState } from '../api/use-api';

const MetaContext = createContext<ApiState<MetaDto> | null>(null);

/** Provides the /meta answer to the tree. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const state = useApi((signal) => getMeta(signal), []);
  return <MetaContext.Provider value={state}>{children}</MetaContext.Provider>;
}

/** The /meta answer (data undefined while loading or on error). */
export function useMeta(): ApiState<MetaDto> {
  const ctx = useContext(MetaContext);
  if (!ctx) throw new Error('useMeta() outside <MetaProvider>');
  return ctx;
}

/**
 * The selected year (from `?year=`, else meta's default year; undefined until meta is loaded) and a
 * setter that writes it into the URL.
 */
export function useYear(): [number | undefined, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const meta = useMeta();
  const raw = params.get('year');
  const parsed = raw && /^\d{4}$/.test(raw) ? Number(raw) : undefined;
  const year = parsed ?? meta.data?.defaultYear;
  const setYear = useCallback(
    (next: number) => {
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        p.set('year', String(next));
        return p;
      });
    },
    [setParams],
  );
  return [year, setYear];
}
