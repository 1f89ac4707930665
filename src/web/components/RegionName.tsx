/**
 * Region names instead of codes (issue 16 item 9): `<RegionName code="522633100207" />` shows 岜沙村村民委员会
 * (the code in a tooltip). Codes asked for in the same moment are fetched together through
 * GET /api/v1/regions/names (at most 500 a request) and kept for the session; a code the server does
 * not know is shown as is.
 */
import { useEffect, useState } from 'react';
import { Tooltip } from 'antd';
import { getJson } from '../api/client';

const names = new Map<string, string | null>();
const waiting = new Set<string>();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  timer = undefined;
  const codes = [...waiting];
  waiting.clear();
  for (let i = 0; i < codes.length; i += 500) {
    const part = codes.slice(i, i + 500);
    getJson<Record<string, string>>('/regions/names', { codes: part.join(',') })
      .then((got) => {
        for (const c of part) names.set(c, got[c] ?? null);
      })
      .catch(() => {
        for (const c of part) names.set(c, null);
      })
      .finally(() => listeners.forEach((l) => l()));
  }
}

function request(codes: readonly string[]): void {
  for (const c of codes) if (c && /^\d+$/.test(c) && !names.has(c)) waiting.add(c);
  if (waiting.size && !timer) timer = setTimeout(flush, 0);
}

/** The name of each code (the code itself while loading or when unknown). */
export function useRegionNames(codes: readonly (string | null | undefined)[]): (code: string | null | undefined) => string {
  const [, tick] = useState(0);
  const key = codes.filter(Boolean).join(',');
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    request(key ? key.split(',') : []);
    return () => void listeners.delete(l);
  }, [key]);
  return (code) => (code ? names.get(code) ?? code : '—');
}

/** One region's name with its code in a tooltip; `—` for none. */
export function RegionName({ code }: { code: string | null | undefined }) {
  const name = useRegionNames([code])(code);
  if (!code) return <>—</>;
  return name === code ? <span>{code}</span> : <Tooltip title={code}><span data-region-code={code}>{name}</span></Tooltip>;
}
