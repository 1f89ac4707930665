import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../id-number';
import { currentCodeOf, regionKey, type DivisionChange } from './crosswalk';
import { hasPlaceholder, mappingKey, resolveByCode, resolveByPath, villageStem, type CountyPlaces } from './resolver';

// Invented towns and villages (not the real list) under the real county code of 华亭市.
const HUATING: DivisionChange = {
  oldCode: '620824', oldName: '华亭县', newCode: '620881', newName: '华亭市', changedOn: '2018-07-02', kind: 'rename', document: '民函〔2018〕109号', source: 'test',
};
const changes: DivisionChange[] = [
  { ...HUATING, oldCode: '622725', newCode: '620824', newName: '华亭县', changedOn: '2002-06-02', document: '国函〔2002〕46号' },
  HUATING,
  // an invented split: 999901 → 999902 and 999903
  { ...HUATING, oldCode: '999901', oldName: '甲县', newCode: '999902', newName: '乙区', kind: 'split' },
  { ...HUATING, oldCode: '999901', oldName: '甲县', newCode: '999903', newName: '丙区', kind: 'split' },
];
const current = new Set(['62', '6208', '620881', '999902', '999903']);
const isCurrent = (k: string) => current.has(k);
const changesOf = (c: string) => changes.filter((x) => x.oldCode === c);

const places: CountyPlaces = {
  county: { code: '620881', name: '华亭市' },
  towns: [
    { code: '620881100', name: '东华镇', parentCode: '620881' },
    { code: '620881101', name: '安口镇', parentCode: '620881' },
    { code: '620881102', name: '西华镇', parentCode: '620881' },
  ],
  villages: [
    { code: '620881100201', name: '石门村民委员会', parentCode: '620881100' },
    { code: '620881100202', name: '东关社区居委会', parentCode: '620881100' },
    { code: '620881101201', name: '石门村委会', parentCode: '620881101' },
    { code: '620881101202', name: '南川村村委会', parentCode: '620881101' },
    { code: '620881102201', name: '石门峡村民委员会', parentCode: '620881102' },
    { code: '620881102202', name: '北坡村民委员会', parentCode: '620881102' },
  ],
  mappings: new Map([[mappingKey('西华', '老北坡'), '620881102202']]),
};

describe('division crosswalk', () => {
  it('maps 华亭县 620824 to 华亭市 620881 (2018, rename), and the code of 1981–2002 through both steps', () => {
    expect(currentCodeOf('620824', isCurrent, changesOf)).toMatchObject({ status: 'replaced', code: '620881', chain: [HUATING] });
    const twoSteps = currentCodeOf('622725', isCurrent, changesOf);
    expect(twoSteps).toMatchObject({ status: 'replaced', code: '620881' });
    expect(twoSteps.status === 'replaced' && twoSteps.chain.map((c) => c.newCode)).toEqual(['620824', '620881']);
  });
  it('keeps a current code, holds a split with its candidates and an unknown code with the reason', () => {
    expect(currentCodeOf('620881', isCurrent, changesOf)).toEqual({ status: 'current', code: '620881' });
    expect(currentCodeOf('620800', isCurrent, changesOf)).toEqual({ status: 'current', code: '6208' });
    expect(currentCodeOf('999901', isCurrent, changesOf)).toMatchObject({ status: 'divided', candidates: ['999902', '999903'] });
    const u = currentCodeOf('620899', isCurrent, changesOf);
    expect(u.status).toBe('unknown');
    expect(u.status === 'unknown' && u.reason).toContain('620899');
  });
  it('reads prefecture and province codes in the region table form', () => {
    expect([regionKey('620000'), regionKey('620800'), regionKey('620881'), regionKey('620881100')]).toEqual(['62', '6208', '620881', '620881100']);
  });
});

describe('village names', () => {
  it('reads the committee suffixes of the code list as the place they name', () => {
    expect(['石门村民委员会', '石门村委会', '石门村村委会', '石门村', ' 石门村 '].map(villageStem)).toEqual(Array(5).fill('石门村'));
    expect(['东关社区居委会', '东关社区居民委员会', '东关居民委员会', '东关社区'].map(villageStem)).toEqual(Array(4).fill('东关社区'));
  });
  it('sees the placeholders _ ? □ � and their full-width forms', () => {
    expect(['石_村', '石?村', '石？村', '石□村', '石\uFFFD村', '石＿村'].map(hasPlaceholder)).toEqual(Array(6).fill(true));
    expect(hasPlaceholder('石门村')).toBe(false);
  });
});

describe('resolve by path', () => {
  it('finds a village by its full town + village path', () => {
    expect(resolveByPath('安口镇', '石门村', places)).toEqual({ ok: true, code: '620881101201', via: 'path' });
    expect(resolveByPath('东华镇', '石门村', places)).toEqual({ ok: true, code: '620881100201', via: 'path' });
    expect(resolveByPath('东华镇', '东关社区', places)).toEqual({ ok: true, code: '620881100202', via: 'path' });
  });
  it('a village name alone held by two towns is AMBIGUOUS_VILLAGE with both candidates', () => {
    const r = resolveByPath(null, '石门村', places);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe('AMBIGUOUS_VILLAGE');
    expect(r.candidates).toEqual([
      { code: '620881100201', name: '石门村民委员会', town: '东华镇' },
      { code: '620881101201', name: '石门村委会', town: '安口镇' },
    ]);
  });
  it('a village name alone held by one town of the county is found', () => {
    expect(resolveByPath(null, '南川村', places)).toEqual({ ok: true, code: '620881101202', via: 'path' });
  });
  it('a near miss (a name that only begins like a real one) gets suggestions and is never assigned', () => {
    const r = resolveByPath('西华镇', '石门', places);
    expect(r).toMatchObject({ ok: false, problem: 'VILLAGE_NOT_FOUND', mappable: { town: '西华镇', village: '石门' } });
    expect(!r.ok && r.suggestions?.map((s) => s.code)).toEqual(['620881102201']);
    const t = resolveByPath('东华', '石门村', places);
    expect(t).toMatchObject({ ok: false, problem: 'TOWN_NOT_FOUND' });
    expect(!t.ok && t.suggestions?.map((s) => s.name)).toEqual(['东华镇']);
  });
  it('placeholder characters never match', () => {
    for (const [town, village] of [['安口镇', '石门_'], ['安口镇', '石门?'], ['安?镇', '石门村'], ['安口镇', '□'], ['安口镇', '石\uFFFD村']]) {
      expect(resolveByPath(town!, village!, places)).toMatchObject({ ok: false, problem: 'PLACE_PLACEHOLDER' });
    }
  });
  it('uses a name mapping the county made once', () => {
    expect(resolveByPath('西华', '老北坡', places)).toEqual({ ok: true, code: '620881102202', via: 'mapping' });
    expect(resolveByPath('西华', '老北坡村', places)).toMatchObject({ ok: false, problem: 'TOWN_NOT_FOUND' });
  });
});

describe('resolve by code', () => {
  const status = (c: string) => currentCodeOf(c.slice(0, 6), isCurrent, changesOf);
  it('finds a current code', () => {
    expect(resolveByCode('620881101201', null, status('620881101201'), places)).toEqual({ ok: true, code: '620881101201', via: 'code' });
  });
  it('maps an old county code to the current one with a warning when the village name agrees', () => {
    const r = resolveByCode('620824101201', '石门村', status('620824101201'), places);
    expect(r).toMatchObject({ ok: true, code: '620881101201', via: 'crosswalk', warning: { code: 'PLACE_CODE_REPLACED' } });
    expect(r.ok && r.warning?.message).toContain('民函〔2018〕109号');
  });
  it('holds an old code whose village name does not agree, or that has no name to check', () => {
    expect(resolveByCode('620824101201', '北坡村', status('620824101201'), places)).toMatchObject({ ok: false, problem: 'VILLAGE_CODE_RETIRED', suggestions: [{ code: '620881101201' }] });
    expect(resolveByCode('620824101201', null, status('620824101201'), places)).toMatchObject({ ok: false, problem: 'VILLAGE_CODE_RETIRED' });
  });
  it('holds unknown, split, malformed and placeholder codes with the reason', () => {
    expect(resolveByCode('620899101201', '石门村', status('620899101201'), null)).toMatchObject({ ok: false, problem: 'VILLAGE_CODE_UNKNOWN' });
    expect(resolveByCode('999901101201', '石门村', status('999901101201'), null)).toMatchObject({ ok: false, problem: 'VILLAGE_CODE_RETIRED' });
    expect(resolveByCode('620881101299', null, status('620881101299'), places)).toMatchObject({ ok: false, problem: 'VILLAGE_CODE_UNKNOWN' });
    expect(resolveByCode('62088110120', null, status('62088110120'), places)).toMatchObject({ ok: false, problem: 'VILLAGE_CODE_INVALID' });
    expect(resolveByCode('6208811012?1', null, status('620881'), places)).toMatchObject({ ok: false, problem: 'PLACE_PLACEHOLDER' });
  });
});

describe('ID numbers', () => {
  it('keep the area code they were issued under: a retired county code (华亭县 620824) is never checked against the current list', () => {
    // 62082419700101001 + check character by GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11)
    const first17 = '62082419700101001';
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((s, d, i) => s + Number(d) * W[i]!, 0);
    const id = first17 + '10X98765432'[sum % 11];
    const r = checkIdNumber(id, '2026-03-15');
    expect(r).toMatchObject({ ok: true, status: 'valid', idNumber: id, errors: [], warnings: [] });
  });
});
