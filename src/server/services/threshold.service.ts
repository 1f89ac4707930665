/**
 * Use cases of the monitoring thresholds: reading the table, resolving the value that applies to a
 * county and year, and an administrator setting or confirming a value with its source.
 */
import type { ThresholdDto } from '../../shared/api';
import type { ThresholdStatus } from '../../shared/enums';
import { resolveThreshold, type ResolvedThreshold, type ThresholdEntry } from '../domain/thresholds';
import { validationError } from '../errors';
import { RegionRepository } from '../repositories/region.repository';
import { ThresholdRepository } from '../repositories/threshold.repository';
import { cached } from '../repositories/reference-cache';
import { nowIso, type ServiceContext } from './context';

export class ThresholdService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The whole threshold table as domain entries. */
  async entries(): Promise<ThresholdEntry[]> {
    const rows = await new ThresholdRepository(this.ctx.db).list();
    return rows.map((r) => ({ provinceCode: r.provinceCode, countyCode: r.countyCode, year: r.year, valueFen: r.valueFen, status: r.status as ThresholdStatus, source: r.source }));
  }

  /**
   * A resolver bound to one read of the table (for batch work over many counties). The resolver and the
   * values it resolved are kept with the cached table (reference-cache.ts: dropped by every threshold
   * write of this process, 30 s at most otherwise), so that a dashboard request does not resolve the 160
   * key counties again (issue 15). Callers must not change the objects it returns.
   */
  resolver(): Promise<(countyCode: string, year: number) => ResolvedThreshold> {
    return cached(this.ctx.db, 'threshold:resolver', async () => {
      const entries = await this.entries();
      const memo = new Map<string, ResolvedThreshold>();
      return (countyCode: string, year: number) => {
        const key = `${countyCode}:${year}`;
        let r = memo.get(key);
        if (!r) memo.set(key, (r = Object.freeze(resolveThreshold(entries, countyCode, year))));
        return r;
      };
    });
  }

  /** The thresholds in force for the given counties and year (one per county), as DTOs. */
  async forCounties(countyCodes: readonly string[], year: number): Promise<ThresholdDto[]> {
    const resolve = await this.resolver();
    const seen = new Map<string, ThresholdDto>();
    for (const c of countyCodes) {
      const t = resolve(c, year);
      const key = `${t.provinceCode}:${t.countyCode ?? ''}:${t.valueFen}:${t.status}`;
      if (!seen.has(key)) seen.set(key, { provinceCode: t.provinceCode, countyCode: t.countyCode, year, valueFen: t.valueFen, status: t.status, source: t.source });
    }
    return [...seen.values()];
  }

  /**
   * Sets (or confirms) the threshold of a province or county for a year, with its source; the status
   * becomes `confirmed`. Values in yuan per person per year, whole yuan, 1,000–100,000.
   * Screening must then be re-run for the year (results keep the threshold they were computed with).
   * @throws validation_error for an unknown region, a bad year or value, or an empty source
   */
  async setThreshold(input: { provinceCode: string; countyCode?: string; year: number; valueYuan: number; source: string; by: string }): Promise<void> {
    const issues = [];
    if (!Number.isInteger(input.valueYuan) || input.valueYuan < 1000 || input.valueYuan > 100000) issues.push({ field: 'value', message: '监测范围应为1000至100000之间的整数元' });
    if (!Number.isInteger(input.year) || input.year < 2020 || input.year > 2100) issues.push({ field: 'year', message: '年份应在2020至2100之间' });
    if (!input.source.trim()) issues.push({ field: 'source', message: '必须注明来源(文件名称和文号)' });
    const regions = new RegionRepository(this.ctx.db);
    const code = input.countyCode || input.provinceCode;
    const region = await regions.get(code);
    if (!region || (input.countyCode ? region.level !== 'county' || !input.countyCode.startsWith(input.provinceCode) : region.level !== 'province')) {
      issues.push({ field: input.countyCode ? 'county' : 'province', message: `区划代码 ${code} 无效` });
    }
    if (issues.length) throw validationError(issues);
    await new ThresholdRepository(this.ctx.db).upsert({
      provinceCode: input.provinceCode, countyCode: input.countyCode ?? '', year: input.year, valueFen: input.valueYuan * 100,
      status: 'confirmed', source: input.source.trim(), confirmedBy: input.by, confirmedAt: nowIso(this.ctx.clock),
    });
  }
}
