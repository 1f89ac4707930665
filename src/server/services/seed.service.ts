/**
 * Generating the demo population: invented households for every loaded key county, with a fixed
 * random seed and a scale in persons, registered through the same registry use case as real data
 * (so ID numbers are validated, hashed and encrypted the same way; written in bulk, issue 15), then
 * screened set-based once at the end. Every household is
 * marked is_demo, and the UI says the people are invented.
 */
import { generateHouseholds, type SeedVillage } from '../seed/generator';
import { refreshStatistics } from '../db/connect';
import { MetaRepository } from '../repositories/meta.repository';
import { RegionRepository } from '../repositories/region.repository';
import { NATIONAL_SCOPE } from '../repositories/scope';
import type { HouseholdData } from '../../shared/registry';
import { RegistryService } from './registry.service';
import { ScreeningService, type Progress } from './screening.service';
import { today, type ServiceContext } from './context';
import { DemoWorkflowService, type DemoWorkflowReport } from './demo-workflow.service';
import { isRuralVillageCode } from '../domain/division-code';
import { seedEvaluationDemo } from '../seed/evaluation/demo';
import { ReportingService } from './indicators/reporting.service';
import { EvaluationService } from './evaluation/evaluation.service';

/** What a seed run did. */
export interface SeedReport {
  counties: number;
  villages: number;
  households: number;
  persons: number;
  idsToVerify: number;
  years: number[];
  /** the demo cases walked (issue 16) */
  workflow: DemoWorkflowReport;
  millis: number;
}

/** Households a batch: one transaction of bulk writes each (≈ 19,000 persons). */
const BATCH = 5000;

export class SeedService {
  constructor(private readonly ctx: ServiceContext) {}

  /** True when the demo population was already generated in this database. */
  async isSeeded(): Promise<boolean> {
    return (await new MetaRepository(this.ctx.db).get('seed')) !== undefined;
  }

  /**
   * Generates about `persons` invented persons over the villages of every designated county and
   * screens the default year and the one before; then walks `demoCases` (default 40) identification
   * cases and a third as many elimination cases (DemoWorkflowService). Only rural villages are populated (isRuralVillageCode). Refuses to run twice.
   * @param onProgress called with (persons written, target) while registering
   */
  async seed(opts: { persons: number; seed: number; demoCases?: number; onProgress?: Progress; onScreenProgress?: Progress }): Promise<SeedReport> {
    const started = Date.now();
    const meta = new MetaRepository(this.ctx.db);
    if (await this.isSeeded()) throw new Error('演示数据已生成;如需重新生成,请删除数据目录后重试');
    const regions = new RegionRepository(this.ctx.db);
    const counties = [...new Set((await regions.listDesignations()).map((d) => d.countyCode))].sort();
    const villages: SeedVillage[] = [];
    for (const c of counties) {
      // only 村民委员会 under a 镇 or 乡: the statistical code's class digits (domain/division-code.ts)
      for (const v of await regions.listByLevel('village', c)) if (isRuralVillageCode(v.code)) villages.push({ code: v.code, countyCode: c, provinceCode: c.slice(0, 2) });
    }
    const year = this.ctx.config.defaultYear;
    const years = [year - 1, year];
    const registry = new RegistryService(this.ctx);
    let batch: HouseholdData[] = [];
    let households = 0;
    let persons = 0;
    let idsToVerify = 0;
    const flush = async () => {
      if (!batch.length) return;
      const r = await registry.registerGenerated(NATIONAL_SCOPE, batch, { isDemo: true, screen: false });
      households += r.households;
      persons += r.persons;
      idsToVerify += r.idsToVerify;
      batch = [];
      opts.onProgress?.(persons, opts.persons);
    };
    for (const h of generateHouseholds(villages, { seed: opts.seed, targetPersons: opts.persons, years, asOf: today(this.ctx.clock) })) {
      batch.push(h);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await refreshStatistics(this.ctx.db);
    const screening = new ScreeningService(this.ctx);
    for (const y of years) await screening.screen({ year: y, onProgress: opts.onScreenProgress });
    const cases = opts.demoCases ?? 40;
    const workflow = cases > 0
      ? await new DemoWorkflowService(this.ctx).run(year, { identification: cases, elimination: Math.ceil(cases / 3) })
      : { identification: 0, enrolled: 0, elimination: 0, eliminated: 0, measures: 0, refused: 0 };
    // 监测评价: a reported and approved period and a ranked evaluation round of the default year (issue 10)
    await seedEvaluationDemo({ reporting: new ReportingService(this.ctx), evaluation: new EvaluationService(this.ctx) }, year, opts.seed);
    await meta.set('seed', JSON.stringify({ seed: opts.seed, persons, households, at: new Date(this.ctx.clock()).toISOString() }));
    return { counties: counties.length, villages: villages.length, households, persons, idsToVerify, years, workflow, millis: Date.now() - started };
  }
}
