/**
 * Places: the division-code crosswalk (division_change), the towns and villages of one county, and the place
 * names a county's users mapped once (place_name_mapping). The crosswalk and the code list are public
 * reference data, so their reads are not scoped; mappings belong to a county and are read and written for
 * the county the caller's scope covers (the service checks it).
 */
import type { Db } from '../db/connect';
import type { DivisionChange } from '../domain/places/crosswalk';
import type { PlaceNode } from '../domain/places/resolver';
import { cached, invalidate } from './reference-cache';

/** A remembered mapping of one county. */
export interface PlaceMappingRow {
  townName: string;
  villageName: string;
  regionCode: string;
  createdBy: string;
  createdAt: string;
}

export class PlaceRepository {
  constructor(private readonly db: Db) {}

  /** Inserts crosswalk rows whose (old, new) pair is not loaded yet. Returns how many were new. */
  async insertChanges(rows: readonly DivisionChange[]): Promise<number> {
    const have = new Set((await this.db.selectFrom('divisionChange').select(['oldCode', 'newCode']).execute()).map((r) => `${r.oldCode}>${r.newCode}`));
    const fresh = rows.filter((r) => !have.has(`${r.oldCode}>${r.newCode}`));
    for (let i = 0; i < fresh.length; i += 500) await this.db.insertInto('divisionChange').values(fresh.slice(i, i + 500)).execute();
    invalidate(this.db, 'division_change:');
    return fresh.length;
  }

  /** Every crosswalk row, ordered by old code and date (cached: small reference table). */
  async listChanges(): Promise<DivisionChange[]> {
    const rows = await cached(this.db, 'division_change:all', () => this.db.selectFrom('divisionChange').selectAll().orderBy('oldCode').orderBy('changedOn').orderBy('newCode').execute());
    return rows.map((r) => ({ ...r, kind: r.kind as DivisionChange['kind'] }));
  }

  /** Which of the given region-table codes exist. */
  async existing(codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.db.selectFrom('region').select('code').where('code', 'in', [...new Set(codes)]).execute();
    return new Set(rows.map((r) => r.code));
  }

  /** Counties whose name is exactly `name` (after the caller's normalisation, compared as stored). */
  countiesNamed(name: string): Promise<{ code: string; name: string }[]> {
    return this.db.selectFrom('region').select(['code', 'name']).where('level', '=', 'county').where('name', '=', name).orderBy('code').execute();
  }

  /** The towns (9 digits) and villages (12 digits) of a county, by code. */
  async countyPlaces(countyCode: string): Promise<{ towns: PlaceNode[]; villages: PlaceNode[] }> {
    const rows = await this.db
      .selectFrom('region')
      .select(['code', 'name', 'parentCode', 'level'])
      .where('code', 'like', `${countyCode}%`)
      .where('level', 'in', ['township', 'village'])
      .orderBy('code')
      .execute();
    return {
      towns: rows.filter((r) => r.level === 'township').map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode })),
      villages: rows.filter((r) => r.level === 'village').map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode })),
    };
  }

  /** The remembered name mappings of a county. */
  mappings(countyCode: string): Promise<PlaceMappingRow[]> {
    return this.db.selectFrom('placeNameMapping').select(['townName', 'villageName', 'regionCode', 'createdBy', 'createdAt']).where('countyCode', '=', countyCode).orderBy('townName').orderBy('villageName').execute();
  }

  /** Records or replaces the mapping of (county, town name, village name). */
  async upsertMapping(row: { countyCode: string; townName: string; villageName: string; regionCode: string; createdBy: string; createdAt: string }): Promise<void> {
    const cur = await this.db
      .selectFrom('placeNameMapping')
      .select(['id', 'regionCode'])
      .where('countyCode', '=', row.countyCode)
      .where('townName', '=', row.townName)
      .where('villageName', '=', row.villageName)
      .executeTakeFirst();
    if (!cur) await this.db.insertInto('placeNameMapping').values(row).execute();
    else if (cur.regionCode !== row.regionCode) await this.db.updateTable('placeNameMapping').set({ regionCode: row.regionCode, createdBy: row.createdBy, createdAt: row.createdAt }).where('id', '=', cur.id).execute();
  }
}
