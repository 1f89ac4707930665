/**
 * Data-quality checks on hand-built households (as of 2026-03-15): each finding with its facts, and
 * the catalogue (at least 30 checks, each with an id, a Chinese name and a source).
 */
import { describe, expect, it } from 'vitest';
import { CHECKS, runChecks, type CheckHousehold, type CheckMember } from './checks';

const asOf = '2026-03-15';
const m = (over: Partial<CheckMember> = {}): CheckMember => ({
  name: '成员', idMasked: '522633**********12', idStatus: 'valid', birthDate: '1980-01-01', relationToHead: 'spouse', healthStatus: 'healthy', disabilityGrade: null, labourSkill: 'ordinary',
  schoolStage: 'notInSchool', workPlace: null, residentMedicalInsurance: 1, employeeMedicalInsurance: 0, dibao: 0, tekun: 0, ...over,
});
const h = (over: Partial<CheckHousehold> = {}): CheckHousehold => ({
  householdId: 1, householdNo: 'H1', countyCode: '522633', villageCode: '522633100207', householdType: 'ordinaryRural', monitoredCategory: null, riskTypes: [], identifiedMonth: null,
  riskEliminated: false, eliminationMode: null, eliminatedMonth: null, farmlandMu: 3, forestMu: 5, dangerousHouse: false, distanceToRoadKm: 1, safeDrinkingWater: true, memberCount: 2,
  members: [m({ relationToHead: 'head' }), m()], perCapitaNetIncomeFen: 1_000_000, thresholdFen: 730_000, measures: null, ...over,
});
const ids = (x: CheckHousehold) => runChecks(x, asOf).map((f) => f.checkId);

describe('data-quality checks', () => {
  it('catalogue: at least 30 checks, unique ids, Chinese names and sources', () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    for (const c of CHECKS) {
      expect(c.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.source.length).toBeGreaterThan(3);
    }
  });
  it('a clean household raises nothing', () => {
    expect(ids(h())).toEqual([]);
  });
  it('household integrity: two heads, no head, no members, size mismatch', () => {
    expect(ids(h({ members: [m({ relationToHead: 'head' }), m({ relationToHead: 'head' })] }))).toEqual(['Q02']);
    expect(ids(h({ members: [m(), m()] }))).toEqual(['Q03']);
    expect(ids(h({ members: [], memberCount: 0 }))).toEqual(['Q04']);
    expect(runChecks(h({ memberCount: 5 }), asOf)).toMatchObject([{ checkId: 'Q06', facts: '登记家庭人口 5 人,成员名单 2 人' }]);
  });
  it('Q07: a 脱贫户 below the threshold (6,500 < 7,300 yuan) but not monitored', () => {
    expect(runChecks(h({ householdType: 'liftedOutOfPoverty', perCapitaNetIncomeFen: 650_000 }), asOf)).toMatchObject([{ checkId: 'Q07', facts: '人均纯收入 6,500.00 元,低于监测范围 7,300.00 元' }]);
  });
  it('Q08: assistance elimination 2025-01 → 2025-05 is 4 months (< 6)', () => {
    const x = h({ monitoredCategory: 'marginalVulnerable', riskTypes: ['illness'], identifiedMonth: '2025-01', riskEliminated: true, eliminationMode: 'assistance', eliminatedMonth: '2025-05' });
    expect(runChecks(x, asOf)).toMatchObject([{ checkId: 'Q08', facts: '识别 2025-01,消除 2025-05,相隔 4 个月' }]);
  });
  it('labour and school stage against age and health', () => {
    // Q14: 缺劳动力 with 2 of 2 members ordinary labour (2 × 4 > 2)
    expect(ids(h({ monitoredCategory: 'marginalVulnerable', identifiedMonth: '2025-01', riskTypes: ['lackOfLabour'] }))).toEqual(['Q14']);
    expect(ids(h({ members: [m({ relationToHead: 'head', labourSkill: 'weakOrHalf' }), m()] }))).toEqual(['Q16']);
    // born 2005-06-01: 20 on 2026-03-15, recorded in 初中 (12–17)
    expect(ids(h({ members: [m({ relationToHead: 'head' }), m({ birthDate: '2005-06-01', schoolStage: 'juniorSecondary' })] }))).toEqual(['Q17']);
    // born 2015-01-01: 11, not in school → compulsory-age child out of school
    expect(ids(h({ members: [m({ relationToHead: 'head' }), m({ birthDate: '2015-01-01', labourSkill: 'none' })] }))).toEqual(['Q22']);
    expect(ids(h({ members: [m({ relationToHead: 'head', healthStatus: 'disabled' }), m()] }))).toEqual(['Q23']);
  });
  it('measure checks run only when the source lists measures', () => {
    const base = { monitoredCategory: 'marginalVulnerable', identifiedMonth: '2025-01', riskTypes: ['illness'] };
    expect(ids(h({ ...base, measures: null }))).toEqual([]);
    expect(ids(h({ ...base, measures: ['产业帮扶'] }))).toEqual(['Q34']);
    expect(ids(h({ ...base, measures: ['健康帮扶'] }))).toEqual([]);
    expect(ids(h({ ...base, measures: ['综合保障'] }))).toEqual(['Q39']);
  });
  it('ranges: farmland over 100 mu for a 脱贫户, road over 5 km', () => {
    expect(ids(h({ householdType: 'liftedOutOfPoverty', farmlandMu: 120, distanceToRoadKm: 6.5 }))).toEqual(['Q25', 'Q27']);
  });
});
