/**
 * Screening rules R01–R05 at their edges, on hand-made facts or facts computed from members.
 * Default parameters: R02 margin 50 % and large fall 30 %, R05 share 50 %.
 */
import { describe, expect, it } from 'vitest';
import { computeHouseholdFacts, type FactsPerson, type HouseholdFacts } from '../facts';
import type { ResolvedThreshold } from '../thresholds';
import { basicNeedsRule } from './basic-needs.rule';
import { incomeBelowThresholdRule } from './income-below-threshold.rule';
import { incomeNearThresholdFallingRule } from './income-near-threshold-falling.rule';
import { medicalSpendingRule } from './medical-spending.rule';
import { noLabourRule } from './no-labour.rule';
import { DEFAULT_RULE_PARAMETERS } from './parameters';
import { RULESET_VERSION, SCREENING_RULES, screenHousehold, type RuleContext } from './index';

/** Threshold t = 7,300 yuan = 730,000 fen (Guizhou 2023, sourced). */
const T = 730_000;
const threshold = (over: Partial<ResolvedThreshold> = {}): ResolvedThreshold => ({
  valueFen: T, status: 'sourced', source: '测试来源', basis: 'province', provinceCode: '52', countyCode: null, year: 2025, ...over,
});
const ctx = (over: Partial<ResolvedThreshold> = {}): RuleContext => ({ threshold: threshold(over), params: { ...DEFAULT_RULE_PARAMETERS } });

const facts = (over: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  year: 2025, memberCount: 2, labourCount: 2, netIncomeFen: 2 * 1_000_000, perCapitaNetIncomeFen: 1_000_000, incomeIssue: null,
  prevPerCapitaNetIncomeFen: null, compliantOutOfPocketFen: 0, childrenOutOfSchool: 0, membersWithoutMedicalInsurance: 0,
  housingSafe: true, safeDrinkingWater: true, seriousIllnessMembers: 0, disabledMembers: 0, ...over,
});
const person = (over: Partial<FactsPerson> = {}): FactsPerson => ({
  birthDate: '1980-05-05', labourSkill: 'ordinary', healthStatus: 'healthy', schoolStage: 'notInSchool', residentMedicalInsurance: true, employeeMedicalInsurance: false, ...over,
});
const income = (wageFen: number, compliantOutOfPocketFen = 0) => ({ wageFen, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0, compliantOutOfPocketFen });

describe('default parameters', () => {
  it('are margin 50 %, large fall 30 %, medical share 50 %', () => {
    expect(DEFAULT_RULE_PARAMETERS).toEqual({ nearThresholdMarginPercent: 50, largeFallPercent: 30, medicalSpendingSharePercent: 50 });
  });
  it('the rule set lists R01–R05 in order with their versions', () => {
    expect(SCREENING_RULES.map((r) => r.id)).toEqual(['R01', 'R02', 'R03', 'R04', 'R05']);
    expect(RULESET_VERSION).toBe('R01@1,R02@1,R03@2,R04@1,R05@1');
    for (const r of SCREENING_RULES) expect(r.source.length).toBeGreaterThan(0);
  });
});

describe('R01 income below the threshold', () => {
  it('exactly at the threshold is not below it', () => {
    // 2 members × 730,000 = 1,460,000 → per capita 730,000 = t
    const f = computeHouseholdFacts(2025, { dangerousHouse: false, safeDrinkingWater: true }, [person(), person()], income(1_460_000), null);
    expect(f.perCapitaNetIncomeFen).toBe(730_000);
    const v = incomeBelowThresholdRule.evaluate(f, ctx());
    expect(v.outcome).toBe('clear');
    expect(v.riskTypes).toEqual([]);
  });

  it('one fen below is flagged', () => {
    const v = incomeBelowThresholdRule.evaluate(facts({ perCapitaNetIncomeFen: T - 1, netIncomeFen: 2 * (T - 1) }), ctx());
    expect(v.outcome).toBe('flagged');
    expect(v.riskTypes).toEqual(['other']);
    expect(v.threshold).toEqual({ valueFen: 730_000, status: 'sourced', source: '测试来源' });
    expect(v.usesPlaceholderThreshold).toBe(false);
    // the summary shows the figures in yuan: 7,299.99 below 7,300.00
    expect(v.summary).toContain('7,299.99');
    expect(v.summary).toContain('7,300.00');
  });

  it('a computed per-capita one fen below: 2,189,997 / 3 = 729,999 → flagged', () => {
    const f = computeHouseholdFacts(2025, { dangerousHouse: false, safeDrinkingWater: true }, [person(), person(), person()], income(2_189_997), null);
    expect(f.perCapitaNetIncomeFen).toBe(729_999);
    expect(incomeBelowThresholdRule.evaluate(f, ctx()).outcome).toBe('flagged');
  });

  it('negative income is flagged', () => {
    expect(incomeBelowThresholdRule.evaluate(facts({ perCapitaNetIncomeFen: -20_000, netIncomeFen: -60_000, memberCount: 3 }), ctx()).outcome).toBe('flagged');
  });

  it('a placeholder threshold marks the verdict', () => {
    const v = incomeBelowThresholdRule.evaluate(facts(), ctx({ status: 'placeholder', valueFen: 600_000, basis: 'nationalPlaceholder' }));
    expect(v.usesPlaceholderThreshold).toBe(true);
    expect(v.threshold?.status).toBe('placeholder');
    // a confirmed one does not
    expect(incomeBelowThresholdRule.evaluate(facts(), ctx({ status: 'confirmed' })).usesPlaceholderThreshold).toBe(false);
  });

  it('no income: noData, never flagged', () => {
    const f = computeHouseholdFacts(2025, { dangerousHouse: false, safeDrinkingWater: true }, [person()], null, null);
    const v = incomeBelowThresholdRule.evaluate(f, ctx());
    expect(v.outcome).toBe('noData');
    expect(v.riskTypes).toEqual([]);
    expect(v.summary).toContain('2025');
  });

  it('no members: noData, with its own reason', () => {
    const f = computeHouseholdFacts(2025, { dangerousHouse: false, safeDrinkingWater: true }, [], income(900_000), null);
    const v = incomeBelowThresholdRule.evaluate(f, ctx());
    expect(v.outcome).toBe('noData');
    expect(v.summary).toContain('无成员');
  });

  it('the clear-if text gives the household net income needed: 7,300 × 2 = 14,600.00 yuan', () => {
    expect(incomeBelowThresholdRule.evaluate(facts({ perCapitaNetIncomeFen: 500_000 }), ctx()).clearIf).toContain('14,600.00');
  });
});

describe('R02 just above the threshold and falling', () => {
  // upper = t × 1.5 = 730,000 + 365,000 = 1,095,000
  const r02 = (cur: number | null, prev: number | null, over: Partial<ResolvedThreshold> = {}) =>
    incomeNearThresholdFallingRule.evaluate(facts({ perCapitaNetIncomeFen: cur, prevPerCapitaNetIncomeFen: prev }), ctx(over));

  it('at the threshold with a 40 % fall is flagged: (1,216,667 − 730,000) / 1,216,667 = 40.0 %', () => {
    const v = r02(730_000, 1_216_667);
    expect(v.outcome).toBe('flagged');
    expect(v.riskTypes).toEqual(['unstableEmployment']);
  });

  it('one fen below 1.5 t (1,094,999) with a fall ≥ 30 % is flagged: prev 1,600,000, fall 505,001 / 1,600,000 = 31.6 %', () => {
    expect(r02(1_094_999, 1_600_000).outcome).toBe('flagged');
  });

  it('exactly 1.5 t (1,095,000) is outside the band: clear, whatever the fall', () => {
    expect(r02(1_095_000, 5_000_000).outcome).toBe('clear');
  });

  it('below the threshold is R01, not R02', () => {
    expect(r02(729_999, 5_000_000).outcome).toBe('clear');
  });

  it('a fall of exactly 30 % is flagged: prev 1,200,000 → cur 840,000', () => {
    // (1,200,000 − 840,000) / 1,200,000 = 360,000 / 1,200,000 = 30 % exactly; 730,000 ≤ 840,000 < 1,095,000
    const v = r02(840_000, 1_200_000);
    expect(v.outcome).toBe('flagged');
    expect(v.inputs.find((i) => i.key === 'fallPercent')?.value).toBe(30);
  });

  it('a fall of 29.99 % is not: prev 1,200,000 → cur 840,120 (359,880 / 1,200,000 = 29.99 %)', () => {
    const v = r02(840_120, 1_200_000);
    expect(v.outcome).toBe('clear');
    expect(v.inputs.find((i) => i.key === 'fallPercent')?.value).toBe(29.99);
  });

  it('one fen less of a fall than 30 % is not flagged: prev 1,200,000 → cur 840,001', () => {
    // 359,999 × 100 = 35,999,900 < 30 × 1,200,000 = 36,000,000
    expect(r02(840_001, 1_200_000).outcome).toBe('clear');
  });

  it('a rise is not a fall', () => {
    expect(r02(800_000, 700_000).outcome).toBe('clear');
  });

  it('missing either year is noData', () => {
    expect(r02(800_000, null).outcome).toBe('noData');
    expect(r02(null, 1_200_000).outcome).toBe('noData');
  });

  it('the upper bound follows the threshold: t = 600,000 placeholder → band [600,000, 900,000)', () => {
    const p = { valueFen: 600_000, status: 'placeholder' as const };
    expect(r02(899_999, 2_000_000, p).outcome).toBe('flagged');
    expect(r02(900_000, 2_000_000, p).outcome).toBe('clear');
    expect(r02(899_999, 2_000_000, p).usesPlaceholderThreshold).toBe(true);
    expect(r02(899_999, 2_000_000, p).inputs.find((i) => i.key === 'upperFen')?.value).toBe(900_000);
  });

  it('uses the configured parameters', () => {
    // margin 20 %: upper = 730,000 + 146,000 = 876,000; fall 50 %
    const c: RuleContext = { threshold: threshold(), params: { nearThresholdMarginPercent: 20, largeFallPercent: 50, medicalSpendingSharePercent: 50 } };
    const f = (cur: number, prev: number) => incomeNearThresholdFallingRule.evaluate(facts({ perCapitaNetIncomeFen: cur, prevPerCapitaNetIncomeFen: prev }), c).outcome;
    expect(f(875_999, 1_751_998)).toBe('flagged'); // fall exactly 50 %
    expect(f(876_000, 1_752_000)).toBe('clear'); // at the upper bound
    expect(f(800_000, 1_599_999)).toBe('clear'); // fall 799,999 / 1,599,999 < 50 %
  });
});

describe('R03 no labour', () => {
  const safe = { dangerousHouse: false, safeDrinkingWater: true };
  it('zero labour is flagged', () => {
    const f = computeHouseholdFacts(2025, safe, [person({ labourSkill: 'lost' }), person({ labourSkill: 'none' })], income(1_000_000), null);
    const v = noLabourRule.evaluate(f, ctx());
    expect(v.outcome).toBe('flagged');
    expect(v.riskTypes).toEqual(['lackOfLabour']);
  });
  it('one ordinary labourer clears it', () => {
    const f = computeHouseholdFacts(2025, safe, [person({ labourSkill: 'lost' }), person({ labourSkill: 'ordinary' })], income(1_000_000), null);
    expect(noLabourRule.evaluate(f, ctx()).outcome).toBe('clear');
  });
  it('one skilled labourer clears it', () => {
    const f = computeHouseholdFacts(2025, safe, [person({ labourSkill: 'skilled' })], income(1_000_000), null);
    expect(noLabourRule.evaluate(f, ctx()).outcome).toBe('clear');
  });
  it('weak or half labour does not count', () => {
    const f = computeHouseholdFacts(2025, safe, [person({ labourSkill: 'weakOrHalf' }), person({ labourSkill: 'weakOrHalf' })], income(1_000_000), null);
    expect(f.labourCount).toBe(0);
    expect(noLabourRule.evaluate(f, ctx()).outcome).toBe('flagged');
  });
  it('no members is noData, not flagged', () => {
    const f = computeHouseholdFacts(2025, safe, [], income(1_000_000), null);
    expect(noLabourRule.evaluate(f, ctx()).outcome).toBe('noData');
  });
  it('fires only with income below the top of the near-threshold band (t = 730,000: upper = 730,000 + 365,000 = 1,095,000)', () => {
    const r = (pc: number | null) => noLabourRule.evaluate(facts({ labourCount: 0, perCapitaNetIncomeFen: pc, netIncomeFen: pc === null ? null : pc * 2 }), ctx());
    expect(r(1_094_999).outcome).toBe('flagged'); // one fen below the band's top
    expect(r(1_095_000).outcome).toBe('clear'); // at the band's top
    expect(r(3_000_000).outcome).toBe('clear'); // well-off household without labour (pensions, transfers)
    expect(r(729_999).outcome).toBe('flagged'); // below the threshold: R01 flags it too, R03 adds the risk type
    expect(r(null).outcome).toBe('noData'); // no income figure: cannot say
    expect(r(1_094_999).inputs.find((i) => i.key === 'upperFen')!.value).toBe(1_095_000);
  });
  it('the band follows the margin parameter: margin 20 % → upper 876,000', () => {
    const c: RuleContext = { threshold: threshold(), params: { nearThresholdMarginPercent: 20, largeFallPercent: 30, medicalSpendingSharePercent: 50 } };
    expect(noLabourRule.evaluate(facts({ labourCount: 0, perCapitaNetIncomeFen: 875_999 }), c).outcome).toBe('flagged');
    expect(noLabourRule.evaluate(facts({ labourCount: 0, perCapitaNetIncomeFen: 876_000 }), c).outcome).toBe('clear');
  });
});

describe('R04 basic needs (三保障 and drinking water)', () => {
  const safe = { dangerousHouse: false, safeDrinkingWater: true };
  it('clear when every need is met', () => {
    const v = basicNeedsRule.evaluate(facts(), ctx());
    expect(v.outcome).toBe('clear');
    expect(v.riskTypes).toEqual([]);
  });
  it.each([
    ['a child out of school', { childrenOutOfSchool: 1 }, 'educationCosts'],
    ['a member without medical insurance', { membersWithoutMedicalInsurance: 1 }, 'illness'],
    ['a dangerous house', { housingSafe: false }, 'housingSafety'],
    ['no safe drinking water', { safeDrinkingWater: false }, 'drinkingWater'],
  ] as const)('flags %s', (_what, over, risk) => {
    const v = basicNeedsRule.evaluate(facts(over), ctx());
    expect(v.outcome).toBe('flagged');
    expect(v.riskTypes).toEqual([risk]);
  });
  it('lists every gap', () => {
    const v = basicNeedsRule.evaluate(facts({ childrenOutOfSchool: 2, membersWithoutMedicalInsurance: 1, housingSafe: false, safeDrinkingWater: false }), ctx());
    expect(v.riskTypes).toEqual(['educationCosts', 'illness', 'housingSafety', 'drinkingWater']);
  });
  it('a child of 6 on 1 September not in school is flagged; one day too young is not', () => {
    // born 2019-09-01: 6 on 2025-09-01; born 2019-09-02: 5
    const six = computeHouseholdFacts(2025, safe, [person(), person({ birthDate: '2019-09-01', labourSkill: 'none', schoolStage: 'notInSchool' })], income(2_000_000), null);
    expect(basicNeedsRule.evaluate(six, ctx()).outcome).toBe('flagged');
    const five = computeHouseholdFacts(2025, safe, [person(), person({ birthDate: '2019-09-02', labourSkill: 'none', schoolStage: 'notInSchool' })], income(2_000_000), null);
    expect(basicNeedsRule.evaluate(five, ctx()).outcome).toBe('clear');
  });
  it('a youth of 16 on 1 September out of school is not flagged; 15 is', () => {
    // born 2009-09-01: 16 on 2025-09-01; born 2009-09-02: 15
    const sixteen = computeHouseholdFacts(2025, safe, [person(), person({ birthDate: '2009-09-01', schoolStage: 'notInSchool' })], income(2_000_000), null);
    expect(basicNeedsRule.evaluate(sixteen, ctx()).outcome).toBe('clear');
    const fifteen = computeHouseholdFacts(2025, safe, [person(), person({ birthDate: '2009-09-02', schoolStage: 'notInSchool' })], income(2_000_000), null);
    expect(basicNeedsRule.evaluate(fifteen, ctx()).outcome).toBe('flagged');
  });
  it('a child of 10 in primary school is not flagged', () => {
    const f = computeHouseholdFacts(2025, safe, [person(), person({ birthDate: '2015-01-01', schoolStage: 'primary' })], income(2_000_000), null);
    expect(basicNeedsRule.evaluate(f, ctx()).outcome).toBe('clear');
  });
  it('no members is noData', () => {
    expect(basicNeedsRule.evaluate(facts({ memberCount: 0, labourCount: 0 }), ctx()).outcome).toBe('noData');
  });
});

describe('R05 compliant out-of-pocket medical spending', () => {
  const r05 = (net: number | null, oop: number) => medicalSpendingRule.evaluate(facts({ netIncomeFen: net, compliantOutOfPocketFen: oop }), ctx());
  it('exactly 50 % of net income is flagged: 500,000 of 1,000,000', () => {
    const v = r05(1_000_000, 500_000);
    expect(v.outcome).toBe('flagged');
    expect(v.riskTypes).toEqual(['illness']);
  });
  it('one fen less is not: 499,999 of 1,000,000', () => {
    expect(r05(1_000_000, 499_999).outcome).toBe('clear');
  });
  it('odd net income: 50 % of 1,000,001 is 500,000.5 → 500,000 not flagged, 500,001 flagged', () => {
    expect(r05(1_000_001, 500_000).outcome).toBe('clear');
    expect(r05(1_000_001, 500_001).outcome).toBe('flagged');
  });
  it('net income ≤ 0 with any spending is flagged', () => {
    expect(r05(0, 1).outcome).toBe('flagged');
    expect(r05(-60_000, 100).outcome).toBe('flagged');
  });
  it('no spending is never flagged', () => {
    expect(r05(0, 0).outcome).toBe('clear');
    expect(r05(-60_000, 0).outcome).toBe('clear');
  });
  it('no income record is noData', () => {
    expect(r05(null, 500_000).outcome).toBe('noData');
  });
});

describe('screenHousehold', () => {
  it('returns one verdict per rule in order, with rule versions', () => {
    const out = screenHousehold(facts({ perCapitaNetIncomeFen: 500_000, netIncomeFen: 1_000_000, labourCount: 0 }), ctx());
    expect(out.map((o) => [o.ruleId, o.ruleVersion, o.verdict.outcome])).toEqual([
      ['R01', '1', 'flagged'],
      ['R02', '1', 'noData'],
      ['R03', '2', 'flagged'],
      ['R04', '1', 'clear'],
      ['R05', '1', 'clear'],
    ]);
  });
});
