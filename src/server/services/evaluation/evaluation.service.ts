/**
 * Evaluation of the key counties (issue 10 item 5): rounds of the templates in data/evaluation (后评估,
 * 衔接资金绩效评价, 重点帮扶县监测评价, 东西部协作, 定点帮扶), with the weights and grade lines the evaluating
 * level enters where no public source gives them (stored with the round and marked as theirs), items
 * entered per county, scores from indicator snapshots (the county's submitted report of the period when
 * there is one, else a snapshot the round takes) and entered items, ranks, grades, each county's lost
 * points, and sample households drawn reproducibly (the seed is stored with the round) by strata.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  drawSample, entryProblems, evaluationTemplateFile, gradeLineProblems, sampleSize, scoreRound, templateProblems, weightProblems,
  type CountyScore, type EvaluationTemplate, type GradeLines, type ItemScore, type Stratum,
} from '../../domain/evaluation/scoring';
import { hasPermission } from '../../domain/permissions';
import type { Db } from '../../db/connect';
import { badFile, forbidden, notFound, validationError } from '../../errors';
import { AuditRepository } from '../../repositories/audit.repository';
import { EvaluationRepository, type RoundRow, type SampleRow, type StratumId } from '../../repositories/evaluation/evaluation.repository';
import { IndicatorRepository } from '../../repositories/indicators/indicator.repository';
import { ReportingRepository } from '../../repositories/indicators/reporting.repository';
import { RegionRepository } from '../../repositories/region.repository';
import { inScope, NATIONAL_SCOPE, type Scope } from '../../repositories/scope';
import type { Actor } from '../actor';
import { auditFields } from '../audit.service';
import { nowIso, type ServiceContext } from '../context';
import { IndicatorService } from '../indicators/indicator.service';
import { DATA_DIR } from '../reference-files';

let templateCache: EvaluationTemplate[] | null = null;

/** Every template of data/evaluation, checked against its indicator set. @throws bad_file */
export function readEvaluationTemplates(indicators: IndicatorService): EvaluationTemplate[] {
  if (templateCache) return templateCache;
  const dir = join(DATA_DIR, 'evaluation');
  const out: EvaluationTemplate[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const r = evaluationTemplateFile.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!r.success) throw badFile(`data/evaluation/${f} 有误:${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(';')}`);
    const set = indicators.set(r.data.setId);
    const problems = templateProblems(r.data, new Map(set.indicators.map((d) => [d.id, d])));
    if (r.data.weights) problems.push(...weightProblems(r.data, r.data.weights, 100));
    if (problems.length) throw badFile(`data/evaluation/${f} 有误:${problems.join(';')}`);
    out.push(r.data);
  }
  return (templateCache = out);
}

/** What the evaluating level gives to open a round. */
export interface NewRound {
  kind: string;
  year: number;
  /** reporting period whose snapshots are read, default the year */
  period?: string;
  /** evaluating region (default the actor's); the round covers its key counties */
  regionCode?: string | null;
  /** the counties to evaluate (key counties inside the region); default all of them */
  counties?: string[];
  /** total of the weights, default 100 */
  total?: number;
  /** weight per weighted item: required when the template gives none */
  weights?: Record<string, number>;
  gradeLines: GradeLines;
  /** sampling seed; default from the clock (stored either way) */
  seed?: number;
  /** strata to sample, default the template's */
  strata?: Stratum[];
}

/** A round as the API returns it (JSON columns parsed). */
export interface RoundDto extends Omit<RoundRow, 'counties' | 'weights' | 'gradeLines' | 'strata'> {
  counties: string[];
  weights: Record<string, number>;
  gradeLines: GradeLines;
  strata: Stratum[];
  /** the evaluating level entered the weights (no public source) */
  weightsEnteredByEvaluator: boolean;
  template: EvaluationTemplate;
}

/** A county's line of the results. */
export interface ResultDto extends Omit<CountyScore, 'items'> {
  countyName: string;
  snapshotId: number | null;
  lostPoints: number;
  items: ItemScore[];
}

export class EvaluationService {
  private readonly indicators: IndicatorService;

  constructor(private readonly ctx: ServiceContext) {
    this.indicators = new IndicatorService(ctx);
  }

  /** The round templates. @throws bad_file */
  templates(): EvaluationTemplate[] {
    return readEvaluationTemplates(this.indicators);
  }

  private template(kind: string): EvaluationTemplate {
    const t = this.templates().find((x) => x.kind === kind);
    if (!t) throw validationError([{ field: 'kind', message: `没有评价类型 ${kind}(可选:${this.templates().map((x) => x.kind).join('、')})` }]);
    return t;
  }

  private dto(r: RoundRow): RoundDto {
    return {
      ...r, counties: JSON.parse(r.counties), weights: JSON.parse(r.weights), gradeLines: JSON.parse(r.gradeLines), strata: JSON.parse(r.strata),
      weightsEnteredByEvaluator: r.weightsOrigin.startsWith('entered:'), template: this.template(r.kind),
    };
  }

  /**
   * Opens a round. The weights: the template's when it cites a source, else the ones given, stored as
   * entered by the actor's level. Refused (validation_error naming the field) when the weights miss an
   * item, name an unknown one, or do not sum to the total; when grade lines are not descending; when a
   * county is not a key county of the region.
   * @throws forbidden without indicator.approve or for a region outside the actor's
   */
  async createRound(actor: Actor, input: NewRound): Promise<RoundDto> {
    if (!hasPermission(actor.roles, 'indicator.approve')) throw forbidden('没有组织评价的权限');
    const t = this.template(input.kind);
    const regionCode = input.regionCode ?? actor.regionCode ?? '';
    if (!(actor.scope.regionCode === null || regionCode.startsWith(actor.scope.regionCode))) throw forbidden('只能评价本人所在区域及其下级区域');
    const total = input.total ?? 100;
    const fromSource = t.weightsSource !== null && !input.weights;
    const weights = fromSource ? t.weights! : input.weights;
    if (!weights) throw validationError([{ field: 'weights', message: `${t.name}无公开权重出处,须由评价层级录入各项权重` }]);
    const issues = [
      ...weightProblems(t, weights, total).map((m) => ({ field: 'weights', message: m })),
      ...gradeLineProblems(input.gradeLines, total).map((m) => ({ field: 'gradeLines', message: m })),
    ];
    const keyCounties = await this.indicators.keyCounties(actor.scope, regionCode || null);
    const counties = input.counties ?? keyCounties;
    for (const c of counties) if (!keyCounties.includes(c)) issues.push({ field: 'counties', message: `${c} 不是评价区域内的重点帮扶县` });
    if (!counties.length) issues.push({ field: 'counties', message: '评价区域内没有重点帮扶县' });
    const period = input.period ?? String(input.year);
    this.indicators.checkPeriod(this.indicators.set(t.setId), period);
    if (issues.length) throw validationError(issues, '评价轮次设置有误');
    const row = {
      kind: t.kind, name: `${input.year}年${t.name}`, year: input.year, setId: t.setId, period, regionCode, counties: JSON.stringify(counties), total,
      weights: JSON.stringify(weights), weightsOrigin: fromSource ? 'source' : `entered:${actor.level}:${actor.username}`, gradeLines: JSON.stringify(input.gradeLines),
      strata: JSON.stringify(input.strata ?? t.strata), seed: input.seed ?? this.ctx.clock().getTime() % 2147483647, snapshotId: null,
      createdBy: actor.username, createdAt: nowIso(this.ctx.clock), computedAt: null,
    };
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const rid = await new EvaluationRepository(trx).createRound(row);
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'evaluation_round_create', targetType: 'evaluation_round', targetId: rid, regionCode: regionCode || null, outcome: 'ok', details: { kind: t.kind, year: input.year, weightsOrigin: row.weightsOrigin, seed: row.seed } }));
      return rid;
    });
    return this.dto({ ...row, id });
  }

  /** Rounds the caller may read, newest first. */
  async rounds(scope: Scope): Promise<RoundDto[]> {
    return (await new EvaluationRepository(this.ctx.db).listRounds(scope)).map((r) => this.dto(r));
  }

  private async roundOrThrow(scope: Scope, id: number, db: Db = this.ctx.db): Promise<RoundDto> {
    const r = await new EvaluationRepository(db).getRound(id);
    if (!r || !(scope.regionCode === null || r.regionCode.startsWith(scope.regionCode) || scope.regionCode.startsWith(r.regionCode))) throw notFound(`评价轮次 ${id}`);
    return this.dto(r);
  }

  /** One round. @throws not_found */
  round(scope: Scope, id: number): Promise<RoundDto> {
    return this.roundOrThrow(scope, id);
  }

  /**
   * Enters an item of a county (a field-check figure, a group's score, a bonus or penalty) by the
   * evaluating level.
   * @throws validation_error for an item taken from snapshots, a score outside 0 … weight or a county outside the round
   */
  async enterItem(actor: Actor, roundId: number, input: { countyCode: string; itemId: string; value: number }): Promise<void> {
    if (!hasPermission(actor.roles, 'indicator.approve')) throw forbidden('没有录入评价项的权限');
    const r = await this.roundOrThrow(actor.scope, roundId);
    if (actor.scope.regionCode !== null && actor.scope.regionCode.length > r.regionCode.length) throw forbidden('评价项由组织评价的层级录入');
    if (!r.counties.includes(input.countyCode)) throw validationError([{ field: 'countyCode', message: `${input.countyCode} 不在本轮评价范围内` }]);
    const problems = entryProblems(r.template, r.weights, input.itemId, input.value);
    if (problems.length) throw validationError(problems.map((m) => ({ field: 'value', message: m })));
    await this.ctx.db.transaction().execute(async (trx) => {
      await new EvaluationRepository(trx).upsertEntry({ roundId, ...input, enteredBy: actor.username, enteredAt: nowIso(this.ctx.clock) });
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'evaluation_entry', targetType: 'evaluation_round', targetId: roundId, regionCode: input.countyCode, outcome: 'ok', details: input }));
    });
  }

  /**
   * Computes a round: per county the indicator values of its submitted report of the period (when the
   * period is open and the county submitted) or of a snapshot the round takes once, the entered items,
   * the scores, ranks and grades; draws the sample households of every stratum with the round's seed.
   * Replaces the round's results and samples in one transaction with its audit event.
   */
  async compute(actor: Actor, roundId: number): Promise<ResultDto[]> {
    if (!hasPermission(actor.roles, 'indicator.approve')) throw forbidden('没有计算评价结果的权限');
    const r = await this.roundOrThrow(actor.scope, roundId);
    const set = this.indicators.set(r.setId);
    const direction = new Map(set.indicators.map((d) => [d.id, d.direction]));
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new EvaluationRepository(trx);
      const values = new IndicatorRepository(trx);
      const period = await new ReportingRepository(trx).getPeriodBy(r.setId, r.period);
      const submitted = new Map<string, number>();
      if (period) for (const s of await new ReportingRepository(trx).submissions(NATIONAL_SCOPE, period.id)) if (s.snapshotId !== null && s.state !== 'returned') submitted.set(s.countyCode, s.snapshotId);
      let roundSnapshot = r.snapshotId;
      if (r.counties.some((c) => !submitted.has(c)) && roundSnapshot === null) {
        roundSnapshot = (await this.indicators.takeSnapshot(actor, { setId: r.setId, period: r.period, regionCode: r.regionCode || null, purpose: `evaluation:${roundId}` }, trx)).id;
      }
      const entries = await repo.entries(roundId);
      const inputs = [];
      const snapshotOf = new Map<string, number | null>();
      for (const c of r.counties) {
        const snap = submitted.get(c) ?? roundSnapshot;
        snapshotOf.set(c, snap);
        const vals = snap === null ? [] : await values.values(NATIONAL_SCOPE, snap, [c]);
        inputs.push({ countyCode: c, indicators: new Map(vals.map((v) => [v.indicatorId, v.value])), entered: new Map(entries.filter((e) => e.countyCode === c).map((e) => [e.itemId, e.value])) });
      }
      const scores = scoreRound(r.template, r.weights, r.gradeLines, inputs, (id) => direction.get(id) ?? 'none');
      await repo.replaceResults(roundId, scores.map((s) => ({ roundId, countyCode: s.countyCode, score: s.score, rank: s.rank, grade: s.grade, snapshotId: snapshotOf.get(s.countyCode) ?? null, items: JSON.stringify(s.items) })));
      const samples: { roundId: number; countyCode: string; stratum: string; drawOrder: number; householdId: number }[] = [];
      for (const c of r.counties) {
        const byStratum = await repo.strata(c, r.year);
        for (const st of r.strata) {
          const ids = byStratum.get(st.id as StratumId) ?? [];
          const drawn = drawSample(ids, sampleSize(st, ids.length), r.seed, `${c}:${st.id}`);
          drawn.forEach((householdId, i) => samples.push({ roundId, countyCode: c, stratum: st.id, drawOrder: i + 1, householdId }));
        }
      }
      await repo.replaceSamples(roundId, samples);
      await repo.setComputed(roundId, nowIso(this.ctx.clock), roundSnapshot);
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'evaluation_compute', targetType: 'evaluation_round', targetId: roundId, regionCode: r.regionCode || null, outcome: 'ok', details: { counties: r.counties.length, samples: samples.length, snapshotId: roundSnapshot } }));
    });
    return this.results(actor.scope, roundId);
  }

  /** The results inside the caller's region, by rank, with county names and the points lost. @throws not_found */
  async results(scope: Scope, roundId: number): Promise<ResultDto[]> {
    await this.roundOrThrow(scope, roundId);
    const rows = await new EvaluationRepository(this.ctx.db).results(scope, roundId);
    const names = new Map((await new RegionRepository(this.ctx.db).getMany(rows.map((x) => x.countyCode))).map((x) => [x.code, x.name]));
    return rows.map((x) => {
      const items = JSON.parse(x.items) as ItemScore[];
      return { countyCode: x.countyCode, countyName: names.get(x.countyCode) ?? x.countyCode, score: x.score, rank: x.rank, grade: x.grade as ResultDto['grade'], snapshotId: x.snapshotId, lostPoints: Math.round(items.reduce((a, i) => a + i.lost, 0) * 100) / 100, items };
    });
  }

  /** One county's page: its line with the items sorted by points lost (most first). @throws not_found */
  async countyResult(scope: Scope, roundId: number, countyCode: string): Promise<ResultDto> {
    if (!inScope(scope, countyCode)) throw notFound(`${countyCode} 的评价结果`);
    const line = (await this.results(scope, roundId)).find((x) => x.countyCode === countyCode);
    if (!line) throw notFound(`${countyCode} 的评价结果`);
    return { ...line, items: [...line.items].sort((a, b) => b.lost - a.lost) };
  }

  /** Sample households of the round inside the caller's region (household number and village, no names). */
  async samples(scope: Scope, roundId: number, countyCode?: string): Promise<SampleRow[]> {
    await this.roundOrThrow(scope, roundId);
    return new EvaluationRepository(this.ctx.db).samples(scope, roundId, countyCode);
  }
}
