/**
 * ScreeningService on both dialects, over a small hand-built registry whose verdicts and rollups are
 * counted by hand below.
 *
 * Thresholds for 2025 (data/monitoring-thresholds.csv): Guizhou (52) has only 2023 = 7,300 yuan, carried
 * forward as a placeholder t = 730,000 fen; R02's band is [t, 1.5 t) = [730,000, 1,095,000).
 * Guangxi (45) has none: national placeholder 600,000 fen, band [600,000, 900,000).
 * Income bins relative to t: negative (< 0), below [0, t), near [t, 1.5 t), middle [1.5 t, 3 t),
 * high ≥ 3 t (3 t = 2,190,000 for Guizhou), noData.
 *
 * | no | village            | members (persons)          | 2025 net → per capita        | flags      | bin      |
 * | S1 | 岜沙 522633100207   | 2, dangerous house         | 1,000,000 / 2 = 500,000      | R01, R04   | below    |
 * | S2 | 岜沙                | 2                          | 1,600,000 / 2 = 800,000 (2024: 2,400,000 / 2 = 1,200,000; fall 33.3 %) | R02 | near |
 * | S3 | 大融 522633100208   | 1, lost labour, born 1940  | 1,000,000                    | R03        | near     |
 * | S4 | 大融                | 3, child of 10 not in school | 6,000,000 / 3 = 2,000,000  | R04        | middle   |
 * | S5 | 贯洞 522633101001   | 2, out-of-pocket 1,000,000 | 2,000,000 / 2 = 1,000,000; 1,000,000 ≥ 50 % of 2,000,000 | R05 | near |
 * | S6 | 贯洞                | 2                          | no income                    | —          | noData   |
 * | S7 | 贯洞                | 1                          | −100,000                     | R01        | negative |
 * | S8 | 岜沙                | 2                          | 5,000,000 / 2 = 2,500,000    | —          | high     |
 * | S9 | 榕江 522632100001   | 1                          | 600,000                      | R01        | below    |
 * | S10| 马山 450124100001   | 2                          | 1,240,000 / 2 = 620,000 (t = 600,000) | — | near   |
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, idNumber, income, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { NATIONAL_SCOPE, regionScope } from '../repositories/scope';

const REGISTRY = [
  household('S1', VILLAGES.basha, [head({ birth: '19700101' }), person({ birth: '19710101' })], [income(2025, 1_000_000)], { dangerousHouse: true }),
  household('S2', VILLAGES.basha, [head({ birth: '19700102' }), person({ birth: '19710102' })], [income(2025, 1_600_000), income(2024, 2_400_000)]),
  household('S3', VILLAGES.darong, [head({ birth: '19400103', labourSkill: 'lost' })], [income(2025, 1_000_000)]),
  household('S4', VILLAGES.darong, [head({ birth: '19800104' }), person({ birth: '19820104' }), person({ birth: '20150501', relationToHead: 'son', labourSkill: 'none', schoolStage: 'notInSchool' })], [income(2025, 6_000_000)]),
  household('S5', VILLAGES.guandong, [head({ birth: '19700105' }), person({ birth: '19710105', healthStatus: 'seriousIllness' })], [income(2025, 2_000_000, { compliantOutOfPocketFen: 1_000_000 })]),
  household('S6', VILLAGES.guandong, [head({ birth: '19700106' }), person({ birth: '19710106' })], []),
  household('S7', VILLAGES.guandong, [head({ birth: '19700107' })], [income(2025, 0, { businessIncomeFen: 50_000, businessExpensesFen: 150_000 })]),
  household('S8', VILLAGES.basha, [head({ birth: '19700108' }), person({ birth: '19710108' })], [income(2025, 5_000_000)]),
  household('S9', VILLAGES.rongjiang, [head({ idNumber: idNumber('522632', '19700109', 501) })], [income(2025, 600_000)]),
  household('S10', VILLAGES.mashan, [head({ birth: '19700110' }), person({ birth: '19710110' })], [income(2025, 1_240_000)]),
];

const RULES = ['R01', 'R02', 'R03', 'R04', 'R05'] as const;
const byRule = (counts: Partial<Record<(typeof RULES)[number], number>>) => Object.fromEntries(RULES.map((r) => [r, counts[r] ?? 0]));
const bins = (s: { incomeDistribution: { bin: string; households: number }[] }) => Object.fromEntries(s.incomeDistribution.map((b) => [b.bin, b.households]));

forEachDialect('ScreeningService', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  let ids: Map<string, number>;

  const flagsOf = async (no: string) => {
    const d = await services.households.get(NATIONAL_SCOPE, ids.get(no)!, 2025);
    return d.verdicts.filter((v) => v.outcome === 'flagged').map((v) => v.ruleId);
  };

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const report = await services.registry.registerHouseholds(NATIONAL_SCOPE, REGISTRY, { screen: false });
    ids = report.ids;
  });
  afterAll(async () => {
    await drop?.();
  });

  it('registering with screen: false leaves the registry unscreened', async () => {
    const n = await db.selectFrom('screeningResult').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('a full run screens every household of 2025 and counts the flagged ones', async () => {
    const progress: [number, number][] = [];
    const r = await services.screening.screen({ year: 2025, onProgress: (done, total) => progress.push([done, total]) });
    // 10 households with 2025 facts; flagged: S1, S2, S3, S4, S5, S7, S9 = 7
    expect(r).toMatchObject({ year: 2025, regionCode: '', mode: 'full', households: 10, changed: 10, flagged: 7, usesPlaceholderThreshold: true });
    expect(progress.at(-1)).toEqual([10, 10]);
  });

  it.each([
    ['S1', ['R01', 'R04']],
    ['S2', ['R02']],
    ['S3', ['R03']],
    ['S4', ['R04']],
    ['S5', ['R05']],
    ['S6', []],
    ['S7', ['R01']],
    ['S8', []],
    ['S9', ['R01']],
    ['S10', []],
  ])('%s is flagged by %j', async (no, rules) => {
    expect(await flagsOf(no)).toEqual(rules);
  });

  it('S6 (no income) is noData for R01, R02 and R05, not flagged', async () => {
    const d = await services.households.get(NATIONAL_SCOPE, ids.get('S6')!, 2025);
    const o = Object.fromEntries(d.verdicts.map((v) => [v.ruleId, v.outcome]));
    expect(o).toEqual({ R01: 'noData', R02: 'noData', R03: 'clear', R04: 'clear', R05: 'noData' });
  });

  it('a re-run on unchanged inputs writes nothing', async () => {
    const r = await services.screening.screen({ year: 2025 });
    expect(r).toMatchObject({ households: 10, changed: 0, flagged: 7 });
    const c = await services.screening.screen({ year: 2025, mode: 'changed' });
    expect(c).toMatchObject({ households: 0, changed: 0 });
  });

  it('county rollup (522633): S1–S8 by hand', async () => {
    const s = await services.summary.summary(NATIONAL_SCOPE, '522633', 2025);
    expect(s.households).toBe(8);
    // persons 2 + 2 + 1 + 3 + 2 + 2 + 1 + 2 = 15
    expect(s.persons).toBe(15);
    expect(s.flaggedHouseholds).toBe(6);
    expect(s.byRule).toEqual(byRule({ R01: 2, R02: 1, R03: 1, R04: 2, R05: 1 }));
    expect(bins(s)).toEqual({ negative: 1, below: 1, near: 3, middle: 1, high: 1, noData: 1 });
    expect(s.usesPlaceholderThreshold).toBe(true);
    expect(s.screenedAt).not.toBeNull();
  });

  it('township (丙妹镇 522633100) and village (岜沙) figures below the county', async () => {
    // 丙妹镇: S1, S2, S8 (岜沙) and S3, S4 (大融) = 5 households, 2 + 2 + 2 + 1 + 3 = 10 persons; flagged S1–S4
    const t = await services.summary.summary(NATIONAL_SCOPE, '522633100', 2025);
    expect(t).toMatchObject({ households: 5, persons: 10, flaggedHouseholds: 4 });
    const v = await services.summary.summary(NATIONAL_SCOPE, VILLAGES.basha, 2025);
    expect(v).toMatchObject({ households: 3, persons: 6, flaggedHouseholds: 2 });
    expect(bins(v)).toEqual({ negative: 0, below: 1, near: 1, middle: 0, high: 1, noData: 0 });
    const kids = await services.summary.children(NATIONAL_SCOPE, '522633', 2025);
    const bing = kids.find((k) => k.code === '522633100')!;
    expect(bing).toMatchObject({ households: 5, flaggedHouseholds: 4, belowThresholdHouseholds: 1 });
    // 4 / 5 = 0.8
    expect(bing.flaggedShare).toBeCloseTo(0.8, 10);
    expect(kids.find((k) => k.code === '522633101')).toMatchObject({ households: 3, persons: 5, flaggedHouseholds: 2 });
  });

  it('province rollup (52): 522633 + 522632', async () => {
    const s = await services.summary.summary(NATIONAL_SCOPE, '52', 2025);
    // 8 + 1 households, 15 + 1 persons, 6 + 1 flagged; S9 adds R01 and a 'below'
    expect(s).toMatchObject({ households: 9, persons: 16, flaggedHouseholds: 7 });
    expect(s.byRule).toEqual(byRule({ R01: 3, R02: 1, R03: 1, R04: 2, R05: 1 }));
    expect(bins(s)).toEqual({ negative: 1, below: 2, near: 3, middle: 1, high: 1, noData: 1 });
    // prefecture 5226 (黔东南) holds both counties
    expect(await services.summary.summary(NATIONAL_SCOPE, '5226', 2025)).toMatchObject({ households: 9, persons: 16, flaggedHouseholds: 7 });
  });

  it('national rollup: + S10 in Guangxi (not flagged, near under the 600,000 placeholder)', async () => {
    const s = await services.summary.summary(NATIONAL_SCOPE, null, 2025);
    expect(s).toMatchObject({ households: 10, persons: 18, flaggedHouseholds: 7 });
    expect(s.byRule).toEqual(byRule({ R01: 3, R02: 1, R03: 1, R04: 2, R05: 1 }));
    expect(bins(s)).toEqual({ negative: 1, below: 2, near: 4, middle: 1, high: 1, noData: 1 });
    expect(s.incomeDistribution.reduce((a, b) => a + b.households, 0)).toBe(10);
  });

  it("a changed income re-screens exactly that household in mode 'changed'", async () => {
    // S8: 5,000,000 → 1,000,000 / 2 = 500,000 < 730,000 → R01; written straight to the table, then facts refreshed
    const id = ids.get('S8')!;
    await db.updateTable('incomeRecord').set({ wageFen: 1_000_000 }).where('householdId', '=', id).where('year', '=', 2025).execute();
    await services.registry.refreshFacts(db, [id]);
    const r = await services.screening.screen({ year: 2025, mode: 'changed', scope: regionScope('522633') });
    expect(r).toMatchObject({ mode: 'changed', households: 1, changed: 1, flagged: 1 });
    expect(await flagsOf('S8')).toEqual(['R01']);
    // rollups follow: county flagged 6 + 1 = 7, R01 2 + 1 = 3, S8 moves from high to below
    const s = await services.summary.summary(NATIONAL_SCOPE, '522633', 2025);
    expect(s.flaggedHouseholds).toBe(7);
    expect(s.byRule.R01).toBe(3);
    expect(bins(s)).toEqual({ negative: 1, below: 2, near: 3, middle: 1, high: 0, noData: 1 });
    const n = await services.summary.summary(NATIONAL_SCOPE, null, 2025);
    expect(n).toMatchObject({ households: 10, flaggedHouseholds: 8 });
    expect(n.byRule.R01).toBe(4);
    // nothing left to do
    expect(await services.screening.screen({ year: 2025, mode: 'changed' })).toMatchObject({ households: 0, changed: 0 });
  });

  it('a confirmed threshold for Guangxi is used and is no longer a placeholder there', async () => {
    // Guangxi 2025 = 6,500 yuan = 650,000 fen; S10's 620,000 < 650,000 → R01
    await services.thresholds.setThreshold({ provinceCode: '45', year: 2025, valueYuan: 6500, source: '测试:桂乡村振兴〔2025〕号(虚构)', by: 'test-admin' });
    const r = await services.screening.screen({ year: 2025 });
    // only S10's inputs changed (its threshold); the Guizhou households keep theirs
    expect(r).toMatchObject({ households: 10, changed: 1, flagged: 9 });
    const d = await services.households.get(NATIONAL_SCOPE, ids.get('S10')!, 2025);
    const r01 = d.verdicts.find((v) => v.ruleId === 'R01')!;
    expect(r01.outcome).toBe('flagged');
    expect(r01.explanation.threshold).toMatchObject({ valueFen: 650_000, status: 'confirmed' });
    expect(d.verdicts.every((v) => v.usesPlaceholderThreshold === false)).toBe(true);
    const gx = await services.summary.summary(NATIONAL_SCOPE, '45', 2025);
    expect(gx).toMatchObject({ households: 1, persons: 2, flaggedHouseholds: 1, usesPlaceholderThreshold: false });
    expect(gx.thresholds.every((t) => t.status === 'confirmed' && t.valueFen === 650_000)).toBe(true);
    expect(bins(gx)).toEqual({ negative: 0, below: 1, near: 0, middle: 0, high: 0, noData: 0 });
    // Guizhou stays on its carried-forward placeholder
    const gz = await services.summary.summary(NATIONAL_SCOPE, '52', 2025);
    expect(gz.usesPlaceholderThreshold).toBe(true);
    expect((await services.households.get(NATIONAL_SCOPE, ids.get('S9')!, 2025)).verdicts.find((v) => v.ruleId === 'R01')!.usesPlaceholderThreshold).toBe(true);
  });

  it('a county threshold overrides the province: 从江县 2025 = 8,500 yuan', async () => {
    // 850,000: S2's 800,000 now below → R01; it leaves R02's band [850,000, 1,275,000).
    // S3 (1,000,000) and S5 (1,000,000) stay above; S8 (500,000) and S1 (500,000) stay below
    await services.thresholds.setThreshold({ provinceCode: '52', countyCode: '522633', year: 2025, valueYuan: 8500, source: '测试:从江县文件(虚构)', by: 'test-admin' });
    const r = await services.screening.screen({ year: 2025, scope: regionScope('522633') });
    // all 8 households of the county get a new threshold → 8 results rewritten
    expect(r).toMatchObject({ households: 8, changed: 8 });
    expect(await flagsOf('S2')).toEqual(['R01']);
    expect(await flagsOf('S9')).toEqual(['R01']);
    const s = await services.summary.summary(NATIONAL_SCOPE, '522633', 2025);
    expect(s.usesPlaceholderThreshold).toBe(false);
    // R01: S1, S2, S7, S8 = 4; R02: none
    expect(s.byRule).toEqual(byRule({ R01: 4, R02: 0, R03: 1, R04: 2, R05: 1 }));
  });

  it('rejects a threshold for an unknown region, a bad value or no source', async () => {
    await expect(services.thresholds.setThreshold({ provinceCode: '99', year: 2025, valueYuan: 6000, source: 'x', by: 'a' })).rejects.toMatchObject({ code: 'validation_error' });
    await expect(services.thresholds.setThreshold({ provinceCode: '45', year: 2025, valueYuan: 999, source: 'x', by: 'a' })).rejects.toMatchObject({ code: 'validation_error' });
    await expect(services.thresholds.setThreshold({ provinceCode: '45', year: 2025, valueYuan: 6000, source: '  ', by: 'a' })).rejects.toMatchObject({ code: 'validation_error' });
    await expect(services.thresholds.setThreshold({ provinceCode: '45', countyCode: '522633', year: 2025, valueYuan: 6000, source: 'x', by: 'a' })).rejects.toMatchObject({ code: 'validation_error' });
  });
});
