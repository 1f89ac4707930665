/**
 * Indicator snapshots, their values and the hand-reported values (issue 10 item 3): all their SQL.
 * Snapshots are append-only (no update or delete here). Reads of values take the caller's Scope and
 * return only regions inside it (a county user never reads the province's figure).
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connect';
import type { IndicatorReportTable, IndicatorSnapshotTable, IndicatorValueTable } from '../../db/schema';
import { inScope, type Scope } from '../scope';

export type SnapshotRow = Selectable<IndicatorSnapshotTable>;
export type ValueRow = Selectable<IndicatorValueTable>;
export type ReportRow = Selectable<IndicatorReportTable>;

const num = (v: number | string | null) => (v === null ? null : Number(v));

export class IndicatorRepository {
  constructor(private readonly db: Db) {}

  /** Stores a snapshot and its values; returns the snapshot id. Call inside a transaction. */
  async createSnapshot(s: Omit<Insertable<IndicatorSnapshotTable>, 'id'>, values: readonly Omit<IndicatorValueTable, 'snapshotId'>[]): Promise<number> {
    const { id } = await this.db.insertInto('indicatorSnapshot').values(s).returning('id').executeTakeFirstOrThrow();
    const rows = values.map((v) => ({ ...v, snapshotId: id }));
    for (let i = 0; i < rows.length; i += 2000) await this.db.insertInto('indicatorValue').values(rows.slice(i, i + 2000)).execute();
    return id;
  }

  /** One snapshot by id, or undefined. */
  getSnapshot(id: number): Promise<SnapshotRow | undefined> {
    return this.db.selectFrom('indicatorSnapshot').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Snapshots of a set (optionally of one period), newest first, whose scope the caller may read (inside it or above it). */
  async listSnapshots(scope: Scope, setId: string, period?: string): Promise<SnapshotRow[]> {
    const rows = await this.db.selectFrom('indicatorSnapshot').selectAll().where('setId', '=', setId).$if(!!period, (q) => q.where('period', '=', period!)).orderBy('id', 'desc').limit(500).execute();
    return rows.filter((r) => scope.regionCode === null || r.scopeCode.startsWith(scope.regionCode) || scope.regionCode.startsWith(r.scopeCode));
  }

  /** Values of a snapshot inside the scope, optionally of some regions only. */
  async values(scope: Scope, snapshotId: number, regionCodes?: readonly string[]): Promise<ValueRow[]> {
    const rows = await this.db
      .selectFrom('indicatorValue')
      .selectAll()
      .where('snapshotId', '=', snapshotId)
      .$if(!!regionCodes, (q) => q.where('regionCode', 'in', regionCodes!.length ? [...regionCodes!] : ['-']))
      .orderBy('regionCode')
      .orderBy('indicatorId')
      .execute();
    return rows.filter((r) => inScope(scope, r.regionCode)).map((r) => ({ ...r, value: num(r.value), numerator: num(r.numerator), denominator: num(r.denominator) }));
  }

  /** Hand-reported values of counties for a set and period. */
  async reported(setId: string, period: string, countyCodes: readonly string[]): Promise<ReportRow[]> {
    if (!countyCodes.length) return [];
    const out: ReportRow[] = [];
    for (let i = 0; i < countyCodes.length; i += 500) {
      const rows = await this.db.selectFrom('indicatorReport').selectAll().where('setId', '=', setId).where('period', '=', period).where('countyCode', 'in', countyCodes.slice(i, i + 500)).execute();
      out.push(...rows.map((r) => ({ ...r, value: Number(r.value) })));
    }
    return out;
  }

  /** Inserts or replaces a hand-reported value. */
  async upsertReport(r: IndicatorReportTable): Promise<void> {
    await this.db
      .insertInto('indicatorReport')
      .values(r)
      .onConflict((oc) => oc.columns(['setId', 'period', 'countyCode', 'indicatorId']).doUpdateSet({ value: r.value, enteredBy: r.enteredBy, enteredAt: r.enteredAt }))
      .execute();
  }
}
