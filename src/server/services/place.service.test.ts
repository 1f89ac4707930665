/**
 * Places on both dialects (issue 9 items 7–8, issue 8 item 2), with small invented person files in the national
 * layout for 华亭市 620881 (甘肃平凉): a real county of the shipped code list that is NOT a designated key county
 * (no Gansu county is in data/key-counties-160.csv), so the import itself shows that any county can import.
 *
 * Places by hand from data/regions/divisions-west-2023.csv.gz (`zcat … | grep '^620881'`): 东华街道 620881001
 * holds 东大街社区居委会 620881001001; 安口镇 620881101 holds 东大街居委会 620881101001, 前峰村委会 620881101200
 * and 阳安村委会 620881101201. Crosswalk: 华亭县 620824 → 华亭市 620881 on 2018-07-02 (民函〔2018〕109号).
 * Persons and households are invented; the ID numbers are generated with correct check characters.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, idNumber } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { AppError } from '../errors';
import { readCrosswalkFile } from './reference-files';
import { systemActor } from './actor';
import { NATIONAL_SCOPE, regionScope } from '../repositories/scope';
import type { IntakeProblemDto } from '../../shared/intake';

const tmp = mkdtempSync(join(tmpdir(), 'zx-places-'));
const actor = systemActor('tester');
const HEADER = '县,乡,村,村级区划代码,户编号,证件号码,姓名,与户主关系,户类型,劳动技能,健康状况,在校生状况,工资性收入,生产经营性收入,转移性收入,识别监测时间,监测对象类别,致贫/返贫风险1';
let seq = 0;
/** One household of one person (the head) at the given place; the ID number's area code is `area`. */
const row = (county: string, town: string, village: string, code: string, no: string, area = '620881') =>
  [county, town, village, code, no, idNumber(area, '19700101', ++seq), `测试${no}`, '户主', '脱贫户', '普通劳动力', '健康', '非在校生', '12000', '0', '0', '202304', '脱贫不稳定户', '因病'].join(',');
const file = (name: string, rows: string[]) => {
  const path = join(tmp, name);
  writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
  return { path, fileName: name };
};
const problem = (r: { problems: IntakeProblemDto[] }, rowNo: number) => r.problems.find((p) => p.row === rowNo && p.level !== 'warning');

forEachDialect('PlaceService', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
  });
  afterAll(async () => {
    await drop?.();
  });

  describe('crosswalk', () => {
    it('loads every row of the shipped file, each with a date, kind and source', async () => {
      const shipped = readCrosswalkFile();
      expect(shipped.length).toBeGreaterThan(1000);
      expect(shipped.every((c) => c.source.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(c.changedOn))).toBe(true);
      expect(await services.places.ensureCrosswalk()).toBe(shipped.length);
      // a second call adds nothing
      expect(await services.places.ensureCrosswalk()).toBe(0);
      const n = Number((await db.selectFrom('divisionChange').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(n).toBe(shipped.length);
    });
    it('华亭县 620824 → 华亭市 620881 (2018, rename, 民函〔2018〕109号); the 1981 code 622725 through two steps', async () => {
      const s = await services.places.lookup('620824');
      expect(s).toMatchObject({ status: 'replaced', code: '620881' });
      expect(s.changes).toEqual([expect.objectContaining({ oldCode: '620824', newCode: '620881', changedOn: '2018-07-02', kind: 'rename', document: '民函〔2018〕109号' })]);
      expect(await services.places.lookup('622725')).toMatchObject({ status: 'replaced', code: '620881' });
      expect(await services.places.lookup('620881')).toMatchObject({ status: 'current', code: '620881' });
    });
    it('a split code has no one current code; an unknown code is held with the reason', async () => {
      // 赤峰市 (county-level) 152401 was divided into 红山区 150402 and 元宝山区 150403 (1983, （83）国函字218号)
      expect(await services.places.lookup('152401')).toMatchObject({ status: 'divided', candidates: ['150402', '150403'] });
      expect(await services.places.lookup('620899')).toMatchObject({ status: 'unknown' });
    });
  });

  it('a household of a county whose villages were never loaded registers (崆峒区 620802, not a key county)', async () => {
    expect(await db.selectFrom('region').select('code').where('code', 'like', '620802%').where('level', '=', 'village').execute()).toEqual([]);
    await services.registry.registerHouseholds(NATIONAL_SCOPE, [household('KT-1', '620802001001', [head({ idNumber: idNumber('620802', '19650303', 801) })])]);
    const h = await db.selectFrom('household').select(['villageCode', 'countyCode']).where('householdNo', '=', 'KT-1').executeTakeFirstOrThrow();
    expect(h).toEqual({ villageCode: '620802001001', countyCode: '620802' });
  });

  describe('imports for 华亭市 (not a key county)', () => {
    it('resolves by code, by the full path, and an old code or county name to the current one with a warning', async () => {
      const r = await services.intake.preview(actor, file('a.csv', [
        row('华亭市', '', '', '620881101200', 'HT-1'),
        row('华亭市', '安口镇', '东大街社区', '', 'HT-2'),
        row('', '', '东大街社区', '620824101001', 'HT-3', '620824'),
        row('华亭县', '安口镇', '阳安村', '', 'HT-4', '622725'),
      ]), { kind: 'national-person', year: 2025 });
      expect(r.counts).toMatchObject({ rows: 4, add: 4, reject: 0 });
      const warnings = r.problems.filter((p) => p.code === 'PLACE_CODE_REPLACED');
      expect(warnings.map((w) => [w.row, w.column])).toEqual([[4, '村级区划代码'], [5, '县']]);
      expect(warnings[0]!.message).toContain('620881101001');
      expect(warnings[0]!.message).toContain('民函〔2018〕109号');
      const c = await services.intake.commit(actor, file('a.csv', []), { kind: 'national-person', year: 2025 }).catch((e: unknown) => e);
      expect(c).toBeInstanceOf(AppError); // an empty file is refused, nothing written
      await services.intake.commit(actor, file('a2.csv', [
        row('华亭市', '', '', '620881101200', 'HT-1'),
        row('华亭市', '安口镇', '东大街社区', '', 'HT-2'),
        row('', '', '东大街社区', '620824101001', 'HT-3', '620824'),
        row('华亭县', '安口镇', '阳安村', '', 'HT-4', '622725'),
      ]), { kind: 'national-person', year: 2025 });
      const hs = await db.selectFrom('household').select(['householdNo', 'villageCode', 'countyCode']).where('householdNo', 'like', 'HT-%').orderBy('householdNo').execute();
      expect(hs.map((h) => [h.householdNo, h.villageCode, h.countyCode])).toEqual([
        ['HT-1', '620881101200', '620881'],
        ['HT-2', '620881101001', '620881'],
        ['HT-3', '620881101001', '620881'],
        ['HT-4', '620881101201', '620881'],
      ]);
      // each place once, under its current code: the old-code household counts in the current village
      const byVillage = await db.selectFrom('household').select(['villageCode', (eb) => eb.fn.countAll<number>().as('n')]).where('countyCode', '=', '620881').groupBy('villageCode').orderBy('villageCode').execute();
      expect(byVillage.map((v) => [v.villageCode, Number(v.n)])).toEqual([['620881101001', 2], ['620881101200', 1], ['620881101201', 1]]);
      // a county that is not designated is listed in the figures once it holds households (a label, not a gate)
      const kids = await services.summary.children(NATIONAL_SCOPE, '62', 2025);
      // 平凉市 6208: the 4 households of 华亭市 above and KT-1 of 崆峒区 registered before
      expect(kids.map((k) => [k.code, k.households, k.designations])).toEqual([['6208', 5, []]]);
    });

    it('AMBIGUOUS_VILLAGE with candidates; near misses get suggestions and are not assigned; placeholders never match; unknown codes held', async () => {
      const r = await services.intake.preview(actor, file('b.csv', [
        row('华亭市', '', '东大街社区', '', 'HB-1'),
        row('华亭市', '安口镇', '前峰', '', 'HB-2'),
        row('华亭市', '安口镇', '前?村', '', 'HB-3'),
        row('华亭市', '安口镇', '□', '', 'HB-4'),
        row('', '', '', '620899100001', 'HB-5'),
        row('华亭市', '安口', '前峰村', '', 'HB-6'),
        row('', '', '', '620881101299', 'HB-7'),
        row('华亭', '安口镇', '前峰村', '', 'HB-8'),
      ]), { kind: 'national-person', year: 2025 });
      expect(r.counts).toMatchObject({ rows: 8, add: 0, reject: 8 });
      // a code of a current county that the list does not hold is found in the preview, not at commit
      expect(problem(r, 8)).toMatchObject({ code: 'VILLAGE_CODE_UNKNOWN', column: '村级区划代码' });
      expect(problem(r, 9)).toMatchObject({ code: 'COUNTY_NOT_FOUND', column: '县', message: '在您的管辖范围内找不到县“华亭”(相近:华亭市 620881;不会自动采用)' });
      const amb = problem(r, 2)!;
      expect(amb).toMatchObject({ code: 'AMBIGUOUS_VILLAGE', column: '村' });
      expect(amb.message).toContain('620881001001');
      expect(amb.message).toContain('620881101001');
      expect(problem(r, 3)).toMatchObject({ code: 'VILLAGE_NOT_FOUND', column: '村' });
      expect(problem(r, 4)).toMatchObject({ code: 'PLACE_PLACEHOLDER', column: '村' });
      expect(problem(r, 5)).toMatchObject({ code: 'PLACE_PLACEHOLDER', column: '村' });
      expect(problem(r, 6)).toMatchObject({ code: 'VILLAGE_CODE_UNKNOWN', column: '村级区划代码' });
      expect(problem(r, 7)).toMatchObject({ code: 'TOWN_NOT_FOUND', column: '乡' });
      // the mapping step lists the names the code list does not hold, with suggestions
      expect(r.placeNames).toEqual([
        { countyCode: '620881', countyName: '华亭市', town: '安口镇', village: '前峰', key: '安口镇/前峰', rows: [3], suggestions: [{ code: '620881101200', name: '前峰村委会', town: '安口镇' }] },
        { countyCode: '620881', countyName: '华亭市', town: '安口', village: '前峰村', key: '安口/前峰村', rows: [7], suggestions: [{ code: '620881101', name: '安口镇', town: null }] },
      ]);
    });

    it('the mapping step: mapped names import, and the county remembers them on commit', async () => {
      const rows = [row('华亭市', '安口镇', '前峰', '', 'HM-1'), row('华亭市', '安口', '前峰村', '', 'HM-2')];
      const bad = await services.intake.preview(actor, file('m.csv', rows), { kind: 'national-person', year: 2025, placeMapping: { '安口镇/前峰': '620881101999' } }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(AppError);
      expect((bad as AppError).details).toEqual({ issues: [{ field: 'placeMapping.安口镇/前峰', message: '区划代码 620881101999 不在现行区划代码中' }] });
      const placeMapping = { '安口镇/前峰': '620881101200', '安口/': '620881101' };
      const p = await services.intake.preview(actor, file('m.csv', rows), { kind: 'national-person', year: 2025, placeMapping });
      expect(p.counts).toMatchObject({ rows: 2, add: 2, reject: 0 });
      expect(p.placeNames).toEqual([]);
      // nothing remembered by a preview
      expect(await services.places.listMappings(actor, '620881')).toEqual([]);
      await services.intake.commit(actor, file('m.csv', rows), { kind: 'national-person', year: 2025, placeMapping });
      expect((await services.places.listMappings(actor, '620881')).map((m) => [m.key, m.regionCode])).toEqual([['安口/', '620881101'], ['安口镇/前峰', '620881101200']]);
      // the next file of the county needs no mapping
      const next = await services.intake.preview(actor, file('m2.csv', [row('华亭市', '安口镇', '前峰', '', 'HM-3'), row('华亭市', '安口', '阳安村', '', 'HM-4')]), { kind: 'national-person', year: 2025 });
      expect(next.counts).toMatchObject({ rows: 2, add: 2, reject: 0 });
      // another county does not see them
      expect(await services.places.listMappings(actor, '620802')).toEqual([]);
    });

    it('--village must agree with the row\'s own place columns; a disagreement names row and column', async () => {
      const r = await services.intake.preview(actor, file('v.csv', [
        row('华亭市', '安口镇', '前峰村', '', 'HV-1'),
        row('华亭市', '安口镇', '阳安村', '', 'HV-2'),
        row('', '', '', '', 'HV-3'),
        row('从江县', '', '', '', 'HV-5'),
      ]), { kind: 'national-person', year: 2025, village: '620881101201' });
      expect(r.counts).toMatchObject({ rows: 4, add: 2, reject: 2 });
      expect(problem(r, 5)).toMatchObject({ code: 'VILLAGE_OPTION_DISAGREES', column: '县' });
      const d = problem(r, 2)!;
      expect(d).toMatchObject({ code: 'VILLAGE_OPTION_DISAGREES', column: '村' });
      expect(d.message).toContain('620881101200');
      const bad = await services.intake.preview(actor, file('v.csv', [row('', '', '', '', 'HV-4')]), { kind: 'national-person', year: 2025, village: '620881101999' }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(AppError);
    });

    it('（自定义）行政村信息 takes a 村级区划代码 column; an old code with its village name is mapped, a near miss is not', async () => {
      const path = join(tmp, 'villages.csv');
      writeFileSync(path, [
        '县,乡,村,村级区划代码,总户数',
        '华亭市,安口镇,阳安村,620881101201,120',
        ',,前峰村,620824101200,80',
        '华亭市,安口镇,阳安,,50',
      ].join('\n') + '\n');
      const r = await services.intake.preview(actor, { path, fileName: 'villages.csv' }, { kind: 'national-village' });
      expect(r.counts).toMatchObject({ rows: 3, add: 2, reject: 1 });
      expect(r.problems.map((p) => [p.row, p.code, p.column])).toEqual([[3, 'PLACE_CODE_REPLACED', '村级区划代码'], [4, 'VILLAGE_NOT_FOUND', '村']]);
    });

    it('a mapping is refused when malformed, of the wrong level, or with a placeholder, naming the entry', async () => {
      const issues = async (m: Record<string, string>) => ((await services.places.checkMappings(NATIONAL_SCOPE, m).catch((e: unknown) => e)) as AppError).details;
      expect(await issues({ 前峰: '620881101200' })).toEqual({ issues: [{ field: 'placeMapping.前峰', message: '应写作“乡镇/村”(只对应乡镇时写“乡镇/”)' }] });
      expect(await issues({ '安口镇/前峰': '620881101' })).toEqual({ issues: [{ field: 'placeMapping.安口镇/前峰', message: '村应对应12位村级区划代码' }] });
      expect(await issues({ '安口/': '620881101200' })).toEqual({ issues: [{ field: 'placeMapping.安口/', message: '乡镇应对应9位乡级区划代码' }] });
      expect(await issues({ '安口镇/前?': '620881101200' })).toEqual({ issues: [{ field: 'placeMapping.安口镇/前?', message: '地名含占位字符(_ ? □ �),不能对应' }] });
    });

    it('a county user cannot map or resolve into another county', async () => {
      const county = { ...actor, scope: regionScope('620802'), regionCode: '620802', level: 'county' as const };
      const e = await services.intake.preview(county, file('s.csv', [row('华亭市', '安口镇', '前峰', '', 'HS-1')]), { kind: 'national-person', year: 2025, placeMapping: { '安口镇/前峰': '620881101200' } }).catch((x: unknown) => x);
      expect((e as AppError).details).toEqual({ issues: [{ field: 'placeMapping.安口镇/前峰', message: '区划 620881101200 不在您的管辖范围内' }] });
      const r = await services.intake.preview(county, file('s.csv', [row('华亭市', '安口镇', '阳安村', '', 'HS-2')]), { kind: 'national-person', year: 2025 });
      expect(problem(r, 2)).toMatchObject({ code: 'COUNTY_NOT_FOUND', column: '县' });
    });
  });
});
