/**
 * Regions (区划) and key-county designations. The region tree itself is public reference data (the
 * statistical division codes), so reads are not scoped; designations likewise.
 */
import type { Db } from '../db/connect';
import { cached, invalidate, peek, put } from './reference-cache';
import type { DesignationTable, RegionTable } from '../db/schema';
import type { Insertable } from 'kysely';

export type RegionRow = RegionTable;
export type DesignationRow = Omit<DesignationTable, 'id'> & { id: number };

const CHUNK = 2000;

export class RegionRepository {
  constructor(private readonly db: Db) {}

  /** One region by code, or undefined. */
  get(code: string): Promise<RegionRow | undefined> {
    return cached(this.db, `region:get:${code}`, () => this.db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst());
  }

  /** Several regions by code. */
  async getMany(codes: readonly string[]): Promise<RegionRow[]> {
    const out: RegionRow[] = [];
    const missing: string[] = [];
    for (const code of new Set(codes)) {
      const hit = peek<RegionRow | undefined>(this.db, `region:get:${code}`);
      if (hit) {
        const r = await hit;
        if (r) out.push(r);
      } else missing.push(code);
    }
    for (let i = 0; i < missing.length; i += CHUNK) {
      const part = missing.slice(i, i + CHUNK);
      const rows = await this.db.selectFrom('region').selectAll().where('code', 'in', part).execute();
      const byCode = new Map(rows.map((r) => [r.code, r]));
      for (const code of part) put(this.db, `region:get:${code}`, Promise.resolve(byCode.get(code)));
      out.push(...rows);
    }
    return out;
  }

  /** Direct children of a region (null = provinces), ordered by code. */
  async children(parentCode: string | null): Promise<RegionRow[]> {
    const rows = await cached(this.db, `region:children:${parentCode ?? ''}`, () => {
      let q = this.db.selectFrom('region').selectAll();
      q = parentCode === null ? q.where('level', '=', 'province') : q.where('parentCode', '=', parentCode);
      return q.orderBy('code').execute();
    });
    return [...rows];
  }

  /** Number of direct children per parent code, for the given parents. */
  async childCounts(parentCodes: readonly string[]): Promise<Map<string, number>> {
    if (parentCodes.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('region')
      .select(['parentCode', (eb) => eb.fn.countAll<number>().as('n')])
      .where('parentCode', 'in', parentCodes)
      .groupBy('parentCode')
      .execute();
    return new Map(rows.map((r) => [r.parentCode!, Number(r.n)]));
  }

  /** Regions of one level, optionally under a code prefix. */
  listByLevel(level: string, under?: string): Promise<RegionRow[]> {
    return this.db
      .selectFrom('region')
      .selectAll()
      .where('level', '=', level)
      .$if(!!under, (q) => q.where('code', 'like', `${under}%`))
      .orderBy('code')
      .execute();
  }

  /** Number of regions loaded. */
  async count(): Promise<number> {
    const r = await this.db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Inserts regions, skipping codes already present. Returns how many were new. */
  async insertMissing(rows: readonly RegionRow[]): Promise<number> {
    invalidate(this.db, 'region:');
    let added = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const existing = new Set((await this.db.selectFrom('region').select('code').where('code', 'in', part.map((r) => r.code)).execute()).map((r) => r.code));
      const fresh = part.filter((r) => !existing.has(r.code));
      for (let j = 0; j < fresh.length; j += 500) {
        await this.db.insertInto('region').values(fresh.slice(j, j + 500)).execute();
      }
      added += fresh.length;
    }
    invalidate(this.db, 'region:');
    return added;
  }

  /** All designations, optionally of one kind. */
  async listDesignations(kind?: string): Promise<DesignationRow[]> {
    const rows = await cached(this.db, `designation:${kind ?? ''}`, () => this.db.selectFrom('designation').selectAll().$if(!!kind, (q) => q.where('kind', '=', kind!)).orderBy('countyCode').execute());
    return [...rows];
  }

  /** Inserts or replaces the designation of (county, kind). Returns 'added' or 'updated' or 'unchanged'. */
  async upsertDesignation(row: Insertable<DesignationTable>): Promise<'added' | 'updated' | 'unchanged'> {
    const cur = await this.db.selectFrom('designation').selectAll().where('countyCode', '=', row.countyCode).where('kind', '=', row.kind).executeTakeFirst();
    invalidate(this.db, 'designation:');
    if (!cur) {
      await this.db.insertInto('designation').values(row).execute();
      invalidate(this.db, 'designation:');
      return 'added';
    }
    if (cur.source === row.source && cur.geoHazardProne === (row.geoHazardProne ?? null) && cur.geoHazardSource === (row.geoHazardSource ?? null)) return 'unchanged';
    await this.db
      .updateTable('designation')
      .set({ source: row.source, geoHazardProne: row.geoHazardProne ?? null, geoHazardSource: row.geoHazardSource ?? null, loadedFrom: row.loadedFrom, loadedAt: row.loadedAt })
      .where('id', '=', cur.id)
      .execute();
    invalidate(this.db, 'designation:');
    return 'updated';
  }
}
