/**
 * Data-quality checks over what an import of the national tables stores, on both dialects (generated
 * records, no real person): the catalogue API with its filters, and a run that reads the person's imported
 * work spells and plans, the household's national measures, the recorded 人均纯收入 beside the recomputed
 * one and the village profile beside the registry's counts; findings carry the values, names masked.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { head, household, income, person, VILLAGES } from '../../../../test/fixtures/registry';
import type { Db } from '../../db/connect';
import type { Services } from '../../container';
import type { CheckInfoDto, CheckReportDto } from '../../../shared/intake';

forEachDialect('data-quality checks API', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof newTestApp>>;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    // 脱贫户 of 2 persons, 20,000 yuan of wages in 2025: 10,000.00 per person recomputed
    await services.registry.registerHouseholds({ regionCode: null }, [
      household('N-1', VILLAGES.basha, [head({ name: '杨老大', birth: '19800101' }), person({ name: '杨二', birth: '19820501' })], [income(2025, 2_000_000)], { householdType: 'liftedOutOfPoverty' }),
    ]);
    const h = await db.selectFrom('household').select('id').where('householdNo', '=', 'N-1').executeTakeFirstOrThrow();
    const p = await db.selectFrom('person').select(['idHash']).where('householdId', '=', h.id).where('name', '=', '杨二').executeTakeFirstOrThrow();
    const now = '2026-03-15T10:00:00Z';
    const batch = await db.insertInto('importBatch').values({ kind: 'national-work', fileName: 'w.xlsx', fileSha256: 'x', fileBytes: 1, sheetName: null, scopeCode: null, actor: 'test', status: 'committed', startedAt: now, finishedAt: now, rowsTotal: 3, added: 0, updated: 0, unchanged: 0, held: 0, rejected: 0, clues: 0, rolledBackAt: null, rolledBackBy: null }).returning('id').executeTakeFirstOrThrow();
    // as the national import leaves it: recorded 人均纯收入 10,050.00, a national row, a 低保 measure nobody receives
    await db.updateTable('household').set({ recordedPerCapitaIncomeFen: 1_005_000, recordedIncomeYear: 2025, phoneMasked: '138******78', collectorName: '王**', collectorPhoneMasked: '139******01', returnedFarmlandMu: 0, orchardMu: 0, grasslandMu: 0, waterSurfaceMu: 0, memberUninsured: 0, fullSupport: 0, housingAreaM2: 100, distanceToRoadKm: 1 }).where('id', '=', h.id).execute();
    await db.updateTable('person').set({ phoneMasked: '159******34' }).where('householdId', '=', h.id).execute();
    await db.insertInto('nationalRow').values({ batchId: batch.id, kind: 'national-person', countyCode: '522633', householdId: h.id, idHash: p.idHash, sourceRow: 4, spellingsJson: '{}', extraJson: '{}' }).execute();
    await db.insertInto('assistanceMeasure').values({ householdId: h.id, caseId: null, countyCode: '522633', villageCode: VILLAGES.basha, kind: 'socialSecurity', subKind: 'dibao', responsibleUnit: '全国防返贫监测信息系统', startDate: '2025-01-01', endDate: null, amountFen: null, status: 'completed', note: '低保', createdBy: 'test', createdAt: now, updatedAt: now, version: 1, source: 'national', batchId: batch.id }).execute();
    // 杨二's spells: 2025-03–2025-08 and 2025-07 onwards (overlap), 38,000 yuan a month; a plan without 就业服务需求
    const spell = { batchId: batch.id, idHash: p.idHash, householdId: h.id, countyCode: '522633', villageCode: VILLAGES.basha, working: 1, endMonth: null, workCounty: '南海区', channel: '自主就业', industry: '制造业', employer: '某电子厂', transportSubsidyFen: null, serviceNeed: null };
    await db.insertInto('workSpell').values([
      { ...spell, kind: 'workSpell', sourceRow: 4, startMonth: '2025-03', endMonth: '2025-08', monthlyWageFen: 450_000 },
      { ...spell, kind: 'workSpell', sourceRow: 5, startMonth: '2025-07', monthlyWageFen: 3_800_000, extraJson: JSON.stringify({ 是否点对点输送: '' }) },
      { ...spell, kind: 'workPlan', sourceRow: 4, startMonth: null, monthlyWageFen: null, channel: null, industry: null, employer: null },
    ]).execute();
    // the village's profile: 46 低保户 but 45 低保人口
    await db.insertInto('villageProfile').values({ batchId: batch.id, villageCode: VILLAGES.basha, countyCode: '522633', sourceRow: 4, collectiveIncomeFen: 1_000_000, figuresJson: JSON.stringify({ households: 300, population: 1100, dibaoHouseholds: 46, dibaoPersons: 45, tekunPersons: 5, disabledPersons: 30, dangerousHouses: 2, unsafeWaterHouseholds: 3, residentPensionPersons: 600, exited: true, busService: true, pavedRoadToTownship: true, primarySchools: 1 }) }).execute();
    app = await newTestApp(services);
    auth = await testAuthHeaders(app, services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('catalogue: every check with its name, meaning, source, level and hint; filters by family, level and text', async () => {
    const all = (await app.inject({ method: 'GET', url: '/api/v1/intake/checks/catalogue', headers: auth })).json() as { checks: CheckInfoDto[] };
    expect(all.checks.length).toBeGreaterThanOrEqual(150);
    expect(all.checks.find((c) => c.id === 'WRK-04')).toMatchObject({ family: 'work', familyZh: '外出务工记录', level: 'spell', zh: '同一人务工时段重叠', hint: '补录上一段的结束时间,或删除重复记录' });
    const work = (await app.inject({ method: 'GET', url: '/api/v1/intake/checks/catalogue?family=plans', headers: auth })).json() as { checks: CheckInfoDto[] };
    expect(work.checks.map((c) => c.id)).toEqual(['PLN-01', 'PLN-02', 'PLN-03', 'PLN-04', 'PLN-05', 'PLN-06']);
    const villages = (await app.inject({ method: 'GET', url: `/api/v1/intake/checks/catalogue?level=village&q=${encodeURIComponent('低保户数')}`, headers: auth })).json() as { checks: CheckInfoDto[] };
    expect(villages.checks.map((c) => c.id)).toEqual(['VIL-04', 'VIL-05', 'VIL-20']);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/intake/checks/catalogue?family=nope', headers: auth });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/intake/checks/catalogue' })).statusCode).toBe(401);
  });

  it('a run reads the imported spells, plans, measures, recorded income and village profile', async () => {
    const r = (await app.inject({ method: 'GET', url: '/api/v1/intake/checks?region=522633&year=2025', headers: auth })).json() as CheckReportDto;
    expect(r).toMatchObject({ households: 1, villages: 1 });
    const got = r.findings.map((f) => [f.checkId, f.member, f.sourceRow ?? null, f.values]);
    expect(got).toEqual([
      ['INC-01', null, null, { '人均纯收入（元）': '10,050.00 元', 分项计算: '10,000.00 元', 差额: '50.00 元' }],
      ['PLN-02', '杨*', 4, { 是否计划务工: true, 就业服务需求: null }],
      ['Q43', '杨*', 5, { 开始时间: '2025-07', 务工月收入: '38,000.00 元' }],
      ['SA-07', null, null, { 综合保障: '低保', 享受低保人数: 0 }],
      ['VIL-05', null, 4, { 低保户数: 46, 低保人口数: 45 }],
      ['WRK-04', '杨*', 5, { 开始时间: '2025-07', 上一段: '2025-03–2025-08' }],
      ['WRK-10', '杨*', 5, { 开始时间: '2025-07', 是否点对点输送: null }],
    ]);
    expect(r.checks.find((c) => c.id === 'WRK-04')).toMatchObject({ findings: 1, source: expect.stringContaining('务工监测'), hint: expect.stringContaining('结束时间') });
    expect(r.byRegion.find((b) => b.regionCode === VILLAGES.basha)).toEqual({ regionCode: VILLAGES.basha, households: 1, findings: 7 });
  });

  it('without personal.view the values of health checks are withheld and names stay masked', async () => {
    // 杨二: disability grade 2 but 健康状况 健康 → Q24 (a health check)
    await db.updateTable('person').set({ disabilityGrade: 2 }).where('name', '=', '杨二').execute();
    const reader = await testAuthHeaders(app, services, { roles: ['readOnly'] });
    const r = (await app.inject({ method: 'GET', url: '/api/v1/intake/checks?region=522633&year=2025', headers: reader })).json() as CheckReportDto;
    expect(r.findings.find((f) => f.checkId === 'Q24')).toMatchObject({ member: '杨*', values: {}, facts: '(健康信息,无查看权限)' });
    expect(r.findings.find((f) => f.checkId === 'Q43')).toMatchObject({ values: { 务工月收入: '38,000.00 元' } });
    const full = (await app.inject({ method: 'GET', url: '/api/v1/intake/checks?region=522633&year=2025', headers: auth })).json() as CheckReportDto;
    expect(full.findings.find((f) => f.checkId === 'Q24')).toMatchObject({ member: '杨*', values: { 残疾等级: 2, 健康状况: '健康' } });
  });
});
