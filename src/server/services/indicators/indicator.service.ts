/**
 * Indicator use cases (issue 10 item 3): the catalogue of indicator sets, live values of a region (the
 * dashboard's figures as indicators; nothing written), snapshots (values of every key county of the
 * scope and of the prefectures, provinces and nation above them, stored with the definition versions and
 * the screening rule set and parameters in force, so that a report of last year reads the same next
 * year), and hand-reported values of indicators the system has no data for (marked 填报).
 */
import { evaluateSet, formulaText, parsePeriod, registryMeasures, type IndicatorSet, type IndicatorValue, type ReportLevel } from '../../domain/indicators/definitions';
import { RULESET_VERSION } from '../../domain/rules';
import type { Db } from '../../db/connect';
import { forbidden, notFound, validationError } from '../../errors';
import { IndicatorRepository, type SnapshotRow, type ValueRow } from '../../repositories/indicators/indicator.repository';
import { RegionRepository } from '../../repositories/region.repository';
import { RollupRepository } from '../../repositories/rollup.repository';
import { inScope, type Scope } from '../../repositories/scope';
import type { Actor } from '../actor';
import { nowIso, type ServiceContext } from '../context';
import { ScreeningService } from '../screening.service';
import { auditFields } from '../audit.service';
import { AuditRepository } from '../../repositories/audit.repository';
import { readIndicatorSets } from './indicator-files';
import { ThresholdService } from '../threshold.service';

/** Reporting level of a region code: '' nation, 2 province, 4 prefecture, 6 county. */
export function reportLevelOf(code: string): ReportLevel {
  switch (code.length) {
    case 0: return 'national';
    case 2: return 'province';
    case 4: return 'prefecture';
    case 6: return 'county';
    default: throw new RangeError(`not a reporting region: ${code}`);
  }
}

/** The regions a county's figures climb through: itself, its prefecture, province and the nation. */
export const chainOf = (county: string) => [county, county.slice(0, 4), county.slice(0, 2), ''];

/** One indicator of the catalogue, with its formula in words. */
export interface CatalogueIndicator {
  id: string;
  name: string;
  formula: string;
  reported: boolean;
  unit: string;
  period: string;
  levels: string[];
  direction: string;
  source: string;
  version: number;
}

/** A value as read by the API: the stored value with the indicator's name and unit and the region's name. */
export interface IndicatorValueDto extends IndicatorValue {
  indicatorName: string;
  unit: string;
  regionName: string;
}

export class IndicatorService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Every indicator set (data/indicators). @throws bad_file when a file is refused */
  sets(): IndicatorSet[] {
    return readIndicatorSets();
  }

  /** One set by id. @throws not_found */
  set(id: string): IndicatorSet {
    const s = this.sets().find((x) => x.id === id);
    if (!s) throw notFound(`指标集 ${id}`);
    return s;
  }

  /** The catalogue: every set with its indicators, formulas in words and sources; the measures known. */
  catalogue() {
    const measures = registryMeasures();
    return {
      sets: this.sets().map((s) => ({
        id: s.id, name: s.name, version: s.version, source: s.source, note: s.note ?? '',
        indicators: s.indicators.map((d): CatalogueIndicator => ({
          id: d.id, name: d.name, formula: formulaText(s, d, measures), reported: d.formula === null, unit: d.unit, period: d.period,
          levels: d.levels, direction: d.direction, source: d.source, version: d.version,
        })),
      })),
      measures,
    };
  }

  /** Key counties (any designation) inside the scope and, when given, inside `regionCode`. */
  async keyCounties(scope: Scope, regionCode?: string | null): Promise<string[]> {
    const all = [...new Set((await new RegionRepository(this.ctx.db).listDesignations()).map((d) => d.countyCode))].sort();
    return all.filter((c) => inScope(scope, c) && (!regionCode || c.startsWith(regionCode)));
  }

  /**
   * Checks a period against a set: it must be a period text whose type some indicator of the set has.
   * @throws validation_error (field `period`)
   */
  checkPeriod(set: IndicatorSet, period: string): { type: string; year: number } {
    const p = parsePeriod(period);
    if (!p) throw validationError([{ field: 'period', message: `“${period}”不是报告期(年如 2025,季如 2025Q1,月如 2025-03)` }]);
    if (!set.indicators.some((d) => d.period === p.type)) throw validationError([{ field: 'period', message: `指标集“${set.name}”没有按${p.type === 'year' ? '年' : p.type === 'quarter' ? '季' : '月'}报告的指标` }]);
    return p;
  }

  /**
   * Values of every indicator of the set for the key counties of the scope (or of `regionCode`) and the
   * regions above them that the scope may read, from the stored region figures of the period's year and
   * the hand-reported values. Nothing is written.
   */
  async compute(scope: Scope, setId: string, period: string, regionCode?: string | null, db: Db = this.ctx.db): Promise<IndicatorValue[]> {
    const set = this.set(setId);
    const p = this.checkPeriod(set, period);
    const counties = await this.keyCounties(scope, regionCode);
    const codes = [...new Set(counties.flatMap(chainOf))].filter((c) => (c === '' ? scope.regionCode === null : inScope(scope, c)) && (!regionCode || c.startsWith(regionCode)));
    const rows = await new RollupRepository(db).read(p.year, codes);
    const measures = new Map<string, Map<string, number>>(codes.map((c) => [c, new Map()]));
    for (const r of rows) {
      const m = measures.get(r.regionCode)!;
      const name = r.key ? `${r.metric}:${r.key}` : r.metric;
      m.set(name, (m.get(name) ?? 0) + r.value);
    }
    const reported = new Map<string, Map<string, number>>();
    for (const r of await new IndicatorRepository(db).reported(setId, period, counties)) {
      if (!reported.has(r.countyCode)) reported.set(r.countyCode, new Map());
      reported.get(r.countyCode)!.set(r.indicatorId, r.value);
    }
    const typeOf = new Map(set.indicators.map((d) => [d.id, d.period]));
    return codes
      .sort()
      .flatMap((c) => evaluateSet(set, reportLevelOf(c), c, measures.get(c)!, reported.get(c) ?? new Map()))
      .filter((v) => typeOf.get(v.indicatorId) === p.type);
  }

  /**
   * Takes a snapshot of the set for the period over the scope (or `regionCode` inside it): computes the
   * values and stores them with the definition versions and the screening rule set and parameters in
   * force, in one transaction with its audit event. Returns the snapshot.
   * @throws validation_error for a bad period; forbidden for a region outside the scope
   */
  async takeSnapshot(actor: Actor, input: { setId: string; period: string; regionCode?: string | null; purpose?: string }, db?: Db): Promise<SnapshotRow & { values: number }> {
    if (input.regionCode && !inScope(actor.scope, input.regionCode)) throw forbidden('只能为本人所在区域及其下级区域取指标快照');
    const set = this.set(input.setId);
    const run = async (trx: Db) => {
      // every read on the transaction's connection (SQLite has one: a read on another handle would wait for it)
      const ctx = { ...this.ctx, db: trx };
      const values = await new IndicatorService(ctx).compute(actor.scope, input.setId, input.period, input.regionCode, trx);
      const year = parsePeriod(input.period)!.year;
      const resolve = await new ThresholdService(ctx).resolver();
      const thresholds = Object.fromEntries([...new Set(values.map((v) => v.regionCode).filter((c) => c.length === 6))].map((c) => {
        const t = resolve(c, year);
        return [c, { fen: t.valueFen, status: t.status }];
      }));
      const row = {
        setId: set.id, setVersion: set.version, period: input.period, scopeCode: input.regionCode ?? actor.scope.regionCode ?? '',
        rulesetVersion: RULESET_VERSION, ruleParameters: JSON.stringify({ parameters: new ScreeningService(this.ctx).parameters(), thresholds }),
        purpose: input.purpose ?? 'manual', takenBy: actor.username, takenAt: nowIso(this.ctx.clock),
      };
      const id = await new IndicatorRepository(trx).createSnapshot(row, values);
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'indicator_snapshot', targetType: 'indicator_snapshot', targetId: id, regionCode: row.scopeCode || null, outcome: 'ok', details: { setId: set.id, period: input.period, values: values.length, purpose: row.purpose } }));
      return { ...row, id, values: values.length };
    };
    return db ? run(db) : this.ctx.db.transaction().execute(run);
  }

  /** Snapshots of a set the caller may read, newest first. */
  snapshots(scope: Scope, setId: string, period?: string): Promise<SnapshotRow[]> {
    this.set(setId);
    return new IndicatorRepository(this.ctx.db).listSnapshots(scope, setId, period);
  }

  /**
   * The stored values of a snapshot inside the caller's scope, with names.
   * @throws not_found for an unknown snapshot or one of a region beside the caller's
   */
  async snapshotValues(scope: Scope, snapshotId: number, regionCodes?: readonly string[]): Promise<{ snapshot: SnapshotRow; values: IndicatorValueDto[] }> {
    const repo = new IndicatorRepository(this.ctx.db);
    const snapshot = await repo.getSnapshot(snapshotId);
    if (!snapshot || !(scope.regionCode === null || snapshot.scopeCode.startsWith(scope.regionCode) || scope.regionCode.startsWith(snapshot.scopeCode))) throw notFound(`指标快照 ${snapshotId}`);
    return { snapshot, values: await this.named(snapshot.setId, await repo.values(scope, snapshotId, regionCodes)) };
  }

  /** Adds indicator and region names to values. */
  async named(setId: string, values: readonly (IndicatorValue | ValueRow)[]): Promise<IndicatorValueDto[]> {
    const set = this.set(setId);
    const defs = new Map(set.indicators.map((d) => [d.id, d]));
    const names = new Map((await new RegionRepository(this.ctx.db).getMany([...new Set(values.map((v) => v.regionCode))].filter(Boolean))).map((r) => [r.code, r.name]));
    return values.map((v) => ({
      indicatorId: v.indicatorId, definitionVersion: v.definitionVersion, regionCode: v.regionCode, value: v.value, numerator: v.numerator, denominator: v.denominator,
      origin: v.origin as IndicatorValue['origin'], indicatorName: defs.get(v.indicatorId)?.name ?? v.indicatorId, unit: defs.get(v.indicatorId)?.unit ?? '',
      regionName: v.regionCode === '' ? '全国(重点帮扶县)' : (names.get(v.regionCode) ?? v.regionCode),
    }));
  }

  /**
   * Records a hand-reported value (填报) of a county for an indicator with no data in the system.
   * `beforeWrite` lets the reporting chain refuse a change after submission or lock (item 4).
   * @throws validation_error for an indicator that is computed, unknown, or a value that is not finite;
   *   forbidden for a county outside the scope
   */
  async reportValue(actor: Actor, input: { setId: string; period: string; countyCode: string; indicatorId: string; value: number }, beforeWrite?: (trx: Db) => Promise<void>): Promise<void> {
    const set = this.set(input.setId);
    this.checkPeriod(set, input.period);
    if (!inScope(actor.scope, input.countyCode)) throw forbidden('只能填报本人所在区域的县');
    const d = set.indicators.find((x) => x.id === input.indicatorId);
    if (!d) throw validationError([{ field: 'indicatorId', message: `指标集“${set.name}”中没有指标 ${input.indicatorId}` }]);
    if (d.formula !== null) throw validationError([{ field: 'indicatorId', message: `指标 ${d.id}(${d.name})由系统计算,不能填报` }]);
    if (!Number.isFinite(input.value)) throw validationError([{ field: 'value', message: '应为数字' }]);
    await this.ctx.db.transaction().execute(async (trx) => {
      await beforeWrite?.(trx);
      await new IndicatorRepository(trx).upsertReport({ ...input, enteredBy: actor.username, enteredAt: nowIso(this.ctx.clock) });
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'indicator_report', targetType: 'indicator_report', targetId: `${input.setId}:${input.period}:${input.countyCode}:${input.indicatorId}`, regionCode: input.countyCode, outcome: 'ok', details: { value: input.value } }));
    });
  }
}
