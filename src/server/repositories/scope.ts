/**
 * Region scope: the part of the region tree a caller may read and write. Every repository method that
 * touches regional data takes a Scope as its first parameter, so that a new route cannot forget it.
 * A scope is a region code (2-digit province, 4 prefecture, 6 county, 9 township, 12 village) or the
 * whole nation. Narrowing by a filter never widens the scope: see narrow().
 */
import type { RegionLevel } from '../../shared/enums';

export interface Scope {
  /** null = national */
  readonly regionCode: string | null;
  /**
   * Households of other regions the user may read for a limited time (人户分离, granted with a reason
   * and audited; see AccessService). Reads by id honour them; lists and figures do not.
   */
  readonly householdIds?: readonly number[];
}

/** The whole nation: the scope of national users and of the CLI run by the operator. */
export const NATIONAL_SCOPE: Scope = Object.freeze({ regionCode: null });

/** A scope limited to one region. */
export function regionScope(regionCode: string): Scope {
  return Object.freeze({ regionCode });
}

/** Level of a region code by its length. */
export function levelOfCode(code: string): RegionLevel {
  switch (code.length) {
    case 2: return 'province';
    case 4: return 'prefecture';
    case 6: return 'county';
    case 9: return 'township';
    case 12: return 'village';
    default: throw new RangeError(`not a region code: ${code}`);
  }
}

/** The household column that holds codes of a level. */
export const HOUSEHOLD_LEVEL_COLUMN = {
  province: 'provinceCode',
  prefecture: 'prefectureCode',
  county: 'countyCode',
  township: 'townshipCode',
  village: 'villageCode',
} as const;

/**
 * Combines a scope with a region filter: the filter region when it lies inside the scope, the scope
 * when there is no filter, and `null` when the filter lies outside the scope (the caller then returns
 * nothing, as if the region had no data).
 */
export function narrow(scope: Scope, filterRegion: string | undefined | null): Scope | null {
  if (!filterRegion) return scope;
  if (scope.regionCode === null || filterRegion.startsWith(scope.regionCode)) return regionScope(filterRegion);
  if (scope.regionCode.startsWith(filterRegion)) return scope;
  return null;
}

/** True when a region code lies inside the scope. */
export function inScope(scope: Scope, code: string): boolean {
  return scope.regionCode === null || code.startsWith(scope.regionCode);
}

/**
 * Limits a select, update or delete to rows whose 12-digit village code column (`column`) lies inside
 * the scope: region codes nest by prefix, so a scope of any level is a prefix match; the nation is no
 * filter. Used through Kysely's `$call`: `.$call((q) => whereVillageInScope(q, scope, 'villageCode'))`.
 */
export function whereVillageInScope<Q extends { where(column: any, op: any, value: any): any }>(q: Q, scope: Scope, column: string): Q {
  return scope.regionCode === null ? q : (q.where(column, 'like', `${scope.regionCode}%`) as Q);
}
