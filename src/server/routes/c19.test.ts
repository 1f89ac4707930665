/**
 * Field case C19 (test/fixtures/c19_scope_fixture.json → c19.expected.json): access across regions, on
 * both dialects. The fixture's paths are mapped onto this API:
 *   GET /api/households/:id              → GET /api/v1/households/:id
 *   GET /api/households?county=          → GET /api/v1/households?region=
 *   GET /api/persons/search?id=          → POST /api/v1/persons/search { idNumber } (never in the URL, issue 9)
 *   POST /api/exports { filters: {} }    → GET /api/v1/exports/households.csv (no filter; synchronous 200)
 *   PATCH /api/households/:id            → PUT /api/v1/households/:id/incomes/2025 (the registry's write)
 * Roles: county_operator → dataEntry + reviewer (writes, personal data, export); viewer → readOnly.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../test/harness';
import { head, household, income, VILLAGES } from '../../../test/fixtures/registry';
import type { Services } from '../container';
import { NATIONAL_SCOPE } from '../repositories/scope';

interface Fixture { users: { user: string; scope: string[]; role: string }[]; households: { id: string; county: string; head_id: string }[] }
const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/c19_scope_fixture.json', import.meta.url), 'utf8')) as Fixture;
const expected = JSON.parse(readFileSync(new URL('../../../test/fixtures/c19.expected.json', import.meta.url), 'utf8')) as { responses: { request: number; status: number; items?: number }[] };
const ROLE_MAP: Record<string, string[]> = { county_operator: ['dataEntry', 'reviewer'], viewer: ['readOnly'] };
const VILLAGE_OF: Record<string, string> = { '522633': VILLAGES.basha, '522632': VILLAGES.rongjiang };
/** The fixture writes a prefecture as 6 digits (522600); this project's codes drop the trailing zeros (5226). */
const shortCode = (c: string) => (c.endsWith('0000') ? c.slice(0, 2) : c.endsWith('00') ? c.slice(0, 4) : c);
const status = (n: number) => expected.responses.find((r) => r.request === n)!.status;

forEachDialect('C19 access across regions', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const as: Record<string, Record<string, string>> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const r = await services.registry.registerHouseholds(
      NATIONAL_SCOPE,
      fixture.households.map((h) => household(h.id, VILLAGE_OF[h.county]!, [head({ idNumber: h.head_id, name: h.county === '522633' ? '甲县户主' : '乙县户主' })], [income(2025, 1_000_000)])),
    );
    for (const [no, id] of r.ids) ids[no] = id;
    app = await newTestApp(services);
    for (const u of fixture.users) as[u.user] = await testAuthHeaders(app, services, { username: u.user, regionCode: shortCode(u.scope[0]!), roles: ROLE_MAP[u.role]! });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const get = (user: string, url: string) => app.inject({ method: 'GET', url, headers: as[user] });
  const income2025 = async () => (await services.ctx.db.selectFrom('incomeRecord').select('wageFen').where('householdId', '=', ids['H-B-0001']!).where('year', '=', 2025).executeTakeFirstOrThrow()).wageFen;
  const denied = async () => (await services.ctx.db.selectFrom('auditEvent').selectAll().where('outcome', '=', 'denied').orderBy('id').execute());

  it('requests 1–9 answer as expected, and 1, 2, 6, 9 leave a denied audit record', async () => {
    const before = (await denied()).length;
    // 1: another county's household by id → 404, same body as a missing id (7)
    const r1 = await get('a_county_clerk', `/api/v1/households/${ids['H-B-0001']}`);
    expect(r1.statusCode).toBe(status(1));
    expect(r1.body).not.toContain('522632197202020229');
    expect(r1.body).not.toContain('乙县');
    // 2: list filtered to another county → 200 with no items
    const r2 = await get('a_county_clerk', '/api/v1/households?region=522632');
    expect(r2.statusCode).toBe(status(2));
    expect(r2.json().items).toHaveLength(0);
    // 3: own list → only 522633
    const r3 = await get('a_county_clerk', '/api/v1/households');
    expect(r3.statusCode).toBe(status(3));
    expect([...new Set((r3.json().items as { villageCode: string }[]).map((i) => i.villageCode.slice(0, 6)))]).toEqual(['522633']);
    // 4: person search by another county's ID number → nothing
    const r4 = await app.inject({ method: 'POST', url: '/api/v1/persons/search', headers: as.a_county_clerk, payload: { idNumber: '522632197202020229' } });
    expect(r4.statusCode).toBe(status(4));
    expect(r4.json()).toHaveLength(0);
    // 6: write to another county's household → 404, unchanged
    const wage = await income2025();
    const r6 = await app.inject({ method: 'PUT', url: `/api/v1/households/${ids['H-B-0001']}/incomes/2025`, headers: as.a_county_clerk, payload: { wageFen: 1, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0 } });
    expect(r6.statusCode).toBe(status(6));
    expect(await income2025()).toBe(wage);
    // 7: an id that does not exist → 404 with the same code and message as 1
    const r7 = await get('a_county_clerk', `/api/v1/households/${ids['H-B-0001']! + 1000}`);
    expect(r7.statusCode).toBe(status(7));
    const strip = (b: string) => ({ ...JSON.parse(b).error, requestId: undefined });
    expect(strip(r1.body)).toEqual(strip(r7.body));
    // 8: prefecture viewer reads a household of a county below → 200 (names masked: no personal.view)
    const r8 = await get('prefecture_viewer', `/api/v1/households/${ids['H-B-0001']}`);
    expect(r8.statusCode).toBe(status(8));
    expect(r8.json().members[0].name).toBe('乙***'); // 乙县户主: only the first character kept (c07)
    // 9: viewer writes inside the scope → 403, unchanged
    const r9 = await app.inject({ method: 'PUT', url: `/api/v1/households/${ids['H-B-0001']}/incomes/2025`, headers: as.prefecture_viewer, payload: { wageFen: 2, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0 } });
    expect(r9.statusCode).toBe(status(9));
    expect(await income2025()).toBe(wage);

    const events = (await denied()).slice(before);
    expect(events.map((e) => [e.actor, e.action, e.targetType, e.outcome])).toEqual([
      ['a_county_clerk', 'access_denied', 'household', 'denied'], // 1
      ['a_county_clerk', 'access_denied', 'household_list', 'denied'], // 2
      ['a_county_clerk', 'access_denied', 'household', 'denied'], // 6
      ['prefecture_viewer', 'access_denied', 'route', 'denied'], // 9
    ]);
    expect(events[0]!.targetId).toBe(String(ids['H-B-0001']));
    expect(events[1]!.targetId).toBe('522632');
    expect(events[3]!.targetId).toBe('PUT /api/v1/households/:id/incomes/:year');
    expect(events.every((e) => e.at && e.actor)).toBe(true);
  });

  it('request 5: an export with no filter holds the caller\'s county only, names the user and time, and is audited with its row count', async () => {
    const res = await get('a_county_clerk', '/api/v1/exports/households.csv');
    expect(res.statusCode).toBe(200); // synchronous here; the case allows 202 for a queued export
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="households-522633-\d{14}\.csv"$/);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('# 农户名单;导出人:a_county_clerk;导出时间(北京时间):2026-03-15 18:00:00;行数:1');
    expect(lines).toHaveLength(3); // meta, header, H-A-0001
    expect(lines[2]!.startsWith('H-A-0001,从江县,')).toBe(true);
    expect(lines[2]).toContain(',甲***,'); // names masked by default (甲县户主, c07 rule)
    const full = await get('a_county_clerk', '/api/v1/exports/households.csv?names=full');
    expect(full.body).toContain(',甲县户主,');
    expect(res.body).not.toContain('H-B-0001');
    const ev = await services.ctx.db.selectFrom('auditEvent').selectAll().where('action', '=', 'export').execute();
    expect(ev).toHaveLength(2);
    expect(ev[0]).toMatchObject({ actor: 'a_county_clerk', outcome: 'ok', regionCode: '522633' });
    expect(JSON.parse(ev[0]!.details)).toMatchObject({ format: 'csv', rows: 1, names: 'masked' });
    expect(JSON.parse(ev[1]!.details)).toMatchObject({ format: 'csv', rows: 1, names: 'full' });
    // the same as XLSX: user and time in the workbook, one data row
    const x = await get('a_county_clerk', '/api/v1/exports/households.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.creator).toBe('a_county_clerk');
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    // the viewer has no export permission
    expect((await get('prefecture_viewer', '/api/v1/exports/households.csv')).statusCode).toBe(403);
  });

  it('figures of a region above the user\'s own are refused (403), of their own answered', async () => {
    expect((await get('a_county_clerk', '/api/v1/summary?region=5226')).statusCode).toBe(403);
    // no region: the caller's own county (C19: an empty filter means the caller's scope), never the nation
    const own = await get('a_county_clerk', '/api/v1/summary');
    expect(own.statusCode).toBe(200);
    expect((own.json() as { region: { code: string } }).region.code).toBe('522633');
    expect((await get('a_county_clerk', '/api/v1/summary/children?region=52')).statusCode).toBe(403);
    expect((await get('a_county_clerk', '/api/v1/summary?region=522632')).statusCode).toBe(403);
    expect((await get('a_county_clerk', '/api/v1/summary?region=522633')).statusCode).toBe(200);
    expect((await get('prefecture_viewer', '/api/v1/summary?region=522632')).statusCode).toBe(200);
  });
});
