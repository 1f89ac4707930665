/**
 * The evaluation, analysis and export routes through the API on both dialects (issue 10 items 5–7), on
 * the hand-counted registry: weights that do not sum to the total are refused with 400 naming them; a
 * round of two counties computes ranks; what-if lists the four households of the hand computation
 * (see analysis.service.test.ts) and writes nothing; exports of aggregate tables need no export
 * permission, those listing households do (403 without personal.export); a round of a province is not
 * found for a user of another province.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, testAuthHeaders } from '../../../../test/harness';
import { listRegistryServices } from '../../../../test/fixtures/list-registry-services';
import type { Services } from '../../container';

forEachDialect('evaluation routes (API)', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const h: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    ({ services, drop } = await listRegistryServices(dialect));
    app = await newTestApp(services);
    h.nation = await testAuthHeaders(app, services, { regionCode: null, roles: ['reviewer', 'countyApprover'] });
    h.entry = await testAuthHeaders(app, services, { regionCode: '52', roles: ['dataEntry'] });
    h.yunnan = await testAuthHeaders(app, services, { regionCode: '53', roles: ['reviewer'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => app.inject({ method, url: `/api/v1${url}`, headers: h[who], payload: payload as never });
  const base = { kind: 'zhongdian-jiance', year: 2025, region: '52', counties: ['522633', '522632'], gradeLines: { good: 85, fairlyGood: 70, fair: 60 }, seed: 5 };

  it('rounds: refused weights, ranks, the county page, scope', async () => {
    const bad = await call('nation', 'POST', '/evaluation/rounds', { ...base, weights: { M1: 25, M2: 30, M3: 30, M4: 10, M5: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues).toContainEqual({ field: 'weights', message: '权重合计 95,应等于本轮总分 100' });
    const created = await call('nation', 'POST', '/evaluation/rounds', { ...base, weights: { M1: 25, M2: 30, M3: 30, M4: 15, M5: 0 } });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as number;
    expect(created.json().weightsEnteredByEvaluator).toBe(true);
    const results = (await call('nation', 'POST', `/evaluation/rounds/${id}/compute`)).json() as { countyCode: string; rank: number; score: number }[];
    // M1 JC07 风险消除率: 522633 0 ÷ 4 = 0, the only value → 25; 522632 has no monitored household → no value, 0
    // M2 JC11: 522632 0 % best → 30, 522633 15 % worst → 0; M3 JC12: only 522633 has a value (50) → 30
    // M4 JC13 收入数据缺失 (lower better): 522632 0 best → 15, 522633 2 worst → 0; M5 weight 0
    // 522633: 25 + 0 + 30 + 0 = 55 (差 under 60); 522632: 0 + 30 + 0 + 15 = 45 (差)
    expect(results.map((r) => [r.countyCode, r.score, r.rank])).toEqual([['522633', 55, 1], ['522632', 45, 2]]);
    const page = (await call('nation', 'GET', `/evaluation/rounds/${id}/counties/522633`)).json();
    expect(page.items[0]).toMatchObject({ itemId: 'M2', lost: 30 });
    expect((await call('yunnan', 'GET', `/evaluation/rounds/${id}/results`)).statusCode).toBe(404);
    expect((await call('entry', 'POST', '/evaluation/rounds', { ...base, weights: { M1: 25, M2: 30, M3: 30, M4: 15, M5: 0 } })).statusCode).toBe(403);

    const csv = await call('entry', 'GET', `/exports/evaluation/results?id=${id}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('名次,县代码,县,得分,等次,失分,指标快照');
    expect(csv.body).toContain('1,522633,从江县,55,差,45');
    expect((await call('entry', 'GET', `/exports/evaluation/samples?id=${id}&format=xlsx`)).statusCode).toBe(403);
    expect((await call('nation', 'GET', `/exports/evaluation/samples?id=${id}&format=xlsx`)).statusCode).toBe(200);
    expect((await call('nation', 'GET', '/exports/evaluation/results?format=csv')).json().error.details.issues[0].field).toBe('id');
  });

  it('analyses: what-if lists the hand-computed households, triage and reconciliation answer', async () => {
    const w = (await call('nation', 'GET', '/analysis/what-if?region=52&year=2025&thresholdYuan=10000')).json() as { households: { householdNo: string }[]; written: boolean };
    expect(w.households.map((x) => x.householdNo).sort()).toEqual(['L02', 'L03', 'L04', 'L21']);
    expect(w.written).toBe(false);
    expect((await call('nation', 'GET', '/analysis/what-if?region=52&year=2025&thresholdYuan=0')).statusCode).toBe(400);
    expect((await call('nation', 'GET', '/analysis/triage?county=522633&year=2025')).statusCode).toBe(200);
    expect((await call('yunnan', 'GET', '/analysis/triage?county=522633&year=2025')).statusCode).toBe(403);
    expect((await call('nation', 'GET', '/analysis/reconcile?county=522633&set=monitoring&period=2025')).statusCode).toBe(200);
    const cat = await call('entry', 'GET', '/exports/evaluation/catalogue?format=csv');
    expect(cat.body).toContain('JC05');
  });
});
