/**
 * The whole procedure through the API on both dialects, for each path: enrolled, not enrolled, objection
 * during the notice, eliminated (six months later, on a second app with a later clock over the same
 * database), rolled back, and re-entry of an eliminated household; opening from a screening flag; and
 * every refusal with its reason: out of order, future date, notice too short, elimination before six
 * months, stale version (concurrent edit), attachment too big or of a forbidden type.
 *
 * Every request is made by a signed-in user of the level that does the step (testAuthHeaders: cookie and
 * CSRF token): a village cadre of the household's village opens the case, verifies, deliberates and posts
 * the notice; a township reviewer of its township compares and reviews; a county approver of 从江县
 * approves, announces, rolls back and reads. Wrong levels, missing permissions and masking are tested
 * through the API as well.
 *
 * Clock: TEST_NOW = 2026-03-15; the later clock is 2026-10-15. Households in 从江县 (522633), threshold
 * in force for 2025: 730,000 fen (the 2023 Guizhou value carried forward as a placeholder).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, TEST_KEY, testAuthHeaders, testConfig } from '../../../../test/harness';
import { head, household, income, person, VILLAGES } from '../../../../test/fixtures/registry';
import { createServices, type Services } from '../../container';
import { IdProtector } from '../../crypto/id-protector';
import type { Db } from '../../db/connect';
import { NATIONAL_SCOPE } from '../../repositories/scope';
import type { CaseDto } from '../../../shared/workflow';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1c2a70000000049454e44ae426082', 'hex');

type Level = 'village' | 'township' | 'county';
const LEVEL_LENGTH: Record<Level, number> = { village: 12, township: 9, county: 6 };
/** The role of each level's user (domain/permissions.ts). */
const LEVEL_ROLE: Record<Level, string> = { village: 'villageCadre', township: 'townshipReviewer', county: 'countyApprover' };
/** The level that does each step in these tests (one of the step's levels in data/workflow-rules.json). */
const STEP_LEVEL: Record<string, Level> = {
  verificationVisit: 'village', informationComparison: 'township', eliminationAssessment: 'village', villageReview: 'village', townshipReview: 'township', countyApproval: 'county', announcement: 'county',
};
const HOUSEHOLD_VILLAGES: Record<string, string> = { 'WF-A': VILLAGES.basha, 'WF-B': VILLAGES.basha, 'WF-C': VILLAGES.darong, 'WF-D': VILLAGES.darong, 'WF-E': VILLAGES.guandong, 'WF-F': VILLAGES.guandong };

forEachDialect('workflow routes', (dialect) => {
  let services: Services;
  let later: Services;
  let db: Db;
  let app: FastifyInstance;
  let lateApp: FastifyInstance;
  let drop: () => Promise<void>;
  let ids: Map<string, number>;
  /** village of each household id and of each case id seen in a response */
  const villageOf = { household: new Map<number, string>(), case: new Map<number, string>() };
  const dataDir = mkdtempSync(join(tmpdir(), 'zx-workflow-'));

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect, { config: { dataDir } }));
    await services.regions.ensureReferenceData();
    const report = await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      // A: two ordinary labourers, 2025 income 2,000,000 / 2 = 1,000,000 fen per person (> 730,000)
      household('WF-A', VILLAGES.basha, [head({ name: '吴阿明' }), person({ name: '吴妻' })], [income(2025, 2_000_000)]),
      household('WF-B', VILLAGES.basha, [head({ name: '潘阿二' })], [income(2025, 1_000_000)]),
      household('WF-C', VILLAGES.darong, [head({ name: '石阿三' }), person({ name: '石妻' })], [income(2025, 1_000_000)]),
      // D: eliminated in 2024, re-enters with a new risk
      household('WF-D', VILLAGES.darong, [head({ name: '杨阿四' })], [income(2025, 1_200_000)], {
        householdType: 'liftedOutOfPoverty', monitoredCategory: 'unstableLifted', riskTypes: ['illness'], identifiedMonth: '2024-01', riskEliminated: true, eliminationMode: 'assistance', eliminatedMonth: '2024-09',
      }),
      // E: 2025 income 500,000 fen for one person, below 730,000: flagged by R01
      household('WF-E', VILLAGES.guandong, [head({ name: '韦阿五' })], [income(2025, 500_000)]),
      // F: no one able to work, monitored since 2025-01
      household('WF-F', VILLAGES.guandong, [head({ name: '梁阿六', labourSkill: 'lost' })], [income(2025, 1_000_000)], {
        monitoredCategory: 'marginalVulnerable', riskTypes: ['lackOfLabour'], identifiedMonth: '2025-01',
      }),
    ]);
    ids = report.ids;
    app = await newTestApp(services);
    later = createServices(db, testConfig({ dataDir }), () => new Date('2026-10-15T10:00:00Z'), new IdProtector(TEST_KEY));
    lateApp = await newTestApp(later);
    for (const [no, id] of ids) villageOf.household.set(id, HOUSEHOLD_VILLAGES[no]!);
  });
  afterAll(async () => {
    await app?.close();
    await lateApp?.close();
    await drop?.();
  });

  /** Signed-in users, one per app (each app has its own clock), level and region; created on first use. */
  const users = new Map<string, Promise<{ username: string; headers: Record<string, string> }>>();
  function user(on: FastifyInstance, level: Level, villageCode: string, roles: string[] = [LEVEL_ROLE[level]]) {
    const regionCode = villageCode.slice(0, LEVEL_LENGTH[level]);
    const key = `${on === app ? 'a' : 'b'}:${level}:${regionCode}:${roles.join(',')}`;
    if (!users.has(key)) {
      const username = `${LEVEL_ROLE[level].slice(0, 6)}_${regionCode}_${users.size}`;
      users.set(key, testAuthHeaders(on, on === app ? services : later, { regionCode, roles, username }).then((headers) => ({ username, headers })));
    }
    return users.get(key)!;
  }
  /**
   * Who makes a request, by what it does: the level of the step (data/workflow-rules.json), in the
   * village of the case or household; reads and anything else by the county approver.
   */
  function whoFor(method: string, url: string, body: unknown): { level: Level; village: string } {
    const county = { level: 'county' as const, village: VILLAGES.basha };
    if (method === 'GET') return county;
    const b = (body ?? {}) as { householdId?: number };
    if (url === '/api/v1/cases' || url === '/api/v1/cases/from-screening') return { level: 'village', village: villageOf.household.get(b.householdId!) ?? VILLAGES.basha };
    const m = /^\/api\/v1\/cases\/(\d+)\/(steps\/(\w+)|notice|attachments|rollback)/.exec(url);
    if (!m) return { level: 'township', village: VILLAGES.basha }; // measures
    const village = villageOf.case.get(Number(m[1])) ?? VILLAGES.basha;
    if (m[2] === 'rollback') return { level: 'county', village };
    return { level: m[3] ? STEP_LEVEL[m[3]]! : 'village', village };
  }
  async function call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, on: FastifyInstance = app, as?: { headers: Record<string, string> }) {
    const who = whoFor(method, url, body);
    const { headers } = as ?? (await user(on, who.level, who.village));
    const res = await on.inject({ method, url, payload: body as object | undefined, headers });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(500);
    const json = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
    if (json && typeof json.id === 'number' && typeof json.villageCode === 'string' && 'householdNo' in json) villageOf.case.set(json.id, json.villageCode);
    return res;
  }
  async function ok(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, on: FastifyInstance = app) {
    const res = await call(method, url, body, on);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  }
  async function refused(method: 'POST' | 'GET' | 'PATCH', url: string, body: unknown, status: number, code: string, on: FastifyInstance = app, as?: { headers: Record<string, string> }) {
    const res = await call(method, url, body, on, as);
    expect(res.statusCode, res.body).toBe(status);
    const e = res.json() as { error: { code: string; message: string; details?: { issues?: { field: string }[] } } };
    expect(e.error.code).toBe(code);
    return e.error;
  }
  const step = (c: CaseDto, s: string, body: Record<string, unknown>, on: FastifyInstance = app) => ok('POST', `/api/v1/cases/${c.id}/steps/${s}`, { version: c.version, ...body }, on) as Promise<CaseDto>;
  /** village review → notice 5 days → close → township → county → announcement, from a case awaiting village review on `d0`. */
  async function chain(c: CaseDto, days: string[], county: Record<string, unknown>, on: FastifyInstance = app): Promise<CaseDto> {
    c = await step(c, 'villageReview', { performedOn: days[0], agreed: true }, on);
    c = await ok('POST', `/api/v1/cases/${c.id}/notice`, { version: c.version, postedOn: days[1], days: 5 }, on);
    c = await ok('POST', `/api/v1/cases/${c.id}/notice/close`, { version: c.version, closedOn: days[2] }, on);
    c = await step(c, 'townshipReview', { performedOn: days[3], approved: true }, on);
    c = await step(c, 'countyApproval', { performedOn: days[4], approved: true, ...county }, on);
    return step(c, 'announcement', { performedOn: days[5] }, on);
  }

  let caseA: CaseDto;
  /** A 2025 rollup figure of 从江县 522633. */
  const rollup = async (metric: string) =>
    Number((await db.selectFrom('regionRollup').select('value').where('regionCode', '=', '522633').where('year', '=', 2025).where('metric', '=', metric).where('key', '=', '').executeTakeFirst())?.value ?? -1);

  describe('enrolled', () => {
    it('opens a case from a department alert with its due dates', async () => {
      caseA = await ok('POST', '/api/v1/cases', { householdId: ids.get('WF-A'), origin: 'departmentAlert', sourceRef: 'clue:101', clueDate: '2026-03-01' });
      // verification 2 calendar days after the clue; decision 15 days after it
      expect(caseA).toMatchObject({ state: 'verification', currentStep: 'verificationVisit', stepDue: '2026-03-03', decisionDue: '2026-03-16', origin: 'departmentAlert', sourceRef: 'clue:101', version: 1 });
    });

    it('refuses a second open case, a step out of order and a future date', async () => {
      await refused('POST', '/api/v1/cases', { householdId: ids.get('WF-A'), origin: 'selfReport', clueDate: '2026-03-02' }, 409, 'conflict');
      const e = await refused('POST', `/api/v1/cases/${caseA.id}/steps/townshipReview`, { version: 1, performedOn: '2026-03-02', approved: true }, 409, 'step_refused');
      expect(e.message).toBe('当前应办理“入户核实”,不能办理“乡镇审核”');
      const f = await refused('POST', `/api/v1/cases/${caseA.id}/steps/verificationVisit`, { version: 1, performedOn: '2026-03-16', consentSigned: true, riskFound: true }, 400, 'validation_error');
      expect(f.details?.issues?.map((i) => i.field)).toEqual(['performedOn']);
      const g = await refused('POST', `/api/v1/cases/${caseA.id}/steps/verificationVisit`, { version: 1, performedOn: '2026-03-02', consentSigned: false, riskFound: true }, 409, 'step_refused');
      expect(g.message).toBe('入户核实须有农户签字的承诺授权书');
    });

    it('refuses an attachment too big or of a forbidden type, stores a PNG on disk', async () => {
      await refused('POST', `/api/v1/cases/${caseA.id}/attachments`, { fileName: 'a.png', mimeType: 'image/png', contentBase64: Buffer.alloc(3 * 1024 * 1024 + 1, 0x89).toString('base64') }, 413, 'attachment_too_large');
      await refused('POST', `/api/v1/cases/${caseA.id}/attachments`, { fileName: 'a.exe', mimeType: 'image/png', contentBase64: Buffer.from('MZ\x90\x00 not a png').toString('base64') }, 415, 'attachment_type');
      await refused('POST', `/api/v1/cases/${caseA.id}/attachments`, { fileName: 'a.png', mimeType: 'application/pdf', contentBase64: PNG.toString('base64') }, 415, 'attachment_type');
      const a = await ok('POST', `/api/v1/cases/${caseA.id}/attachments`, { fileName: '承诺授权书.png', mimeType: 'image/png', contentBase64: PNG.toString('base64') });
      expect(a.sizeBytes).toBe(PNG.length);
      const file = await call('GET', `/api/v1/cases/${caseA.id}/attachments/${a.id}`);
      expect(file.rawPayload.equals(PNG)).toBe(true);
      caseA = await ok('GET', `/api/v1/cases/${caseA.id}`);
      caseA = await step(caseA, 'verificationVisit', { performedOn: '2026-03-02', consentSigned: true, riskFound: true, findings: '户主住院,医疗支出大', attachmentIds: [a.id] });
      // recorded under the name and level of the village cadre who did it
      const cadre = await user(app, 'village', VILLAGES.basha);
      expect(caseA.steps[0]).toMatchObject({ step: 'verificationVisit', actor: cadre.username, actorLevel: 'village', performedOn: '2026-03-02', attachmentIds: [a.id] });
      // comparison due 3 days after the verification
      expect(caseA).toMatchObject({ state: 'comparison', stepDue: '2026-03-05', verifiedOn: '2026-03-02' });
    });

    it('gives the second of two concurrent edits a conflict', async () => {
      const body = { version: caseA.version, performedOn: '2026-03-03', deposits: '无大额存款' };
      const both = await Promise.all([call('POST', `/api/v1/cases/${caseA.id}/steps/informationComparison`, body), call('POST', `/api/v1/cases/${caseA.id}/steps/informationComparison`, body)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const lost = both.find((r) => r.statusCode === 409)!;
      expect(lost.json().error.code).toBe('conflict');
      caseA = both.find((r) => r.statusCode === 200)!.json();
      expect(caseA.state).toBe('villageReview');
    });

    it('refuses a notice shorter than 5 days, then runs the chain to enrolment', async () => {
      caseA = await step(caseA, 'villageReview', { performedOn: '2026-03-04', agreed: true });
      const e = await refused('POST', `/api/v1/cases/${caseA.id}/notice`, { version: caseA.version, postedOn: '2026-03-05', days: 4 }, 400, 'validation_error');
      expect(e.details?.issues?.[0]?.field).toBe('days');
      caseA = await ok('POST', `/api/v1/cases/${caseA.id}/notice`, { version: caseA.version, postedOn: '2026-03-05', days: 5 });
      // posted 03-05 for 5 days: 03-05 … 03-09; closing is allowed from 03-10
      expect(caseA.notice).toMatchObject({ postedOn: '2026-03-05', endsOn: '2026-03-09', status: 'posted' });
      expect(caseA.stepDue).toBe('2026-03-10');
      const early = await refused('POST', `/api/v1/cases/${caseA.id}/notice/close`, { version: caseA.version, closedOn: '2026-03-09' }, 409, 'step_refused');
      expect(early.message).toBe('公示期至 2026-03-09 止,2026-03-09 尚未期满,不能结束公示');
      caseA = await ok('POST', `/api/v1/cases/${caseA.id}/notice/close`, { version: caseA.version, closedOn: '2026-03-10' });
      caseA = await step(caseA, 'townshipReview', { performedOn: '2026-03-11', approved: true });
      // a village cadre (who may record steps) may not approve for the county: 403 with the reason
      const cadre = await user(app, 'village', VILLAGES.basha);
      const wrong = await refused('POST', `/api/v1/cases/${caseA.id}/steps/countyApproval`, { version: caseA.version, performedOn: '2026-03-12', approved: true, category: 'suddenHardship', riskTypes: ['illness'] }, 403, 'wrong_level', app, cadre);
      expect(wrong.message).toMatch(/^“县级审定”应由县级办理,您是村级用户(.+)$/);
      // nor may a township reviewer
      const township = await user(app, 'township', VILLAGES.basha);
      await refused('POST', `/api/v1/cases/${caseA.id}/steps/countyApproval`, { version: caseA.version, performedOn: '2026-03-12', approved: true, category: 'suddenHardship', riskTypes: ['illness'] }, 403, 'wrong_level', app, township);
      expect((await ok('GET', `/api/v1/cases/${caseA.id}`)).state).toBe('countyApproval');
      const miss = await refused('POST', `/api/v1/cases/${caseA.id}/steps/countyApproval`, { version: caseA.version, performedOn: '2026-03-12', approved: true }, 400, 'validation_error');
      expect(miss.details?.issues?.map((i) => i.field)).toEqual(['category', 'riskTypes']);
      caseA = await step(caseA, 'countyApproval', { performedOn: '2026-03-12', approved: true, category: 'suddenHardship', riskTypes: ['illness'] });
      expect(caseA).toMatchObject({ state: 'announcement', decidedOn: '2026-03-12' });
      caseA = await step(caseA, 'announcement', { performedOn: '2026-03-13' });
      expect(caseA.state).toBe('enrolled');
      const h = await ok('GET', `/api/v1/households/${ids.get('WF-A')}`);
      expect(h).toMatchObject({ monitoredCategory: 'suddenHardship', riskTypes: ['illness'], identifiedMonth: '2026-03', riskEliminated: false });
    });

    it('shows the illness risk uncovered until a health measure is in place; the first measure is timed', async () => {
      let m = await ok('GET', `/api/v1/households/${ids.get('WF-A')}/measures`);
      expect(m).toMatchObject({ uncoveredRisks: ['illness'], ableToWork: true, needsDevelopmentMeasure: true });
      await ok('POST', `/api/v1/households/${ids.get('WF-A')}/measures`, { kind: 'health', responsibleUnit: '从江县医疗保障局', startDate: '2026-03-14', amountFen: 300_000, status: 'inProgress' });
      await ok('POST', `/api/v1/households/${ids.get('WF-A')}/measures`, { kind: 'employment', responsibleUnit: '从江县人社局', startDate: '2026-03-15', status: 'inProgress' });
      m = await ok('GET', `/api/v1/households/${ids.get('WF-A')}/measures`);
      expect(m).toMatchObject({ uncoveredRisks: [], needsDevelopmentMeasure: false });
      expect((await ok('GET', `/api/v1/cases/${caseA.id}`)).firstMeasureOn).toBe('2026-03-14');
      // a measure recorded later but started earlier (03-13, 低保) moves the first-measure date back
      await ok('POST', `/api/v1/households/${ids.get('WF-A')}/measures`, { kind: 'socialSecurity', subKind: 'dibao', responsibleUnit: '从江县民政局', startDate: '2026-03-13', amountFen: 50_000, status: 'inProgress' });
      expect((await ok('GET', `/api/v1/cases/${caseA.id}`)).firstMeasureOn).toBe('2026-03-13');
      expect(m.measures[0]).toMatchObject({ kind: 'health', amountFen: 300_000, caseId: caseA.id });
      // a measure's status changes under its version; a stale version is a conflict
      const first = m.measures[0];
      const upd = await ok('PATCH', `/api/v1/measures/${first.id}`, { version: first.version, status: 'completed', endDate: '2026-03-15' });
      expect(upd).toMatchObject({ status: 'completed', endDate: '2026-03-15', version: 2 });
      const stale = await call('PATCH', `/api/v1/measures/${first.id}`, { version: first.version, status: 'stopped' });
      expect(stale.statusCode).toBe(409);
      const bad = await refused('POST', `/api/v1/households/${ids.get('WF-A')}/measures`, { kind: 'health', responsibleUnit: 'x', startDate: '2026-04-01', status: 'inProgress' }, 400, 'validation_error');
      expect(bad.details?.issues?.[0]?.field).toBe('startDate');
    });

    it('keeps the timeline of every change', async () => {
      const t = await ok('GET', `/api/v1/households/${ids.get('WF-A')}/timeline`);
      const types = t.events.map((e: { type: string }) => e.type);
      expect(types).toEqual([
        'case_opened', 'attachment_added', 'step_recorded', 'step_recorded', 'step_recorded', 'notice_posted', 'notice_closed', 'step_recorded', 'step_recorded', 'step_recorded',
        'household_enrolled', 'measure_added', 'measure_added', 'measure_added', 'measure_updated',
      ]);
      const audit = await db.selectFrom('auditEvent').select('action').where('targetId', '=', String(caseA.id)).execute();
      expect(audit.map((a) => a.action)).toContain('case_step');
    });

    it('refuses elimination before six months with the criterion and its evidence', async () => {
      const c = await ok('POST', '/api/v1/cases', { householdId: ids.get('WF-A'), kind: 'elimination', origin: 'direct', clueDate: '2026-03-15' });
      const e = await refused('POST', `/api/v1/cases/${c.id}/steps/eliminationAssessment`, { version: c.version, performedOn: '2026-03-15', mode: 'assistance' }, 409, 'step_refused');
      expect(e.message).toContain('纳入监测满6个月(识别监测时间 2026-03,至 2026-03-15 满 0 个月)');
      // leave it: the later clock uses the same open case
    });
  });

  describe('permissions, region and masking', () => {
    it('a read-only user of the county may not open, record, roll back or add measures: 403 with the reason', async () => {
      const reader = await user(app, 'county', VILLAGES.basha, ['readOnly']);
      const before = await ok('GET', `/api/v1/cases/${caseA.id}`);
      const open = await refused('POST', '/api/v1/cases', { householdId: ids.get('WF-B'), origin: 'selfReport', clueDate: '2026-03-10' }, 403, 'forbidden', app, reader);
      expect(open.message).toBe('没有发起监测案件的权限');
      const st = await refused('POST', `/api/v1/cases/${caseA.id}/steps/announcement`, { version: before.version, performedOn: '2026-03-14' }, 403, 'forbidden', app, reader);
      expect(st.message).toBe('没有办理监测帮扶环节的权限');
      await refused('POST', `/api/v1/cases/${caseA.id}/notice/close`, { version: before.version, closedOn: '2026-03-14' }, 403, 'forbidden', app, reader);
      await refused('POST', `/api/v1/cases/${caseA.id}/rollback`, { version: before.version, performedOn: '2026-03-14', reason: 'x' }, 403, 'forbidden', app, reader);
      const m = await refused('POST', `/api/v1/households/${ids.get('WF-A')}/measures`, { kind: 'health', responsibleUnit: 'x', startDate: '2026-03-14', status: 'inProgress' }, 403, 'forbidden', app, reader);
      expect(m.message).toBe('没有登记帮扶措施的权限');
      // a township reviewer records steps but may not roll back an elimination (the county decided it)
      await refused('POST', `/api/v1/cases/${caseA.id}/rollback`, { version: before.version, performedOn: '2026-03-14', reason: 'x' }, 403, 'forbidden', app, await user(app, 'township', VILLAGES.basha));
      expect(await ok('GET', `/api/v1/cases/${caseA.id}`)).toEqual(before);
    });

    it('a read-only user sees the case with the name masked and no free text about the household; no notice page, no attachment', async () => {
      const reader = await user(app, 'county', VILLAGES.basha, ['readOnly']);
      const res = await call('GET', `/api/v1/cases/${caseA.id}`, undefined, app, reader);
      expect(res.statusCode).toBe(200);
      const c = res.json() as CaseDto;
      expect(c.headName).toBe('吴**');
      expect(res.body).not.toContain('吴阿明');
      expect(res.body).not.toContain('户主住院');
      expect(c.steps[0]!.findings.findings).toBe('(含个人信息,已隐藏)');
      expect(c.steps[0]!.outcome).toBe('核实存在风险');
      // the worklist of a read-only user of the village (A's open elimination case awaits a village step)
      const w = (await call('GET', '/api/v1/worklist', undefined, app, await user(app, 'village', VILLAGES.basha, ['readOnly']))).json() as { headName: string }[];
      expect(w.length).toBeGreaterThan(0);
      expect(w.every((x) => x.headName.includes('*'))).toBe(true);
      const t = await call('GET', `/api/v1/households/${ids.get('WF-A')}/timeline`, undefined, app, reader);
      expect(t.statusCode).toBe(200);
      const full = await ok('GET', `/api/v1/cases/${caseA.id}`);
      expect(full.headName).toBe('吴阿明');
      await refused('GET', `/api/v1/cases/${caseA.id}/notice.html`, undefined, 403, 'forbidden', app, reader);
      await refused('GET', `/api/v1/cases/${caseA.id}/attachments/${full.attachments[0].id}`, undefined, 403, 'forbidden', app, reader);
    });

    it('a village cadre of another village sees and changes nothing of the case: 404', async () => {
      const other = await user(app, 'village', VILLAGES.guandong);
      await refused('GET', `/api/v1/cases/${caseA.id}`, undefined, 404, 'not_found', app, other);
      await refused('POST', `/api/v1/cases/${caseA.id}/steps/verificationVisit`, { version: caseA.version, performedOn: '2026-03-14', consentSigned: true, riskFound: true }, 404, 'not_found', app, other);
      await refused('GET', `/api/v1/households/${ids.get('WF-A')}/timeline`, undefined, 404, 'not_found', app, other);
    });

    it('timeliness of another region answers empty figures and logs the refused access; a region above one\'s own gives one\'s own', async () => {
      const cadre = await user(app, 'village', VILLAGES.guandong);
      const res = await call('GET', '/api/v1/timeliness?region=522632', undefined, app, cadre);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ regionCode: '522632', openCases: 0, monitoredHouseholds: 0, overdueTotal: 0, clueToDecision: { n: 0 } });
      const denied = await db.selectFrom('auditEvent').select(['action', 'targetType']).where('action', '=', 'access_denied').where('targetId', '=', '522632').execute();
      expect(denied).toContainEqual({ action: 'access_denied', targetType: 'timeliness' });
      const own = (await call('GET', '/api/v1/timeliness?region=52', undefined, app, cadre)).json();
      expect(own.regionCode).toBe(VILLAGES.guandong);
      expect((await call('GET', '/api/v1/worklist?region=522632', undefined, app, cadre)).json()).toEqual([]);
    });
  });

  describe('not enrolled', () => {
    it('village deliberation disagrees: not enrolled with the reason', async () => {
      let c: CaseDto = await ok('POST', '/api/v1/cases', { householdId: ids.get('WF-B'), origin: 'selfReport', clueDate: '2026-03-10' });
      c = await step(c, 'verificationVisit', { performedOn: '2026-03-10', consentSigned: true, riskFound: true });
      c = await step(c, 'informationComparison', { performedOn: '2026-03-11', vehicles: '名下有小轿车一辆' });
      const e = await refused('POST', `/api/v1/cases/${c.id}/steps/villageReview`, { version: c.version, performedOn: '2026-03-12', agreed: false }, 400, 'validation_error');
      expect(e.details?.issues?.[0]?.field).toBe('reason');
      c = await step(c, 'villageReview', { performedOn: '2026-03-12', agreed: false, reason: '家庭有车辆,收入来源稳定' });
      expect(c).toMatchObject({ state: 'notEnrolled', reason: '家庭有车辆,收入来源稳定', decidedOn: '2026-03-12', currentStep: null });
      const h = await ok('GET', `/api/v1/households/${ids.get('WF-B')}`);
      expect(h.monitoredCategory).toBeNull();
    });
  });

  describe('objection during the notice', () => {
    it('an upheld objection sends the case back to deliberation; a dismissed one lets the notice close', async () => {
      let c: CaseDto = await ok('POST', '/api/v1/cases', { householdId: ids.get('WF-C'), origin: 'grassrootsScreening', clueDate: '2026-02-20' });
      c = await step(c, 'verificationVisit', { performedOn: '2026-02-21', consentSigned: true, riskFound: true });
      c = await step(c, 'informationComparison', { performedOn: '2026-02-22' });
      c = await step(c, 'villageReview', { performedOn: '2026-02-23', agreed: true });
      c = await ok('POST', `/api/v1/cases/${c.id}/notice`, { version: c.version, postedOn: '2026-02-24', days: 5 });
      await refused('POST', `/api/v1/cases/${c.id}/notice/objections`, { version: c.version, receivedOn: '2026-03-01', summary: '期满后' }, 409, 'step_refused');
      c = await ok('POST', `/api/v1/cases/${c.id}/notice/objections`, { version: c.version, receivedOn: '2026-02-26', summary: '村民反映该户在县城有商铺' });
      const oid = c.notice!.objections[0]!.id;
      const blocked = await refused('POST', `/api/v1/cases/${c.id}/notice/close`, { version: c.version, closedOn: '2026-03-01' }, 409, 'step_refused');
      expect(blocked.message).toBe('公示期间收到的 1 条异议尚未处理,不能结束公示');
      c = await ok('POST', `/api/v1/cases/${c.id}/notice/objections/${oid}/resolve`, { version: c.version, resolvedOn: '2026-02-27', upheld: true, note: '核实商铺已于去年转让,需重新评议' });
      expect(c).toMatchObject({ state: 'villageReview', notice: { status: 'withdrawn' } });
      c = await step(c, 'villageReview', { performedOn: '2026-03-02', agreed: true });
      c = await ok('POST', `/api/v1/cases/${c.id}/notice`, { version: c.version, postedOn: '2026-03-03', days: 7 });
      c = await ok('POST', `/api/v1/cases/${c.id}/notice/objections`, { version: c.version, receivedOn: '2026-03-04', summary: '再次反映' });
      c = await ok('POST', `/api/v1/cases/${c.id}/notice/objections/${c.notice!.objections[0]!.id}/resolve`, { version: c.version, resolvedOn: '2026-03-05', upheld: false, note: '经核实不属实' });
      // 7 days from 03-03: 03-03 … 03-09
      expect(c.notice).toMatchObject({ endsOn: '2026-03-09', status: 'posted', objections: [{ resolution: 'dismissed' }] });
      c = await ok('POST', `/api/v1/cases/${c.id}/notice/close`, { version: c.version, closedOn: '2026-03-10' });
      c = await step(c, 'townshipReview', { performedOn: '2026-03-10', approved: true });
      c = await step(c, 'countyApproval', { performedOn: '2026-03-11', approved: true, category: 'marginalVulnerable', riskTypes: ['housingSafety'] });
      c = await step(c, 'announcement', { performedOn: '2026-03-12' });
      expect(c.state).toBe('enrolled');
    });
  });

  describe('opened from a screening flag', () => {
    it('household E, flagged by R01 in 2025, gets a case with the screening reference', async () => {
      const c = await ok('POST', '/api/v1/cases/from-screening', { householdId: ids.get('WF-E'), year: 2025 });
      expect(c).toMatchObject({ origin: 'screening', sourceRef: 'screening:R01:2025', clueDate: '2026-03-15', state: 'verification' });
      await refused('POST', '/api/v1/cases/from-screening', { householdId: ids.get('WF-B'), year: 2025 }, 409, 'step_refused');
    });
  });

  describe('re-entry', () => {
    it('an eliminated household with a new risk is enrolled again through a new case', async () => {
      let c: CaseDto = await ok('POST', '/api/v1/cases', { householdId: ids.get('WF-D'), origin: 'departmentAlert', sourceRef: 'clue:7', clueDate: '2026-03-01' });
      c = await step(c, 'verificationVisit', { performedOn: '2026-03-01', consentSigned: true, riskFound: true });
      c = await step(c, 'informationComparison', { performedOn: '2026-03-02' });
      c = await chain(c, ['2026-03-03', '2026-03-03', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11'], { category: 'unstableLifted', riskTypes: ['educationCosts'] });
      expect(c.state).toBe('enrolled');
      const h = await ok('GET', `/api/v1/households/${ids.get('WF-D')}`);
      expect(h).toMatchObject({ riskEliminated: false, eliminationMode: null, eliminatedMonth: null, identifiedMonth: '2026-03', riskTypes: ['educationCosts'] });
      const t = await ok('GET', `/api/v1/households/${ids.get('WF-D')}/timeline`);
      expect(t.events.find((e: { type: string }) => e.type === 'household_enrolled').details.reentry).toBe(true);
    });
  });

  describe('eliminated, then rolled back (clock 2026-10-15)', () => {
    it('refuses a household with no one able to work', async () => {
      const c = await ok('POST', '/api/v1/cases', { householdId: ids.get('WF-F'), kind: 'elimination', origin: 'direct', clueDate: '2026-10-01' }, lateApp);
      const e = await refused('POST', `/api/v1/cases/${c.id}/steps/eliminationAssessment`, { version: c.version, performedOn: '2026-10-02', mode: 'natural' }, 409, 'step_refused', lateApp);
      expect(e.message).toContain('家庭有劳动能力');
    });

    it('eliminates household A after seven months with measures in place, through the same chain', async () => {
      const a = await ok('GET', `/api/v1/households/${ids.get('WF-A')}/elimination-assessment?mode=assistance`, undefined, lateApp);
      expect(a.eligible).toBe(true);
      expect(a.criteria.find((x: { id: string }) => x.id === 'incomeAboveThreshold').evidence).toBe('2025 年人均纯收入 10,000 元,监测范围 7,300 元(占位值,待确认)');
      const open = (await ok('GET', `/api/v1/households/${ids.get('WF-A')}/timeline`, undefined, lateApp)).cases[0];
      let c: CaseDto = await ok('GET', `/api/v1/cases/${open.id}`, undefined, lateApp);
      expect(c.kind).toBe('elimination');
      c = await step(c, 'eliminationAssessment', { performedOn: '2026-10-01', mode: 'assistance' }, lateApp);
      c = await chain(c, ['2026-10-02', '2026-10-03', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'], {}, lateApp);
      expect(c).toMatchObject({ state: 'eliminated', eliminationMode: 'assistance' });
      const h = await ok('GET', `/api/v1/households/${ids.get('WF-A')}`, undefined, lateApp);
      expect(h).toMatchObject({ riskEliminated: true, eliminationMode: 'assistance', eliminatedMonth: '2026-10', monitoredCategory: 'suddenHardship' });
      // rollups of 从江县 follow: monitored C, D, F (A is eliminated) = 3; eliminated A = 1
      expect(await rollup('monitored')).toBe(3);
      expect(await rollup('eliminated')).toBe(1);
    });

    it('rolls the mark back; the household is monitored again and stays in the registry', async () => {
      const open = (await ok('GET', `/api/v1/households/${ids.get('WF-A')}/timeline`, undefined, lateApp)).cases[0];
      const c: CaseDto = await ok('GET', `/api/v1/cases/${open.id}`, undefined, lateApp);
      const r: CaseDto = await ok('POST', `/api/v1/cases/${c.id}/rollback`, { version: c.version, performedOn: '2026-10-14', reason: '复核发现收入核算有误' }, lateApp);
      expect(r).toMatchObject({ state: 'rolledBack', reason: '复核发现收入核算有误' });
      const h = await ok('GET', `/api/v1/households/${ids.get('WF-A')}`, undefined, lateApp);
      expect(h).toMatchObject({ riskEliminated: false, eliminationMode: null, eliminatedMonth: null, monitoredCategory: 'suddenHardship' });
      expect(await rollup('monitored')).toBe(4);
      expect(await rollup('eliminated')).toBe(0);
      await refused('POST', `/api/v1/cases/${c.id}/rollback`, { version: r.version, performedOn: '2026-10-14', reason: 'again' }, 409, 'step_refused', lateApp);
      const t = await ok('GET', `/api/v1/households/${ids.get('WF-A')}/timeline`, undefined, lateApp);
      expect(t.events.map((e: { type: string }) => e.type).slice(-2)).toEqual(['step_recorded', 'elimination_rolled_back']);
    });
  });

  describe('a new risk for a household still monitored', () => {
    it('household C (enrolled 2026-03 for housing safety) adds illness and keeps its identification month', async () => {
      let c: CaseDto = await ok('POST', '/api/v1/cases', { householdId: ids.get('WF-C'), origin: 'selfReport', clueDate: '2026-03-13' });
      c = await step(c, 'verificationVisit', { performedOn: '2026-03-13', consentSigned: true, riskFound: true });
      c = await step(c, 'informationComparison', { performedOn: '2026-03-13' });
      c = await step(c, 'villageReview', { performedOn: '2026-03-13', agreed: true });
      c = await ok('POST', `/api/v1/cases/${c.id}/notice`, { version: c.version, postedOn: '2026-03-13', days: 5 });
      expect(c.notice?.endsOn).toBe('2026-03-17');
      // the notice cannot close before 03-18, which is after today (03-15) on this clock: refused as a future date
      await refused('POST', `/api/v1/cases/${c.id}/notice/close`, { version: c.version, closedOn: '2026-03-18' }, 400, 'validation_error');
      c = await ok('POST', `/api/v1/cases/${c.id}/notice/close`, { version: c.version, closedOn: '2026-10-01' }, lateApp);
      c = await step(c, 'townshipReview', { performedOn: '2026-10-02', approved: true }, lateApp);
      c = await step(c, 'countyApproval', { performedOn: '2026-10-03', approved: true, category: 'marginalVulnerable', riskTypes: ['illness'] }, lateApp);
      c = await step(c, 'announcement', { performedOn: '2026-10-04' }, lateApp);
      const h = await ok('GET', `/api/v1/households/${ids.get('WF-C')}`, undefined, lateApp);
      expect(h).toMatchObject({ identifiedMonth: '2026-03', riskTypes: ['housingSafety', 'illness'], riskEliminated: false });
    });
  });

  describe('worklist and notice page', () => {
    it('lists open cases earliest due first with why', async () => {
      // the village cadre of E's village sees E's verification (a village step)
      const w = (await call('GET', '/api/v1/worklist', undefined, app, await user(app, 'village', VILLAGES.guandong))).json();
      const e = w.find((x: { householdNo: string }) => x.householdNo === 'WF-E');
      // E: clue 2026-03-15, verification due 03-17, not overdue on 03-15
      expect(e).toMatchObject({ step: 'verificationVisit', due: '2026-03-17', overdue: false, why: '入户核实应于 2026-03-17 前完成', headName: '韦阿五' });
      // … and only its own village's cases; the county approver's worklist has no verification to do
      expect(w.every((x: { villageCode: string }) => x.villageCode === VILLAGES.guandong)).toBe(true);
      const county = await ok('GET', '/api/v1/worklist');
      expect(county.some((x: { step: string | null }) => x.step === 'verificationVisit')).toBe(false);
      const overdue = await ok('GET', '/api/v1/cases/overdue', undefined, lateApp);
      // on 2026-10-15 E's verification is 212 days overdue (03-17 → 10-15)
      expect(overdue.find((x: { householdNo: string }) => x.householdNo === 'WF-E')).toMatchObject({ overdue: true, daysOverdue: 212 });
    });

    it('prints the notice of case C with names and village only', async () => {
      const t = await ok('GET', `/api/v1/households/${ids.get('WF-C')}/timeline`);
      const res = await call('GET', `/api/v1/cases/${t.cases[0].id}/notice.html`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<td>石阿三</td><td>大融村村民委员会</td>');
      expect(res.body).not.toMatch(/\d{10,}/);
    });
  });
});
