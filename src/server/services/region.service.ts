/**
 * Use cases of the region tree and key-county designations: loading the shipped reference data on first
 * start, loading an updated official designation list, and reading the tree.
 *
 * Designations are reference data with a source per entry (data/key-counties-160.csv: 94 of the 160
 * national key counties of the 2021-08-27 notice are sourced so far; data/provincial-key-counties-sichuan.csv:
 * Sichuan's 25 provincial key counties). A missing county is never filled by guesswork: the bureau loads
 * the official list with `zhenxing regions load-designations FILE`.
 */
import { join } from 'node:path';
import type { DesignationKind } from '../../shared/enums';
import { badFile, notFound } from '../errors';
import { RegionRepository, type RegionRow } from '../repositories/region.repository';
import { ThresholdRepository } from '../repositories/threshold.repository';
import { DATA_DIR, readDesignationFile, readDivisions, readThresholdFile, type DivisionRow } from './reference-files';
import { nowIso, type ServiceContext } from './context';

/** Official number of national key counties (notice of 2021-08-27). */
export const NATIONAL_KEY_COUNTY_TOTAL = 160;

/** Outcome of loading a designation list. */
export interface DesignationLoadReport {
  kind: DesignationKind;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  regionsAdded: number;
}

const toRegion = (d: DivisionRow): RegionRow => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode, provinceCode: d.code.slice(0, 2) });

export class RegionService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Loads the shipped reference data when the database has none: provinces, prefectures and counties of
   * the 12 western provinces, the designations with their sources, the townships and villages of the
   * designated counties, and the sourced thresholds. Idempotent. Returns what it loaded.
   */
  async ensureReferenceData(): Promise<{ regions: number; national: DesignationLoadReport; provincial: DesignationLoadReport; thresholds: number } | null> {
    const regions = new RegionRepository(this.ctx.db);
    if ((await regions.count()) > 0) return null;
    const upper = readDivisions().filter((d) => d.level === 'province' || d.level === 'prefecture' || d.level === 'county');
    const added = await this.ctx.db.transaction().execute((trx) => new RegionRepository(trx).insertMissing(upper.map(toRegion)));
    const national = await this.loadDesignations(join(DATA_DIR, 'key-counties-160.csv'), 'national');
    const provincial = await this.loadDesignations(join(DATA_DIR, 'provincial-key-counties-sichuan.csv'), 'provincial');
    const thresholds = readThresholdFile();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ThresholdRepository(trx);
      for (const t of thresholds) await repo.upsert({ ...t, status: 'sourced', confirmedBy: null, confirmedAt: null });
    });
    return { regions: added + national.regionsAdded + provincial.regionsAdded, national, provincial, thresholds: thresholds.length };
  }

  /**
   * Loads a designation list (CSV: province, prefecture, county, adcode, source[, geo_hazard_prone,
   * geo_hazard_source]) in one transaction: each county must exist in the statistical division codes
   * with the same name; its townships and villages are added to the tree. Rows already loaded with the
   * same source are unchanged.
   * @throws bad_file naming every row and column in error; nothing is written then
   */
  async loadDesignations(path: string, kind: DesignationKind): Promise<DesignationLoadReport> {
    const rows = readDesignationFile(path);
    const divisions = readDivisions();
    const byCode = new Map(divisions.map((d) => [d.code, d]));
    const problems: string[] = [];
    for (const r of rows) {
      const d = byCode.get(r.adcode);
      if (!d || d.level !== 'county') problems.push(`第${r.row}行 adcode:${r.adcode} 不是已收录省份(统计用区划代码2023-06-30)的县级代码`);
      else if (d.name !== r.county) problems.push(`第${r.row}行 county:“${r.county}”与区划代码 ${r.adcode} 的名称“${d.name}”不一致`);
    }
    const dup = rows.map((r) => r.adcode).filter((c, i, a) => a.indexOf(c) !== i);
    if (dup.length) problems.push(`重复的县:${[...new Set(dup)].join('、')}`);
    if (problems.length) throw badFile(`名单文件有 ${problems.length} 处错误:${problems.slice(0, 50).join(';')}`, { problems });

    const codes = new Set(rows.map((r) => r.adcode));
    const below = divisions.filter((d) => (d.level === 'township' || d.level === 'village') && codes.has(d.code.slice(0, 6)));
    const upper = divisions.filter((d) => d.level !== 'township' && d.level !== 'village' && [...codes].some((c) => c.startsWith(d.code)));
    const loadedAt = nowIso(this.ctx.clock);
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new RegionRepository(trx);
      const regionsAdded = (await repo.insertMissing(upper.map(toRegion))) + (await repo.insertMissing(below.map(toRegion)));
      const report: DesignationLoadReport = { kind, rows: rows.length, added: 0, updated: 0, unchanged: 0, regionsAdded };
      for (const r of rows) {
        const outcome = await repo.upsertDesignation({
          countyCode: r.adcode, kind, source: r.source, geoHazardProne: r.geoHazardProne === null ? null : r.geoHazardProne ? 1 : 0,
          geoHazardSource: r.geoHazardSource, loadedFrom: path.split('/').pop() ?? path, loadedAt,
        });
        report[outcome]++;
      }
      return report;
    });
  }

  /** One region by code. @throws not_found */
  async getRegion(code: string): Promise<RegionRow> {
    const r = await new RegionRepository(this.ctx.db).get(code);
    if (!r) throw notFound(`区划 ${code}`);
    return r;
  }

  /** Path from the province down to the region (national root not included). */
  async pathOf(code: string): Promise<RegionRow[]> {
    const prefixes = [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
    const rows = await new RegionRepository(this.ctx.db).getMany(prefixes);
    return rows.sort((a, b) => a.code.length - b.code.length);
  }

  /** Counts of designations loaded, by kind. */
  async designationCounts(): Promise<Record<DesignationKind, number>> {
    const all = await new RegionRepository(this.ctx.db).listDesignations();
    const out: Record<DesignationKind, number> = { national: 0, provincial: 0, reference: 0 };
    for (const d of all) out[d.kind as DesignationKind]++;
    return out;
  }
}
