/**
 * Figures routes through app.inject() on both dialects, over the hand-counted registry of
 * test/fixtures/list-registry.ts (t = 730,000 fen, Guizhou 2023 carried forward as a placeholder;
 * bins: negative < 0 ≤ below < t ≤ near < 1.5 t = 1,095,000 ≤ middle < 3 t = 2,190,000 ≤ high).
 *
 * 从江县 522633 (L01–L20), by hand:
 *   households 20; persons 2+1+3+2+2+1+4+2+1+2+3+2 + 8×1 = 33
 *   flagged: L01 (R01), L08 (R01), L09 (R01, R03), L10 (R04) = 4; byRule R01 3, R03 1, R04 1
 *   flagged by one rule alone: R01 L01, L08 = 2; R04 L10 = 1 (L09 has two rules)
 *   bins: negative L08 = 1; below L01, L09 = 2; near L02–L04 (900,000) + L13–L20 (1,010,000–1,080,000) = 11;
 *         middle L05, L07, L10, L11 = 4; high 0; noData L06, L12 = 2 (sum 20)
 *   lifted (脱贫户): L01, L02, L05, L08, L11 = 5; monitored (category, not eliminated): L01, L03, L05, L11 = 4
 * 榕江县 522632: L21 only (1 household, 1 person, near). Guizhou 52 = both; the nation = Guizhou.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { FULL_ID_PATTERN, VILLAGES } from '../../../../test/fixtures/registry';
import { listRegistry } from '../../../../test/fixtures/list-registry';
import type { Services } from '../../container';
import { NATIONAL_SCOPE } from '../../repositories/scope';

interface ErrorBody { error: { code: string; message: string; details?: { issues?: { field: string }[] } } }
const bins = (s: { incomeDistribution: { bin: string; households: number }[] }) => Object.fromEntries(s.incomeDistribution.map((b) => [b.bin, b.households]));
const rules = (c: Partial<Record<string, number>>) => Object.fromEntries(['R01', 'R02', 'R03', 'R04', 'R05'].map((r) => [r, c[r] ?? 0]));

forEachDialect('summary routes', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let headers: Record<string, string> = {};
  const seen: LightMyRequestResponse[] = [];

  async function get(url: string, query: Record<string, string | number> = {}) {
    const res = await app.inject({ method: 'GET', url, headers, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    seen.push(res);
    return res;
  }
  async function ok(url: string, query: Record<string, string | number> = {}) {
    const res = await get(url, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds(NATIONAL_SCOPE, listRegistry());
    app = await newTestApp(services);
    headers = await testAuthHeaders(app, services);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  describe('GET /api/v1/summary', () => {
    it('county 从江县', async () => {
      const s = await ok('/api/v1/summary', { region: '522633' });
      expect(s.region).toMatchObject({ code: '522633', name: '从江县', level: 'county', parentCode: '5226' });
      expect(s.path.map((p: { code: string }) => p.code)).toEqual(['52', '5226', '522633']);
      expect(s).toMatchObject({ year: 2025, households: 20, persons: 33, flaggedHouseholds: 4, liftedHouseholds: 5, monitoredHouseholds: 4 });
      expect(s.byRule).toEqual(rules({ R01: 3, R03: 1, R04: 1 }));
      expect(s.byRuleAlone).toEqual(rules({ R01: 2, R04: 1 }));
      expect(s.byCategory).toEqual({ unstableLifted: 1, marginalVulnerable: 2, suddenHardship: 1 });
      expect(s.byRiskType).toMatchObject({ illness: 2, accident: 1, unstableEmployment: 1, educationCosts: 1 });
      expect(bins(s)).toEqual({ negative: 1, below: 2, near: 11, middle: 4, high: 0, noData: 2 });
      expect(s.usesPlaceholderThreshold).toBe(true);
      expect(s.thresholds).toEqual([expect.objectContaining({ provinceCode: '52', valueFen: 730_000, status: 'placeholder' })]);
    });

    it('province 贵州 and the nation add 榕江县 (L21: 1 household, 1 person, near)', async () => {
      const p = await ok('/api/v1/summary', { region: '52' });
      expect(p).toMatchObject({ households: 21, persons: 34, flaggedHouseholds: 4 });
      expect(bins(p)).toEqual({ negative: 1, below: 2, near: 12, middle: 4, high: 0, noData: 2 });
      const n = await ok('/api/v1/summary');
      expect(n.region).toMatchObject({ code: '', level: 'national' });
      expect(n).toMatchObject({ households: 21, persons: 34, flaggedHouseholds: 4 });
      expect(n.byRule).toEqual(rules({ R01: 3, R03: 1, R04: 1 }));
      expect(n.byRuleAlone).toEqual(rules({ R01: 2, R04: 1 }));
    });

    it('a township and a village are aggregated on request', async () => {
      // 丙妹镇 522633100: L01–L08 and L13–L20 = 16 households; persons 2+1+3+2+2+1+4+2+8 = 25; flagged L01, L08
      expect(await ok('/api/v1/summary', { region: '522633100' })).toMatchObject({ households: 16, persons: 25, flaggedHouseholds: 2 });
      // 贯洞社区: L09–L12 = 4 households, 1+2+3+2 = 8 persons, flagged L09, L10
      const v = await ok('/api/v1/summary', { region: VILLAGES.guandong });
      expect(v).toMatchObject({ households: 4, persons: 8, flaggedHouseholds: 2 });
      expect(bins(v)).toEqual({ negative: 0, below: 1, near: 0, middle: 2, high: 0, noData: 1 });
      // screened: a township and a village say when (issue 16: they said 尚未筛查 though results exist)
      const t = await ok('/api/v1/summary', { region: '522633100' });
      expect(t.screenedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(v.screenedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('a year without data gives zeros', async () => {
      const s = await ok('/api/v1/summary', { region: '522633', year: 2020 });
      expect(s).toMatchObject({ year: 2020, households: 0, persons: 0, flaggedHouseholds: 0, screenedAt: null });
    });

    it.each([
      [{ region: '12345' }, 'querystring.region'],
      [{ region: 'abcdef' }, 'querystring.region'],
      [{ year: 'abc' }, 'querystring.year'],
      [{ year: 2013 }, 'querystring.year'],
      [{ year: 2101 }, 'querystring.year'],
    ] as [Record<string, string | number>, string][])('400 validation_error for %j', async (query, field) => {
      const res = await get('/api/v1/summary', query);
      expect(res.statusCode).toBe(400);
      const body = res.json() as ErrorBody;
      expect(body.error.code).toBe('validation_error');
      expect(body.error.details?.issues?.map((i) => i.field)).toContain(field);
    });

    it('400 unknown_region for a well-formed code that is not loaded', async () => {
      for (const region of ['999999', '99', '522633999999']) {
        const res = await get('/api/v1/summary', { region });
        expect(res.statusCode).toBe(400);
        expect((res.json() as ErrorBody).error.code).toBe('unknown_region');
      }
    });
  });

  describe('GET /api/v1/summary/children', () => {
    it('townships of 从江县 with their figures', async () => {
      const rows = await ok('/api/v1/summary/children', { region: '522633' });
      // all 20 townships of the county are listed, with or without households
      expect(rows).toHaveLength(20);
      const bing = rows.find((r: { code: string }) => r.code === '522633100');
      expect(bing).toMatchObject({ name: '丙妹镇', level: 'township', households: 16, persons: 25, flaggedHouseholds: 2, belowThresholdHouseholds: 2 });
      // 2 / 16 = 0.125
      expect(bing.flaggedShare).toBe(0.125);
      const guan = rows.find((r: { code: string }) => r.code === '522633101');
      expect(guan).toMatchObject({ households: 4, flaggedHouseholds: 2, belowThresholdHouseholds: 1 });
      const empty = rows.find((r: { households: number; code: string }) => r.code !== '522633100' && r.code !== '522633101');
      expect(empty).toMatchObject({ households: 0, flaggedShare: null });
    });

    it('provinces with key counties at the top; Guizhou holds the 21 households', async () => {
      const rows = await ok('/api/v1/summary/children');
      const gz = rows.find((r: { code: string }) => r.code === '52');
      expect(gz).toMatchObject({ name: '贵州省', level: 'province', households: 21, persons: 34, flaggedHouseholds: 4 });
      // Gansu (62) has no key county loaded, so it is not listed
      expect(rows.map((r: { code: string }) => r.code)).not.toContain('62');
    });

    it('400 for a malformed or unknown region', async () => {
      expect((await get('/api/v1/summary/children', { region: '1234567' })).statusCode).toBe(400);
      const res = await get('/api/v1/summary/children', { region: '999999' });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ErrorBody).error.code).toBe('unknown_region');
    });
  });

  describe('GET /api/v1/key-counties', () => {
    it("Guizhou's 20 national key counties, 从江县 with its figures and source", async () => {
      const rows = await ok('/api/v1/key-counties', { province: '52' });
      // data/key-counties-160.csv lists 20 Guizhou counties
      expect(rows).toHaveLength(20);
      const cj = rows.find((r: { code: string }) => r.code === '522633');
      expect(cj).toMatchObject({ name: '从江县', provinceName: '贵州省', prefectureName: '黔东南苗族侗族自治州', designations: ['national'], households: 20, persons: 33, flaggedHouseholds: 4, belowThresholdHouseholds: 3 });
      expect(cj.sources).toHaveLength(1);
      // 4 / 20 = 0.2
      expect(cj.flaggedShare).toBe(0.2);
    });

    it('400 for a malformed province', async () => {
      for (const province of ['5', '520', 'ab']) {
        const res = await get('/api/v1/key-counties', { province });
        expect(res.statusCode).toBe(400);
        expect((res.json() as ErrorBody).error.details?.issues?.map((i) => i.field)).toContain('querystring.province');
      }
    });
  });

  describe('every response', () => {
    it('was never a 500 and never holds an ID number', () => {
      expect(seen.length).toBeGreaterThan(15);
      expect(seen.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
      for (const r of seen) expect(r.body).not.toMatch(FULL_ID_PATTERN);
    });
  });
});
