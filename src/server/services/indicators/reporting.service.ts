/**
 * Reporting and approval by level (issue 10 item 4): a reporting period per indicator set, each key
 * county's report climbing the chain of data/indicators/reporting.json (county submits — a snapshot of
 * its values is taken and tied to the report —, prefecture and province approve or return with a
 * reason, the nation locks; an unlock, with a reason, only by the level that locked), every step an
 * append-only event with its audit entry in the same transaction, and who has not submitted per level.
 * The chain's logic is domain/indicators/reporting.ts `decide`, over data: decision 0202.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainProblems, decide, isRefusal, LEVEL_ZH, reportingChainFile, type ReportingChain } from '../../domain/indicators/reporting';
import type { ReportLevel } from '../../domain/indicators/definitions';
import { hasPermission } from '../../domain/permissions';
import type { Db } from '../../db/connect';
import { badFile, conflict, forbidden, notFound, stepRefused, validationError, wrongLevel } from '../../errors';
import { AuditRepository } from '../../repositories/audit.repository';
import { RegionRepository } from '../../repositories/region.repository';
import { ReportingRepository, type EventRow, type PeriodRow, type SubmissionRow } from '../../repositories/indicators/reporting.repository';
import type { Actor } from '../actor';
import { auditFields } from '../audit.service';
import { nowIso, type ServiceContext } from '../context';
import { IndicatorService } from './indicator.service';
import { INDICATOR_DIR, REPORTING_FILE } from './indicator-files';

let chainCache: ReportingChain | null = null;

/** data/indicators/reporting.json, checked. @throws bad_file */
export function readReportingChain(): ReportingChain {
  if (chainCache) return chainCache;
  const r = reportingChainFile.safeParse(JSON.parse(readFileSync(join(INDICATOR_DIR, REPORTING_FILE), 'utf8')));
  if (!r.success) throw badFile(`data/indicators/${REPORTING_FILE} 有误:${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(';')}`);
  const problems = chainProblems(r.data);
  if (problems.length) throw badFile(`data/indicators/${REPORTING_FILE} 有误:${problems.join(';')}`);
  return (chainCache = r.data);
}

/** The reporting level of an actor, or null for township and village users (who take no part). */
function levelOfActor(actor: Actor): ReportLevel | null {
  return actor.level === 'township' || actor.level === 'village' ? null : actor.level;
}

/** A county's report as the API returns it. */
export interface SubmissionDto {
  countyCode: string;
  countyName: string;
  state: string;
  stateLabel: string;
  snapshotId: number | null;
  lockedLevel: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** One region's reporting status: counts by state and the counties that have not submitted. */
export interface LevelStatusDto {
  level: ReportLevel;
  regionCode: string;
  regionName: string;
  counties: number;
  byState: Record<string, number>;
  notSubmitted: { code: string; name: string; state: string }[];
}

export class ReportingService {
  private readonly indicators: IndicatorService;

  constructor(private readonly ctx: ServiceContext) {
    this.indicators = new IndicatorService(ctx);
  }

  /** The chain (states, transitions, levels, source). */
  chain(): ReportingChain {
    return readReportingChain();
  }

  private require(actor: Actor, p: 'indicator.report' | 'indicator.approve'): void {
    if (!hasPermission(actor.roles, p)) throw forbidden(p === 'indicator.report' ? '没有报送监测指标的权限' : '没有审核监测指标报送的权限');
  }

  /**
   * Opens a reporting period of a set with a draft report for every key county (national users).
   * @throws validation_error for a bad period; conflict when the period is already open; wrong_level below the nation
   */
  async openPeriod(actor: Actor, input: { setId: string; period: string }): Promise<PeriodRow> {
    this.require(actor, 'indicator.approve');
    const set = this.indicators.set(input.setId);
    this.indicators.checkPeriod(set, input.period);
    if (actor.level !== 'national') throw wrongLevel('报告期由国家层级开启');
    const counties = await this.indicators.keyCounties(actor.scope);
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ReportingRepository(trx);
      if (await repo.getPeriodBy(set.id, input.period)) throw conflict(`指标集“${set.name}”${input.period} 报告期已开启`);
      const row = { setId: set.id, period: input.period, openedBy: actor.username, openedAt: nowIso(this.ctx.clock) };
      const id = await repo.createPeriod(row, counties);
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'report_period_open', targetType: 'report_period', targetId: id, outcome: 'ok', details: { ...input, counties: counties.length } }));
      return { ...row, id };
    });
  }

  /** Every period, newest first. */
  periods(): Promise<PeriodRow[]> {
    return new ReportingRepository(this.ctx.db).listPeriods();
  }

  private async periodOrThrow(id: number, db: Db = this.ctx.db): Promise<PeriodRow> {
    const p = await new ReportingRepository(db).getPeriod(id);
    if (!p) throw notFound(`报告期 ${id}`);
    return p;
  }

  /**
   * Performs one step of the chain on the reports of the given counties, all or none (one transaction):
   * each county must lie in the actor's region, the step must be allowed from its state at the actor's
   * level, with a reason where the chain asks for one. `submit` takes a snapshot of the county's values.
   * @throws not_found for a county outside the region or the period; wrong_level (403) for an approval,
   *   return, lock or unlock by a level the chain does not allow; step_refused (409) for a step the state
   *   refuses (a period submitted twice) or a missing reason; conflict when `version` is stale
   */
  async act(actor: Actor, periodId: number, input: { action: string; counties: readonly string[]; reason?: string | null; version?: number }): Promise<SubmissionDto[]> {
    this.require(actor, input.action === 'submit' ? 'indicator.report' : 'indicator.approve');
    if (!input.counties.length) throw validationError([{ field: 'counties', message: '至少选择一个县' }]);
    const level = levelOfActor(actor);
    if (!level) throw wrongLevel(`乡镇、村级用户不参与指标报送审核`);
    const chain = this.chain();
    const moved = await this.ctx.db.transaction().execute(async (trx) => {
      const period = await this.periodOrThrow(periodId, trx);
      const repo = new ReportingRepository(trx);
      const out: SubmissionRow[] = [];
      for (const county of input.counties) {
        const s = await repo.submission(actor.scope, periodId, county);
        if (!s) throw notFound(`${county} 在本报告期的报送记录`);
        if (input.version !== undefined && input.counties.length === 1 && s.version !== input.version) throw conflict('该报送已被他人处理,请刷新后重试', { version: s.version });
        const t = decide(chain, s.state, input.action, level, (s.lockedLevel as ReportLevel | null) ?? null, input.reason);
        if (isRefusal(t)) throw t.kind === 'wrong_level' ? wrongLevel(`${county}:${t.message}`) : stepRefused(`${county}:${t.message}`);
        const at = nowIso(this.ctx.clock);
        let snapshotId = s.snapshotId;
        if (t.takesSnapshot) snapshotId = (await this.indicators.takeSnapshot(actor, { setId: period.setId, period: period.period, regionCode: county, purpose: `submission:${county}` }, trx)).id;
        const lockedLevel = t.to === 'locked' ? level : t.action === 'unlock' ? null : s.lockedLevel;
        const patch = { state: t.to, snapshotId, lockedLevel, updatedBy: actor.username, updatedAt: at };
        if (!(await repo.moveSubmission(s.id, s.version, patch))) throw conflict('该报送已被他人处理,请刷新后重试');
        const reason = (input.reason ?? '').trim() || null;
        await repo.addEvent({ submissionId: s.id, action: t.action, fromState: s.state, toState: t.to, actor: actor.username, actorLevel: level, reason, snapshotId, at });
        await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: `report_${t.action}`, targetType: 'report_submission', targetId: s.id, regionCode: county, outcome: 'ok', details: { periodId, from: s.state, to: t.to, reason, snapshotId } }));
        out.push({ ...s, ...patch, version: s.version + 1 });
      }
      return out;
    });
    return this.dtos(moved);
  }

  private async dtos(rows: readonly SubmissionRow[]): Promise<SubmissionDto[]> {
    const chain = this.chain();
    const names = new Map((await new RegionRepository(this.ctx.db).getMany(rows.map((r) => r.countyCode))).map((r) => [r.code, r.name]));
    return rows.map((r) => ({
      countyCode: r.countyCode, countyName: names.get(r.countyCode) ?? r.countyCode, state: r.state, stateLabel: chain.states[r.state] ?? r.state,
      snapshotId: r.snapshotId, lockedLevel: r.lockedLevel, version: r.version, updatedBy: r.updatedBy, updatedAt: r.updatedAt,
    }));
  }

  /**
   * The status of a period inside the caller's region: every county's report, and per prefecture,
   * province and the nation (those the caller may read) the counts by state and who has not submitted
   * (draft or returned).
   * @throws not_found
   */
  async status(actor: Actor, periodId: number): Promise<{ period: PeriodRow; states: Record<string, string>; counties: SubmissionDto[]; levels: LevelStatusDto[] }> {
    const period = await this.periodOrThrow(periodId);
    const rows = await new ReportingRepository(this.ctx.db).submissions(actor.scope, periodId);
    const counties = await this.dtos(rows);
    const chain = this.chain();
    const regionCodes = new Set<string>();
    for (const c of counties) for (const code of [c.countyCode.slice(0, 4), c.countyCode.slice(0, 2), '']) if (actor.scope.regionCode === null || code.startsWith(actor.scope.regionCode)) regionCodes.add(code);
    const names = new Map((await new RegionRepository(this.ctx.db).getMany([...regionCodes].filter(Boolean))).map((r) => [r.code, r.name]));
    const levels = [...regionCodes].sort().map((code): LevelStatusDto => {
      const mine = counties.filter((c) => c.countyCode.startsWith(code));
      const byState = Object.fromEntries(Object.keys(chain.states).map((s) => [s, mine.filter((c) => c.state === s).length]));
      return {
        level: code.length === 0 ? 'national' : code.length === 2 ? 'province' : 'prefecture', regionCode: code, regionName: code ? (names.get(code) ?? code) : '全国', counties: mine.length, byState,
        notSubmitted: mine.filter((c) => chain.editableIn.includes(c.state)).map((c) => ({ code: c.countyCode, name: c.countyName, state: c.stateLabel })),
      };
    });
    return { period, states: chain.states, counties, levels };
  }

  /** The steps of one county's report (oldest first). @throws not_found */
  async events(actor: Actor, periodId: number, countyCode: string): Promise<EventRow[]> {
    await this.periodOrThrow(periodId);
    const s = await new ReportingRepository(this.ctx.db).submission(actor.scope, periodId, countyCode);
    if (!s) throw notFound(`${countyCode} 在本报告期的报送记录`);
    return new ReportingRepository(this.ctx.db).events([s.id]);
  }

  /**
   * Records a county's hand-reported value, refused once the county's report of that period left the
   * editable states: after submission until returned, and after the lock until unlocked by the locking
   * level (step_refused naming that level).
   */
  async reportValue(actor: Actor, input: { setId: string; period: string; countyCode: string; indicatorId: string; value: number }): Promise<void> {
    this.require(actor, 'indicator.report');
    const chain = this.chain();
    await this.indicators.reportValue(actor, input, async (trx) => {
      const repo = new ReportingRepository(trx);
      const p = await repo.getPeriodBy(input.setId, input.period);
      if (!p) return;
      const s = await repo.submission(actor.scope, p.id, input.countyCode);
      if (!s || chain.editableIn.includes(s.state)) return;
      if (s.state === 'locked') throw stepRefused(`${input.countyCode} ${input.period} 报送已锁定,修改须先由${LEVEL_ZH[(s.lockedLevel as ReportLevel) ?? 'national']}说明理由解锁`);
      throw stepRefused(`${input.countyCode} ${input.period} 已报送(${chain.states[s.state] ?? s.state}),退回后方可修改`);
    });
  }
}
