/** Household-list filters as they sit in the URL (`/households?region=…&category=…`). */
import type { HouseholdQuery } from '../../api/client';
import { HOUSEHOLD_TYPES, MONITORED_CATEGORIES, RISK_TYPES } from '../../../shared/enums';

/** Filters of the list (without cursor and limit). */
export type HouseholdFilters = Omit<HouseholdQuery, 'cursor' | 'limit'>;

const SORTS = ['householdNo', 'perCapitaNetIncomeFen', 'memberCount'] as const;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

function int(value: string | null): number | undefined {
  if (value === null || value.trim() === '' || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Reads the filters from the URL; unknown values are ignored. */
export function filtersFromParams(params: URLSearchParams): HouseholdFilters {
  const region = params.get('region');
  const q = params.get('q');
  const rule = params.get('rule');
  return {
    region: region && /^\d{2,12}$/.test(region) ? region : undefined,
    householdType: oneOf(HOUSEHOLD_TYPES, params.get('householdType')),
    category: oneOf(MONITORED_CATEGORIES, params.get('category')),
    rule: rule || undefined,
    riskType: oneOf(RISK_TYPES, params.get('riskType')),
    incomeMinFen: int(params.get('incomeMinFen')),
    incomeMaxFen: int(params.get('incomeMaxFen')),
    q: q?.trim() || undefined,
    year: int(params.get('year')),
    sort: oneOf(SORTS, params.get('sort')),
    order: oneOf(['asc', 'desc'] as const, params.get('order')),
  };
}

/** Writes the filters into URL parameters (empty ones left out). */
export function filtersToParams(filters: HouseholdFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    p.set(key, String(value));
  }
  return p;
}
