/**
 * Monitoring thresholds (监测范围), keyed by province, county ('' = whole province) and year.
 * Reference data of the field, not personal data: not scoped.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../db/connect';
import { cached, invalidate } from './reference-cache';
import type { MonitoringThresholdTable } from '../db/schema';

export type ThresholdRow = Omit<MonitoringThresholdTable, 'id'> & { id: number };

export class ThresholdRepository {
  constructor(private readonly db: Db) {}

  /** Every threshold entry. */
  async list(): Promise<ThresholdRow[]> {
    const rows = await cached(this.db, 'threshold:list', () => this.db.selectFrom('monitoringThreshold').selectAll().orderBy('provinceCode').orderBy('countyCode').orderBy('year').execute());
    return [...rows];
  }

  /** The entry of (province, county, year), or undefined. */
  get(provinceCode: string, countyCode: string, year: number): Promise<ThresholdRow | undefined> {
    return this.db.selectFrom('monitoringThreshold').selectAll().where('provinceCode', '=', provinceCode).where('countyCode', '=', countyCode).where('year', '=', year).executeTakeFirst();
  }

  /** Inserts or replaces the entry of (province, county, year). */
  async upsert(row: Insertable<MonitoringThresholdTable>): Promise<void> {
    invalidate(this.db, 'threshold:');
    await this.db
      .insertInto('monitoringThreshold')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['provinceCode', 'countyCode', 'year']).doUpdateSet({
          valueFen: row.valueFen,
          status: row.status,
          source: row.source,
          confirmedBy: row.confirmedBy ?? null,
          confirmedAt: row.confirmedAt ?? null,
        }),
      )
      .execute();
    // again after the write: a read in between may have cached the old table
    invalidate(this.db, 'threshold:');
  }
}
