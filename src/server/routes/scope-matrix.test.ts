/**
 * The generated scope matrix, on both dialects. The database holds data of ONE county only (从江县
 * 522633: households L01–L20 of test/fixtures/list-registry.ts, and a user of that county). Users of
 * every level from province to village, all in OTHER regions (云南 53, 黔南州 5227, 榕江县 522632, its
 * township 古州镇 522632100 and village 522632100001), each with every role, call EVERY route of the
 * app's route table (collected by the onRoute hook, so new routes are covered without being listed),
 * with the county's intake data too (an import by the county's user, a row of it held for verification
 * with a member's name and masked ID number, a problem, a risk clue of a household):
 * path parameters filled with the foreign data's ids and codes, once without a query and once with a
 * hostile query and body pointing at the foreign data. A leak is any response containing a foreign
 * household number, name (full or masked), ID number (full or masked) or user name, or any count of
 * households or persons above zero (the users' own regions have no data). Expected: zero leaks; the
 * counts are printed. Writes must not change the foreign data either. A national user running the same
 * detector must find the data (so the detector can fail).
 *
 * A second pass calls every GET route as a read-only user OF the data's county: no full name, no full
 * ID number and no health detail may appear in any response (masking in every response).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../test/harness';
import { listRegistry } from '../../../test/fixtures/list-registry';
import { FULL_ID_PATTERN } from '../../../test/fixtures/registry';
import type { Services } from '../container';
import { IdProtector } from '../crypto/id-protector';
import { maskName } from '../domain/masking';
import { NATIONAL_SCOPE } from '../repositories/scope';
import { systemActor } from '../services/actor';
import { TEST_KEY } from '../../../test/harness';
import { HEALTH_STATUSES } from '../../shared/enums';

const FOREIGN_COUNTY = '522633';
const USERS = [
  { level: 'province', regionCode: '53' },
  { level: 'prefecture', regionCode: '5227' },
  { level: 'county', regionCode: '522632' },
  { level: 'township', regionCode: '522632100' },
  { level: 'village', regionCode: '522632100001' },
];
const ALL_ROLES = ['admin', 'reviewer', 'dataEntry', 'readOnly', 'villageCadre', 'townshipReviewer', 'countyApprover'];
const COUNT_KEYS = new Set(['households', 'persons', 'monitoredHouseholds', 'flaggedHouseholds', 'liftedHouseholds', 'total', 'belowThresholdHouseholds']);

/** Keys with a count above zero anywhere in a JSON value. */
function positiveCounts(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => positiveCounts(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (COUNT_KEYS.has(k) && typeof x === 'number' && x > 0 ? [`${path}.${k}=${x}`] : positiveCounts(x, `${path}.${k}`)));
  return [];
}

forEachDialect('scope matrix: every route, every level, another region', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let markers: string[] = [];
  let fingerprint: () => Promise<string>;
  const foreign = { householdId: 0, personId: 0, userId: 0, username: 'foreign.county.user', idNumber: '', batchId: 0, clueId: 0 };

  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const data = listRegistry().filter((h) => h.villageCode.startsWith(FOREIGN_COUNTY));
    await services.registry.registerHouseholds(NATIONAL_SCOPE, data);
    const { user } = await services.accounts.createUser(systemActor(), { username: foreign.username, regionCode: FOREIGN_COUNTY, roles: ['admin'] });
    foreign.userId = user.id;
    const db = services.ctx.db;
    const hh = await db.selectFrom('household').select(['id', 'householdNo']).orderBy('id').execute();
    const ps = await db.selectFrom('person').select(['id', 'name', 'idMasked', 'idCipher']).orderBy('id').execute();
    foreign.householdId = hh[0]!.id;
    foreign.personId = ps[0]!.id;
    const ids = new IdProtector(TEST_KEY);
    foreign.idNumber = ids.decrypt(ps[0]!.idCipher);
    // the county's intake data: an import by its user, a held row naming a member, a problem, a risk clue
    const hv = (await db.selectFrom('household').select(['villageCode', 'countyCode']).where('id', '=', hh[0]!.id).executeTakeFirstOrThrow());
    foreign.batchId = (await db.insertInto('importBatch').values({
      kind: 'medical', fileName: 'county-list.xlsx', fileSha256: 'b'.repeat(64), fileBytes: 10, sheetName: 'Sheet1', scopeCode: FOREIGN_COUNTY, actor: foreign.username, status: 'committed',
      startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', rowsTotal: 2, added: 0, updated: 0, unchanged: 0, held: 1, rejected: 0, clues: 1, rolledBackAt: null, rolledBackBy: null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('importHeldRow').values({ batchId: foreign.batchId, row: 3, householdNo: hh[0]!.householdNo, name: ps[0]!.name, idMasked: ps[0]!.idMasked, idCipher: ps[0]!.idCipher, reasons: 'ID_CHECK_FAILED', valuesJson: JSON.stringify({ name: ps[0]!.name, healthStatus: 'disabled' }), status: 'open' }).execute();
    await db.insertInto('importProblem').values({ batchId: foreign.batchId, sheet: 'Sheet1', row: 3, columnName: '身份证号', code: 'ID_CHECK_FAILED', level: 'hold', message: `${ps[0]!.idMasked} 校验位不符` }).execute();
    foreign.clueId = (await db.insertInto('riskClue').values({
      dedupKey: 'matrix-clue', countyCode: hv.countyCode, villageCode: hv.villageCode, householdId: hh[0]!.id, personId: ps[0]!.id, sourceDepartment: '医保', listKind: 'medical', batchId: foreign.batchId, sourceRow: 3,
      ruleId: 'MED-01', riskType: 'illness', factsJson: JSON.stringify({ householdNo: hh[0]!.householdNo }), summary: `户 ${hh[0]!.householdNo} 合规自付医疗费用`, status: 'open', createdAt: '2026-01-01T00:00:01.000Z',
    }).returning('id').executeTakeFirstOrThrow()).id;
    markers = [
      ...hh.map((h) => `"${h.householdNo}"`),
      ...hh.map((h) => `\n${h.householdNo},`), // a CSV export row
      ...new Set(ps.flatMap((p) => [p.name, maskName(p.name)])),
      ...ps.map((p) => p.idMasked),
      ...ps.map((p) => ids.decrypt(p.idCipher)),
      foreign.username,
    ];
    fingerprint = async () => JSON.stringify([
      await db.selectFrom('household').selectAll().orderBy('id').execute(),
      await db.selectFrom('person').select(['id', 'name', 'idHash', 'householdId']).orderBy('id').execute(),
      await db.selectFrom('incomeRecord').selectAll().orderBy('householdId').orderBy('year').execute(),
      await db.selectFrom('userAccount').select(['id', 'username', 'roles', 'regionCode', 'disabled', 'passwordHash']).where('regionCode', 'like', `${FOREIGN_COUNTY}%`).execute(),
      await db.selectFrom('accessGrant').selectAll().execute(),
      await db.selectFrom('importBatch').selectAll().orderBy('id').execute(),
      await db.selectFrom('importHeldRow').selectAll().orderBy('id').execute(),
      await db.selectFrom('riskClue').selectAll().orderBy('id').execute(),
    ]);
    app = await newTestApp(services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  /** The routes under test: every /api/v1 route of the table, sign-out last (it ends the session). */
  const routes = () => app.routeTable.filter((r) => r.url.startsWith('/api/v1/')).sort((a, b) => Number(a.url.endsWith('/sign-out')) - Number(b.url.endsWith('/sign-out')));

  /** Concrete URLs of a route: every path parameter filled with each foreign id or code. */
  function urlsOf(pattern: string): string[] {
    const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    if (!params.length) return [pattern];
    const values: Record<string, string[]> = {
      id: [foreign.householdId, foreign.personId, foreign.userId, foreign.batchId, foreign.clueId].map(String),
      code: [FOREIGN_COUNTY, '5226', '52'],
      year: ['2025'],
    };
    let urls = [pattern];
    for (const p of params) urls = urls.flatMap((u) => (values[p] ?? ['1']).map((v) => u.replace(`:${p}`, v)));
    return urls;
  }

  const hostileQuery = () => ({ region: FOREIGN_COUNTY, province: '52', parent: FOREIGN_COUNTY, idNumber: foreign.idNumber, q: 'L', actor: foreign.username, year: '2025' });
  const hostileBody = () => ({
    householdId: foreign.householdId, username: foreign.username, reason: '矩阵测试越权尝试', days: 1, regionCode: FOREIGN_COUNTY, roles: ['admin'], disabled: true, resetPassword: true,
    wageFen: 1, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0, currentPassword: 'x', newPassword: 'Another-Passw0rd-1',
  });

  async function callAll(headers: Record<string, string>, onResponse: (route: string, res: LightMyRequestResponse) => void): Promise<number> {
    let calls = 0;
    for (const r of routes()) {
      for (const url of urlsOf(r.url)) {
        for (const hostile of [false, true]) {
          const unsafe = r.method !== 'GET';
          const payload = unsafe ? (hostile ? (r.url === '/api/v1/households' ? [listRegistry()[0]] : hostileBody()) : {}) : undefined;
          const res = await app.inject({ method: r.method as 'GET', url, headers, query: hostile && !unsafe ? hostileQuery() : undefined, payload: payload as object });
          calls++;
          onResponse(`${r.method} ${url}${hostile ? ' (hostile)' : ''}`, res);
        }
      }
    }
    return calls;
  }

  const leaksOf = (res: LightMyRequestResponse): string[] => {
    const found = markers.filter((m) => res.body.includes(m));
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    return [...found, ...positiveCounts(json)];
  };

  it('users of every level in another region see no data of it on any route: zero leaks', async () => {
    const before = await fingerprint();
    const report: { level: string; calls: number; leaks: number; statuses: Record<number, number> }[] = [];
    const leaks: string[] = [];
    for (const u of USERS) {
      const headers = await testAuthHeaders(app, services, { regionCode: u.regionCode, roles: ALL_ROLES });
      const statuses: Record<number, number> = {};
      let n = 0;
      const calls = await callAll(headers, (route, res) => {
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        expect(res.statusCode, `${u.level} ${route}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        const l = leaksOf(res);
        if (l.length) {
          n++;
          leaks.push(`${u.level} ${route} → ${res.statusCode}: ${l.slice(0, 5).join(', ')}`);
        }
      });
      report.push({ level: u.level, calls, leaks: n, statuses });
    }
    const total = report.reduce((a, r) => a + r.calls, 0);
    // eslint-disable-next-line no-console
    console.log(`[scope matrix ${dialect}] ${routes().length} routes, ${total} calls, ${leaks.length} leaks\n${report.map((r) => `  ${r.level.padEnd(10)} ${r.calls} calls, ${r.leaks} leaks, statuses ${JSON.stringify(r.statuses)}`).join('\n')}`);
    expect(leaks).toEqual([]);
    expect(routes().length).toBeGreaterThanOrEqual(15);
    expect(await fingerprint()).toBe(before);
  }, 120_000);

  it('the detector finds the data when a national user runs the same calls (it can fail)', async () => {
    const headers = await testAuthHeaders(app, services, { regionCode: null, roles: ['reviewer', 'dataEntry'] });
    let hits = 0;
    const hitRoutes: string[] = [];
    await callAll(headers, (route, res) => {
      if (leaksOf(res).length) {
        hits++;
        hitRoutes.push(route);
      }
    });
    // the county's intake data is found too (import history, held rows, clues), so the intake routes are really probed
    expect(hitRoutes.some((r) => r.includes('/api/v1/intake/'))).toBe(true);
    // at least: the list, the household page, the summary, the children table, the person search
    expect(hits).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('a read-only user of the data\'s own county gets no full name, ID number or health detail from any GET route', async () => {
    const headers = await testAuthHeaders(app, services, { regionCode: FOREIGN_COUNTY, roles: ['readOnly'] });
    const names = (await services.ctx.db.selectFrom('person').select('name').execute()).map((p) => p.name);
    const problems: string[] = [];
    let calls = 0;
    let ok = 0;
    for (const r of routes().filter((x) => x.method === 'GET')) {
      for (const url of urlsOf(r.url)) {
        for (const query of [undefined, hostileQuery()]) {
          const res = await app.inject({ method: 'GET', url, headers, query });
          calls++;
          if (res.statusCode === 200) ok++;
          if (FULL_ID_PATTERN.test(res.body)) problems.push(`${url}: full ID number`);
          for (const n of names) if (res.body.includes(`"${n}"`)) problems.push(`${url}: name ${n}`);
          for (const h of HEALTH_STATUSES) if (res.body.includes(`"healthStatus":"${h}"`)) problems.push(`${url}: health ${h}`);
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`[masking ${dialect}] ${calls} GET calls as a read-only user of the county (${ok} answered 200), ${problems.length} unmasked`);
    expect(problems).toEqual([]);
    expect(ok).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
