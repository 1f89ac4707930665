/** Navigation helpers of the dashboard's drill-down (region in `?region=`, year kept in `?year=`). */
import { useCallback } from 'react';
import { useNavigate } from 'react-router';

/** URL of the dashboard for a region (undefined = national) and year. */
export function dashboardUrl(region: string | undefined, year: number | undefined): string {
  const p = new URLSearchParams();
  if (region) p.set('region', region);
  if (year) p.set('year', String(year));
  const qs = p.toString();
  return `/${qs ? `?${qs}` : ''}`;
}

/** URL of the household list filtered to a region. */
export function householdsUrl(region: string | undefined, year: number | undefined): string {
  const p = new URLSearchParams();
  if (region) p.set('region', region);
  if (year) p.set('year', String(year));
  const qs = p.toString();
  return `/households${qs ? `?${qs}` : ''}`;
}

/** Returns a function that opens the dashboard of a region in the given year. */
export function useDrill(year: number | undefined): (region: string | undefined) => void {
  const navigate = useNavigate();
  return useCallback((region) => navigate(dashboardUrl(region, year)), [navigate, year]);
}
