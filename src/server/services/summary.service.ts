/**
 * Region figures: the summary of any region for a year, the table of its child regions, and the
 * key-county list. Every level, village to nation, reads the rollups that the writes maintain (issue 15):
 * a lookup, never an aggregation per request. Nothing here reads persons.
 */
import type { KeyCountyDto, RegionFiguresRow, RegionSummaryDto, ThresholdDto } from '../../shared/api';
import { MONITORED_CATEGORIES, type DesignationKind, type MonitoredCategory, type RegionLevel, type RiskType } from '../../shared/enums';
import { SCREENING_RULES } from '../domain/rules';
import { forbidden, unknownRegion } from '../errors';
import { RegionRepository, type RegionRow } from '../repositories/region.repository';
import { INCOME_BINS, RollupRepository, type MetricRow } from '../repositories/rollup.repository';
import { inScope, type Scope } from '../repositories/scope';
import type { ServiceContext } from './context';
import { ThresholdService } from './threshold.service';

const BIN_LABELS: Record<(typeof INCOME_BINS)[number], string> = {
  negative: '负收入',
  below: '低于监测范围',
  near: '监测范围至1.5倍',
  middle: '1.5倍至3倍',
  high: '3倍及以上',
  noData: '无收入数据',
};

/** Figures of one region folded from metric rows. */
interface Figures {
  households: number;
  persons: number;
  lifted: number;
  monitored: number;
  flagged: number;
  placeholder: number;
  byCategory: Record<MonitoredCategory, number>;
  byRule: Record<string, number>;
  byRuleAlone: Record<string, number>;
  byRiskType: Partial<Record<RiskType, number>>;
  income: Record<string, number>;
}

function fold(rows: readonly MetricRow[]): Figures {
  const f: Figures = {
    households: 0, persons: 0, lifted: 0, monitored: 0, flagged: 0, placeholder: 0,
    byCategory: Object.fromEntries(MONITORED_CATEGORIES.map((c) => [c, 0])) as Record<MonitoredCategory, number>,
    byRule: Object.fromEntries(SCREENING_RULES.map((r) => [r.id, 0])), byRuleAlone: Object.fromEntries(SCREENING_RULES.map((r) => [r.id, 0])), byRiskType: {}, income: {},
  };
  for (const r of rows) {
    switch (r.metric) {
      case 'households': f.households += r.value; break;
      case 'persons': f.persons += r.value; break;
      case 'lifted': f.lifted += r.value; break;
      case 'monitored': f.monitored += r.value; break;
      case 'flagged': f.flagged += r.value; break;
      case 'placeholder': f.placeholder += r.value; break;
      case 'category': f.byCategory[r.key as MonitoredCategory] = (f.byCategory[r.key as MonitoredCategory] ?? 0) + r.value; break;
      case 'rule': f.byRule[r.key] = (f.byRule[r.key] ?? 0) + r.value; break;
      case 'ruleAlone': f.byRuleAlone[r.key] = (f.byRuleAlone[r.key] ?? 0) + r.value; break;
      case 'risk': if (r.value) f.byRiskType[r.key as RiskType] = (f.byRiskType[r.key as RiskType] ?? 0) + r.value; break;
      case 'income': f.income[r.key] = (f.income[r.key] ?? 0) + r.value; break;
      default: break;
    }
  }
  return f;
}

export class SummaryService {
  private readonly thresholds: ThresholdService;

  constructor(private readonly ctx: ServiceContext) {
    this.thresholds = new ThresholdService(ctx);
  }

  /**
   * Figures are readable for the caller's region and below only: a region above the caller's own (or
   * the nation for a regional user) or beside it is refused (issue 5; 《个人信息保护法》第五十一条 access by post).
   * @throws forbidden
   */
  private assertReadable(scope: Scope, regionCode: string | null): void {
    if (scope.regionCode === null) return;
    if (regionCode === null || !inScope(scope, regionCode)) throw forbidden('只能查看本人所在区域及其下级区域的汇总数据');
  }

  private async regionOrThrow(code: string): Promise<RegionRow> {
    const r = await new RegionRepository(this.ctx.db).get(code);
    if (!r) throw unknownRegion(code);
    return r;
  }

  /** Metric rows of regions ('' = the nation), all read from the rollups kept at write time. */
  private metrics(codes: readonly string[], year: number): Promise<MetricRow[]> {
    return codes.length ? new RollupRepository(this.ctx.db).read(year, codes) : Promise.resolve([]);
  }

  /**
   * Summary of a region (null = the nation) for a year.
   * @throws unknown_region when the code is not loaded. A region outside the scope is reported empty.
   */
  async summary(scope: Scope, regionCode: string | null, year?: number): Promise<RegionSummaryDto> {
    const y = year ?? this.ctx.config.defaultYear;
    const region = regionCode ? await this.regionOrThrow(regionCode) : null;
    this.assertReadable(scope, regionCode);
    const allowed = regionCode === null ? scope.regionCode === null : inScope(scope, regionCode);
    const rows = allowed ? await this.metrics([regionCode ?? ''], y) : [];
    const f = fold(rows);
    const updated = rows.map((r) => (r as MetricRow & { updatedAt?: string }).updatedAt).filter(Boolean).sort();
    const path = region ? await this.pathOf(region.code) : [];
    const counties = (await new RegionRepository(this.ctx.db).listDesignations()).map((d) => d.countyCode).filter((c) => !regionCode || c.startsWith(regionCode.slice(0, 6)));
    const thresholds: ThresholdDto[] = await this.thresholds.forCounties([...new Set(counties)], y);
    return {
      region: region
        ? { code: region.code, name: region.name, level: region.level as RegionLevel, parentCode: region.parentCode }
        : { code: '', name: '全国(重点帮扶县)', level: 'national', parentCode: null },
      year: y,
      path,
      households: f.households,
      persons: f.persons,
      liftedHouseholds: f.lifted,
      monitoredHouseholds: f.monitored,
      flaggedHouseholds: f.flagged,
      byCategory: f.byCategory,
      byRule: f.byRule,
      byRuleAlone: f.byRuleAlone,
      byRiskType: f.byRiskType,
      incomeDistribution: INCOME_BINS.map((bin) => ({ bin, label: BIN_LABELS[bin], lowerFen: null, upperFen: null, households: f.income[bin] ?? 0 })),
      thresholds,
      usesPlaceholderThreshold: f.placeholder > 0 || thresholds.some((t) => t.status === 'placeholder'),
      screenedAt: updated.length ? updated[updated.length - 1]! : null,
    };
  }

  private async pathOf(code: string) {
    const rows = await new RegionRepository(this.ctx.db).getMany([2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n)));
    return rows.sort((a, b) => a.code.length - b.code.length).map((r) => ({ code: r.code, name: r.name, level: r.level as RegionLevel }));
  }

  /**
   * Figures of the child regions of a region (null = provinces) for a year. Above the county only
   * children with key counties are listed; below it every township or village of the county.
   */
  async children(scope: Scope, regionCode: string | null, year?: number): Promise<RegionFiguresRow[]> {
    const y = year ?? this.ctx.config.defaultYear;
    if (regionCode) await this.regionOrThrow(regionCode);
    this.assertReadable(scope, regionCode);
    const regions = new RegionRepository(this.ctx.db);
    const designations = await regions.listDesignations();
    const kindsByCounty = new Map<string, DesignationKind[]>();
    for (const d of designations) kindsByCounty.set(d.countyCode, [...(kindsByCounty.get(d.countyCode) ?? []), d.kind as DesignationKind]);
    let kids = await regions.children(regionCode);
    // above the county, a region is listed when it holds a designated county or any registered household: a
    // designation is a label, not a gate (issue 8 item 2: any county of the code list may import)
    const designatedOnly = !regionCode || regionCode.length < 6;
    const designated = (code: string) => designations.some((d) => d.countyCode.startsWith(code));
    kids = kids.filter((k) => inScope(scope, k.code) || (scope.regionCode !== null && scope.regionCode.startsWith(k.code)));
    const metricRows = await this.metrics(kids.filter((k) => inScope(scope, k.code)).map((k) => k.code), y);
    const byCode = new Map<string, MetricRow[]>();
    for (const r of metricRows) byCode.set(r.regionCode, [...(byCode.get(r.regionCode) ?? []), r]);
    if (designatedOnly) kids = kids.filter((k) => designated(k.code) || fold(byCode.get(k.code) ?? []).households > 0);
    return kids.map((k) => {
      const f = fold(byCode.get(k.code) ?? []);
      const kinds = k.level === 'county' ? (kindsByCounty.get(k.code) ?? []) : [];
      return {
        code: k.code, name: k.name, level: k.level as RegionLevel, designations: kinds, households: f.households, persons: f.persons,
        monitoredHouseholds: f.monitored, flaggedHouseholds: f.flagged, flaggedShare: f.households ? f.flagged / f.households : null,
        belowThresholdHouseholds: f.byRule.R01 ?? 0, usesPlaceholderThreshold: f.placeholder > 0,
      };
    });
  }

  /** The key counties (all designation kinds) with their figures for a year, optionally of one province. */
  async keyCounties(scope: Scope, year?: number, provinceCode?: string): Promise<KeyCountyDto[]> {
    const y = year ?? this.ctx.config.defaultYear;
    const regions = new RegionRepository(this.ctx.db);
    const designations = (await regions.listDesignations()).filter((d) => (!provinceCode || d.countyCode.startsWith(provinceCode)) && inScope(scope, d.countyCode));
    const counties = [...new Set(designations.map((d) => d.countyCode))];
    const names = new Map((await regions.getMany([...new Set(counties.flatMap((c) => [c, c.slice(0, 4), c.slice(0, 2)]))])).map((r) => [r.code, r.name]));
    const metricRows = await this.metrics(counties, y);
    const byCode = new Map<string, MetricRow[]>();
    for (const r of metricRows) byCode.set(r.regionCode, [...(byCode.get(r.regionCode) ?? []), r]);
    return counties.map((c) => {
      const ds = designations.filter((d) => d.countyCode === c);
      const f = fold(byCode.get(c) ?? []);
      const geo = ds.find((d) => d.geoHazardProne !== null);
      return {
        code: c, name: names.get(c) ?? c, level: 'county', designations: ds.map((d) => d.kind as DesignationKind), households: f.households, persons: f.persons,
        monitoredHouseholds: f.monitored, flaggedHouseholds: f.flagged, flaggedShare: f.households ? f.flagged / f.households : null,
        belowThresholdHouseholds: f.byRule.R01 ?? 0, usesPlaceholderThreshold: f.placeholder > 0, provinceCode: c.slice(0, 2),
        provinceName: names.get(c.slice(0, 2)) ?? '', prefectureName: names.get(c.slice(0, 4)) ?? '', sources: ds.map((d) => d.source),
        geoHazardProne: geo ? geo.geoHazardProne === 1 : null,
      };
    });
  }
}
