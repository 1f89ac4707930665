/**
 * Household routes through app.inject() on both dialects, over the hand-counted registry of
 * test/fixtures/list-registry.ts (21 households: L01–L20 in 从江县 522633, L21 in 榕江县 522632):
 * every filter, sort, cursor pagination, masking, 400s with field names, 404, POST and PUT.
 * No response may be a 500, and no response may hold an unmasked ID number.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { FULL_ID_PATTERN, head, household, idNumber, income, person, VILLAGES, withWrongCheck } from '../../../../test/fixtures/registry';
import { LIST_EXPECTED, listRegistry } from '../../../../test/fixtures/list-registry';
import type { Services } from '../../container';
import { NATIONAL_SCOPE } from '../../repositories/scope';
import { systemActor } from '../../services/actor';

interface Item { id: number; householdNo: string; perCapitaNetIncomeFen: number | null; memberCount: number; flaggedRules: string[]; villageName: string; townshipName: string; countyName: string }
interface PageBody { items: Item[]; nextCursor: string | null; total: number }
interface ErrorBody { error: { code: string; message: string; details?: { issues?: { field: string; message: string }[] } } }

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

forEachDialect('households routes', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let headers: Record<string, string> = {};
  let ids: Map<string, number>;
  const seen: LightMyRequestResponse[] = [];

  /** GET with query parameters; records the response for the global checks. */
  async function get(url: string, query: Record<string, string | number> = {}) {
    const res = await app.inject({ method: 'GET', url, headers, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    seen.push(res);
    return res;
  }
  async function list(query: Record<string, string | number> = {}): Promise<PageBody> {
    const res = await get('/api/v1/households', query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PageBody;
  }
  const nos = (p: PageBody) => p.items.map((i) => i.householdNo);
  const expectedNos = (pred: (h: (typeof LIST_EXPECTED)[number]) => boolean) => LIST_EXPECTED.filter(pred).map((h) => h.no);
  async function walk(query: Record<string, string | number>): Promise<{ pages: PageBody[]; items: Item[] }> {
    const pages: PageBody[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const p = await list(cursor ? { ...query, cursor } : query);
      pages.push(p);
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    return { pages, items: pages.flatMap((p) => p.items) };
  }
  async function expect400(url: string, query: Record<string, string | number>, field: string, code = 'validation_error') {
    const res = await get(url, query);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.details?.issues?.map((i) => i.field)).toContain(field);
    return body;
  }

  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    ids = (await services.registry.registerHouseholds(NATIONAL_SCOPE, listRegistry())).ids;
    app = await newTestApp(services);
    headers = await testAuthHeaders(app, services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  describe('GET /api/v1/households', () => {
    it('lists every household by household number by default, 20 per page', async () => {
      const p = await list();
      expect(p.total).toBe(21);
      expect(nos(p)).toEqual(LIST_EXPECTED.slice(0, 20).map((h) => h.no));
      expect(p.nextCursor).not.toBeNull();
    });

    it('gives each item its region names, members, per-capita income and flags (by hand)', async () => {
      const p = await list({ limit: 200 });
      for (const h of LIST_EXPECTED) {
        const it = p.items.find((i) => i.householdNo === h.no)!;
        expect(it.memberCount, h.no).toBe(h.persons);
        expect(it.perCapitaNetIncomeFen, h.no).toBe(h.perCapita);
        expect(it.flaggedRules, h.no).toEqual(h.flags);
      }
      const l01 = p.items.find((i) => i.householdNo === 'L01')!;
      expect(l01).toMatchObject({ villageName: '岜沙村村民委员会', townshipName: '丙妹镇', countyName: '从江县', householdType: 'liftedOutOfPoverty', monitoredCategory: 'unstableLifted', riskTypes: ['illness'] });
    });

    it.each([
      ['522633', (h: (typeof LIST_EXPECTED)[number]) => h.county === '522633', 20],
      ['522632', (h: (typeof LIST_EXPECTED)[number]) => h.county === '522632', 1],
      ['522633100', (h: (typeof LIST_EXPECTED)[number]) => h.township === '522633100', 16],
      [VILLAGES.guandong, (h: (typeof LIST_EXPECTED)[number]) => h.village === VILLAGES.guandong, 4],
      ['52', () => true, 21],
      ['5226', () => true, 21],
      ['45', () => false, 0],
    ])('filters by region %s', async (region, pred, total) => {
      const p = await list({ region, limit: 200 });
      expect(p.total).toBe(total);
      expect(nos(p)).toEqual(expectedNos(pred));
    });

    it.each([
      [{ householdType: 'liftedOutOfPoverty' }, ['L01', 'L02', 'L05', 'L08', 'L11']],
      [{ householdType: 'ordinaryRural', region: VILLAGES.guandong }, ['L09', 'L10', 'L12']],
      [{ category: 'unstableLifted' }, ['L01']],
      [{ category: 'marginalVulnerable' }, ['L03', 'L11']],
      [{ category: 'suddenHardship' }, ['L05']],
      [{ rule: 'R01' }, ['L01', 'L08', 'L09']],
      [{ rule: 'R03' }, ['L09']],
      [{ rule: 'R04' }, ['L10']],
      [{ rule: 'R02' }, []],
      [{ rule: 'R09' }, []],
      [{ riskType: 'illness' }, ['L01', 'L05']],
      [{ riskType: 'accident' }, ['L05']],
      [{ riskType: 'educationCosts' }, ['L11']],
      // inclusive bounds: [900,000, 1,010,000] → L02, L03, L04 (900,000) and L13 (1,010,000)
      [{ incomeMinFen: 900_000, incomeMaxFen: 1_010_000 }, ['L02', 'L03', 'L04', 'L13']],
      [{ incomeMinFen: 900_000, incomeMaxFen: 900_000 }, ['L02', 'L03', 'L04']],
      // ≥ 1,500,000: L07 (2,000,000) and L10 (1,500,000); null incomes never match a bound
      [{ incomeMinFen: 1_500_000 }, ['L07', 'L10']],
      [{ incomeMaxFen: 0 }, ['L08']],
      [{ incomeMaxFen: 700_000, incomeMinFen: -100_000 }, ['L01', 'L08', 'L09']],
      [{ q: 'L0' }, ['L01', 'L02', 'L03', 'L04', 'L05', 'L06', 'L07', 'L08', 'L09']],
      [{ q: 'L2' }, ['L20', 'L21']],
      [{ q: 'L21' }, ['L21']],
      [{ q: '龙' }, ['L05']],
      [{ q: '龙老五' }, ['L05']],
      [{ rule: 'R01', householdType: 'liftedOutOfPoverty' }, ['L01', 'L08']],
      [{ rule: 'R01', region: '522633101' }, ['L09']],
    ] as [Record<string, string | number>, string[]][])('filters %j', async (query, expected) => {
      const p = await list({ ...query, limit: 200 });
      expect(nos(p)).toEqual(expected);
      expect(p.total).toBe(expected.length);
    });

    it('q is a literal prefix: % and _ are not wildcards', async () => {
      expect((await list({ q: '%' })).total).toBe(0);
      expect((await list({ q: 'L_1' })).total).toBe(0);
      expect((await list({ q: '%0' })).total).toBe(0);
    });

    it('q gives the same answer on both dialects: the prefix is matched as typed (case-sensitive, as on PostgreSQL)', async () => {
      // household numbers are L01…L21: 'l0' is not a prefix of any of them
      expect((await list({ q: 'l0' })).total).toBe(0);
    });

    it('year without facts: every household, no income figure, no flags', async () => {
      const p = await list({ year: 2023, limit: 200 });
      expect(p.total).toBe(21);
      expect(p.items.every((i) => i.perCapitaNetIncomeFen === null && i.flaggedRules.length === 0)).toBe(true);
    });

    it('sorts by per-capita income descending, ties by id, households without income last', async () => {
      const p = await list({ sort: 'perCapitaNetIncomeFen', order: 'desc', limit: 200 });
      const withIncome = LIST_EXPECTED.filter((h) => h.perCapita !== null).sort((a, b) => b.perCapita! - a.perCapita! || ids.get(b.no)! - ids.get(a.no)!);
      const without = LIST_EXPECTED.filter((h) => h.perCapita === null).sort((a, b) => ids.get(b.no)! - ids.get(a.no)!);
      expect(nos(p)).toEqual([...withIncome, ...without].map((h) => h.no));
      // spelt out: 2,000,000 L07; 1,500,000 L10; 1,200,000 L05; 1,100,000 L11; 1,080,000 L20 … 1,010,000 L13;
      // 900,000 ×3; 800,000 L21; 700,000 L09; 500,000 L01; −100,000 L08; then L06 and L12
      expect(nos(p).slice(0, 4)).toEqual(['L07', 'L10', 'L05', 'L11']);
      expect(nos(p).slice(-5, -2)).toEqual(['L09', 'L01', 'L08']);
    });

    it('sorts ascending with households without income first', async () => {
      const p = await list({ sort: 'perCapitaNetIncomeFen', order: 'asc', limit: 3 });
      expect(p.items.map((i) => i.perCapitaNetIncomeFen)).toEqual([null, null, -100_000]);
    });

    it.each([
      [{ sort: 'perCapitaNetIncomeFen', order: 'desc', limit: 4 }],
      [{ sort: 'perCapitaNetIncomeFen', order: 'asc', limit: 2 }],
      [{ sort: 'householdNo', order: 'asc', limit: 5 }],
      [{ sort: 'householdNo', order: 'desc', limit: 7 }],
      [{ sort: 'memberCount', order: 'asc', limit: 3 }],
      [{ sort: 'memberCount', order: 'desc', limit: 1 }],
      [{ sort: 'perCapitaNetIncomeFen', order: 'desc', limit: 3, region: '522633100' }],
    ] as [Record<string, string | number>][])('walks every page of %j without duplicates or gaps', async (query) => {
      const { pages, items } = await walk(query);
      const all = (await list({ ...query, limit: 200 })).items;
      const limit = Number(query.limit);
      expect(items.map((i) => i.id)).toEqual(all.map((i) => i.id));
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(items.length).toBe(pages[0]!.total);
      // ⌈total / limit⌉ pages, each full but the last
      expect(pages.length).toBe(Math.ceil(pages[0]!.total / limit));
      for (const p of pages.slice(0, -1)) expect(p.items.length).toBe(limit);
      for (const p of pages) expect(p.total).toBe(pages[0]!.total);
    });

    it('the memberCount sort is ordered', async () => {
      const p = await list({ sort: 'memberCount', order: 'desc', limit: 200 });
      // persons: one household of 4 (L07), three of 3 (L03, L11), … by hand: 4, 3, 3, then 2s
      expect(p.items.map((i) => i.memberCount).slice(0, 3)).toEqual([4, 3, 3]);
      const counts = p.items.map((i) => i.memberCount);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    describe('400 for malformed parameters, naming the field', () => {
      it.each([
        [{ limit: 'abc' }, 'querystring.limit'],
        [{ limit: 0 }, 'querystring.limit'],
        [{ limit: 201 }, 'querystring.limit'],
        [{ limit: 2.5 }, 'querystring.limit'],
        [{ region: '12345' }, 'querystring.region'],
        [{ region: '52263a' }, 'querystring.region'],
        [{ incomeMinFen: 5, incomeMaxFen: 1 }, 'querystring.incomeMinFen'],
        [{ incomeMinFen: 'lots' }, 'querystring.incomeMinFen'],
        [{ rule: 'X' }, 'querystring.rule'],
        [{ rule: 'R1' }, 'querystring.rule'],
        [{ sort: 'name' }, 'querystring.sort'],
        [{ order: 'up' }, 'querystring.order'],
        [{ householdType: 'rich' }, 'querystring.householdType'],
        [{ category: 'x' }, 'querystring.category'],
        [{ riskType: 'x' }, 'querystring.riskType'],
        [{ year: 'abc' }, 'querystring.year'],
        [{ year: 2013 }, 'querystring.year'],
      ] as [Record<string, string | number>, string][])('%j', async (query, field) => {
        await expect400('/api/v1/households', query, field);
      });

      it('the income-range message names the field in Chinese, not the internal path (issue 16)', async () => {
        const body = await expect400('/api/v1/households', { incomeMinFen: 5, incomeMaxFen: 1 }, 'querystring.incomeMinFen');
        expect(body.error.message).toMatch(/^参数有误:人均纯收入下限 /);
        expect(body.error.message).not.toContain('querystring');
      });

      it('an unknown region is 400 unknown_region', async () => {
        const body = await expect400('/api/v1/households', { region: '999999' }, 'region', 'unknown_region');
        expect(body.error.message).toContain('999999');
      });

      it.each([
        ['not base64 JSON', '!!!not-a-cursor!!!'],
        ['base64 of plain text', b64('hello')],
        ['JSON null', b64('null')],
        ['a JSON number', b64('42')],
        ['a JSON array', b64('[1,2]')],
        ['an id that is not a number', b64(JSON.stringify({ v: 'L01', id: 'x', s: 'householdNo', o: 'asc' }))],
        ['a sort value that is an object', b64(JSON.stringify({ v: { a: 1 }, id: 1, s: 'householdNo', o: 'asc' }))],
        ['no sort value', b64(JSON.stringify({ id: 1, s: 'householdNo', o: 'asc' }))],
        ['a text sort value for a numeric sort', b64(JSON.stringify({ v: 'abc', id: 1, s: 'perCapitaNetIncomeFen', o: 'desc' }))],
        ['a cursor of another sort', b64(JSON.stringify({ v: 'L05', id: 5, s: 'householdNo', o: 'asc' }))],
        ['a cursor longer than 200 characters', 'A'.repeat(201)],
      ])('a bad cursor (%s) is 400 naming cursor', async (what, cursor) => {
        const query: Record<string, string> = what === 'a cursor of another sort' ? { cursor, sort: 'memberCount' } : what === 'a text sort value for a numeric sort' ? { cursor, sort: 'perCapitaNetIncomeFen', order: 'desc' } : { cursor };
        const res = await get('/api/v1/households', query);
        expect(res.statusCode, res.body).toBe(400);
        const body = res.json() as ErrorBody;
        expect(body.error.code).toBe('validation_error');
        expect(body.error.details?.issues?.map((i) => i.field).join(' ')).toContain('cursor');
      });
    });
  });

  describe('GET /api/v1/households/:id', () => {
    it('returns a household with masked members, incomes, facts and verdicts', async () => {
      const res = await get(`/api/v1/households/${ids.get('L03')!}`);
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d.householdNo).toBe('L03');
      expect(d.members).toHaveLength(3);
      for (const m of d.members) expect(m.idNumberMasked).toMatch(/^522633\*{10}[\dX]{2}$/);
      // 2,700,000 / 3 = 900,000
      expect(d.facts).toEqual({ year: 2025, memberCount: 3, labourCount: 3, perCapitaNetIncomeFen: 900_000 });
      expect(d.incomes).toEqual([expect.objectContaining({ year: 2025, netIncomeFen: 2_700_000, perCapitaNetIncomeFen: 900_000 })]);
      expect(d.verdicts.map((v: { ruleId: string }) => v.ruleId)).toEqual(['R01', 'R02', 'R03', 'R04', 'R05']);
    });

    it('404 for an unknown id', async () => {
      const res = await get('/api/v1/households/999999');
      expect(res.statusCode).toBe(404);
      expect((res.json() as ErrorBody).error.code).toBe('not_found');
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999'])('400 for id %s', async (id) => {
      const res = await get(`/api/v1/households/${id}`);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as ErrorBody).error.details?.issues?.[0]?.field).toBe('params.id');
    });

    it('400 for a bad year', async () => {
      await expect400(`/api/v1/households/${ids.get('L01')!}`, { year: 'x' }, 'querystring.year');
    });
  });

  describe('POST /api/v1/households', () => {
    const post = async (body: unknown) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: body as object });
      seen.push(res);
      return res;
    };

    it('201 with the counts and ids; an ID with a wrong check character is kept to verify', async () => {
      const h = household('P-001', VILLAGES.darong, [head({ idNumber: idNumber('522633', '19660606', 901) }), person({ idNumber: withWrongCheck(idNumber('522633', '19680808', 902)) })], [income(2025, 1_600_000)]);
      const res = await post([h]);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ households: 1, persons: 2, idsToVerify: 1 });
      expect(typeof body.ids['P-001']).toBe('number');
      const d = (await get(`/api/v1/households/${body.ids['P-001']}`)).json();
      expect(d.members.map((m: { idNumberStatus: string }) => m.idNumberStatus).sort()).toEqual(['checkFailed', 'valid']);
      // 1,600,000 / 2 = 800,000
      expect(d.facts.perCapitaNetIncomeFen).toBe(800_000);
    });

    it('400 naming the failing path of a body that does not fit the schema', async () => {
      const res = await post([{ householdNo: 'P-002', householdType: 'ordinaryRural', members: [] }]);
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json() as ErrorBody;
      expect(body.error.code).toBe('validation_error');
      expect(body.error.details?.issues?.map((i) => i.field)).toContain('body.0.villageCode');
    });

    it('400 naming the member of a bad ID number', async () => {
      const res = await post([household('P-003', VILLAGES.darong, [head({ idNumber: '522633199902301019' })])]);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as ErrorBody).error.details?.issues?.map((i) => i.field)).toEqual(['[0].members[0].idNumber']);
    });

    it('400 for two heads, an unknown village, an empty list, a non-array and bad JSON', async () => {
      const two = await post([household('P-004', VILLAGES.darong, [head({ birth: '19600101' }), head({ birth: '19600102' })])]);
      expect(two.statusCode).toBe(400);
      expect((two.json() as ErrorBody).error.details?.issues?.map((i) => i.field)).toEqual(['[0].members']);
      const vil = await post([household('P-005', '522633100999', [head({ birth: '19600103' })])]);
      expect(vil.statusCode).toBe(400);
      expect((vil.json() as ErrorBody).error.details?.issues?.map((i) => i.field)).toEqual(['[0].villageCode']);
      expect((await post([])).statusCode).toBe(400);
      expect((await post({ householdNo: 'x' })).statusCode).toBe(400);
      const bad = await app.inject({ method: 'POST', url: '/api/v1/households', headers: { ...headers, 'content-type': 'application/json' }, payload: '[{"householdNo": ' });
      seen.push(bad);
      expect(bad.statusCode).toBe(400);
    });

    it('409 for an existing household number, and nothing is written', async () => {
      const before = (await list()).total;
      const res = await post([household('P-006', VILLAGES.darong, [head({ birth: '19600104' })]), household('L01', VILLAGES.darong, [head({ birth: '19600105' })])]);
      expect(res.statusCode).toBe(409);
      expect((res.json() as ErrorBody).error.code).toBe('conflict');
      expect((await list()).total).toBe(before);
      expect((await list({ q: 'P-006' })).total).toBe(0);
    });
  });

  describe('POST /api/v1/households/search (issue 16: ID number in the body, any part of a name)', () => {
    const SEARCH_ID = idNumber('522633', '19600101', 951);
    const search = (body: unknown, h = headers) => app.inject({ method: 'POST', url: '/api/v1/households/search', headers: h, payload: body as object });
    beforeAll(async () => {
      await services.registry.registerHouseholds(NATIONAL_SCOPE, [
        household('SR-1', VILLAGES.basha, [head({ idNumber: SEARCH_ID, name: '欧阳春花' }), person({ idNumber: idNumber('522633', '19880202', 952), name: '欧阳百%分' })]),
      ]);
    });
    it('by ID number: the household of the member with that number', async () => {
      const res = await search({ idNumber: SEARCH_ID });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual([expect.objectContaining({ householdNo: 'SR-1', headName: '欧阳春花', villageCode: VILLAGES.basha, matchedBy: 'idNumber' })]);
    });
    it('by any part of a name: the middle of the head name, a member name; % is a literal', async () => {
      expect((await search({ name: '春' })).json().map((m: { householdNo: string }) => m.householdNo)).toEqual(['SR-1']);
      expect((await search({ name: '百%' })).json().map((m: { householdNo: string }) => m.householdNo)).toEqual(['SR-1']);
      expect((await search({ name: '%' })).json().map((m: { householdNo: string }) => m.householdNo)).toEqual(['SR-1']);
      expect((await search({ name: '龙老' })).json().map((m: { householdNo: string }) => m.householdNo)).toEqual(['L05']);
    });
    it('outside the region: nothing; names masked without personal.view; neither field is 400', async () => {
      const other = await testAuthHeaders(app, services, { username: 'search_rongjiang', regionCode: '522632', roles: ['reviewer'] });
      expect((await search({ idNumber: SEARCH_ID }, other)).json()).toEqual([]);
      const nopv = await testAuthHeaders(app, services, { username: 'search_nopv', regionCode: '522633', roles: ['readOnly'] });
      expect((await search({ name: '春' }, nopv)).json()[0].headName).toBe('欧***');
      const empty = await search({});
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toContain('请填写身份证号或姓名');
    });
  });

  describe('POST /api/v1/households by a county user, for a person registered elsewhere (issue 17 point 6)', () => {
    it('answers alike whether the other household is in the county or outside it, names neither, and audits each refusal', async () => {
      // a 榕江县 (522632) user; one person registered in 从江县 (outside the scope), one in 榕江县 (inside)
      const inOther = head({ birth: '19710303' });
      const inOwn = head({ birth: '19720404' });
      await services.registry.registerHouseholds(NATIONAL_SCOPE, [household('P-CJ', VILLAGES.darong, [inOther]), household('P-RJ', VILLAGES.rongjiang, [inOwn])]);
      const county = await testAuthHeaders(app, services, { regionCode: '522632', roles: ['dataEntry'] });
      const post = async (no: string, member: typeof inOther) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/households', headers: county, payload: [household(no, VILLAGES.rongjiang, [member])] });
        seen.push(res);
        return res;
      };
      const outside = await post('P-OUT', inOther);
      const inside = await post('P-IN', inOwn);
      expect(outside.statusCode, outside.body).toBe(409);
      expect(inside.statusCode, inside.body).toBe(409);
      const withoutRequestId = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
      expect(withoutRequestId(outside.json())).toEqual(withoutRequestId(inside.json()));
      expect(outside.json()).toMatchObject({ error: { code: 'conflict', details: { reason: 'id_registered', persons: 1 } } });
      expect(outside.body).not.toContain('P-CJ');
      expect(outside.body).not.toContain('从江');
      const refused = await services.audit.search(systemActor('test'), { action: 'registration_duplicate_refused', limit: 10 });
      expect(refused.length).toBe(2);
      expect(refused.every((e) => e.outcome === 'denied')).toBe(true);
    });
  });

  describe('PUT /api/v1/households/:id/incomes/:year', () => {
    it('204, then the list shows the new per-capita income and flag', async () => {
      // L07: 4 members; 2,400,000 / 4 = 600,000 < 730,000 → R01
      const id = ids.get('L07')!;
      const res = await app.inject({ method: 'PUT', url: `/api/v1/households/${id}/incomes/2025`, headers, payload: { wageFen: 2_400_000, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0 } });
      seen.push(res);
      expect(res.statusCode, res.body).toBe(204);
      const p = await list({ q: 'L07' });
      expect(p.items[0]).toMatchObject({ perCapitaNetIncomeFen: 600_000, flaggedRules: ['R01'] });
    });

    it('400 for a bad year or amount, 404 for an unknown household, 409 for a stale version', async () => {
      const id = ids.get('L07')!;
      const put = async (url: string, payload: object) => {
        const r = await app.inject({ method: 'PUT', url, headers, payload });
        seen.push(r);
        return r;
      };
      const ok = { wageFen: 1, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0 };
      expect((await put(`/api/v1/households/${id}/incomes/20x5`, ok)).statusCode).toBe(400);
      expect((await put(`/api/v1/households/${id}/incomes/2025`, { ...ok, wageFen: 1.5 })).statusCode).toBe(400);
      expect((await put(`/api/v1/households/${id}/incomes/2025`, { ...ok, businessExpensesFen: -5 })).statusCode).toBe(400);
      expect((await put('/api/v1/households/999999/incomes/2025', ok)).statusCode).toBe(404);
      expect((await put(`/api/v1/households/${id}/incomes/2025`, { ...ok, version: 1 })).statusCode).toBe(409);
    });
  });

  describe('every response', () => {
    it('never was a 500', () => {
      expect(seen.length).toBeGreaterThan(50);
      const fives = seen.filter((r) => r.statusCode >= 500).map((r) => `${r.statusCode} ${r.body}`);
      expect(fives).toEqual([]);
    });

    it('never holds an unmasked ID number', async () => {
      // also read every household's detail page
      for (const id of ids.values()) await get(`/api/v1/households/${id}`);
      for (const r of seen) expect(r.body).not.toMatch(FULL_ID_PATTERN);
    });

    it('uses one error shape', () => {
      for (const r of seen.filter((x) => x.statusCode >= 400)) {
        const body = r.json() as ErrorBody;
        expect(typeof body.error.code).toBe('string');
        expect(typeof body.error.message).toBe('string');
      }
    });
  });
});
