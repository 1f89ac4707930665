/**
 * computeHouseholdFacts: labour, school-age children out of school (6–15 on 1 September), insurance,
 * housing and water, income figures of the year and the year before.
 */
import { describe, expect, it } from 'vitest';
import { computeHouseholdFacts, type FactsPerson } from './facts';

const m = (over: Partial<FactsPerson> = {}): FactsPerson => ({
  birthDate: '1980-01-01', labourSkill: 'ordinary', healthStatus: 'healthy', schoolStage: 'notInSchool',
  residentMedicalInsurance: true, employeeMedicalInsurance: false, ...over,
});
const safe = { dangerousHouse: false, safeDrinkingWater: true };
const inc = (wageFen: number, compliantOutOfPocketFen = 0) => ({ wageFen, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0, compliantOutOfPocketFen });

describe('computeHouseholdFacts', () => {
  it('computes the income figures of the year and the previous year on the current roster', () => {
    // 3 members; 2025 net 2,100,000 → 700,000 each; 2024 net 3,000,000 / 3 = 1,000,000
    const f = computeHouseholdFacts(2025, safe, [m(), m(), m()], inc(2_100_000, 12_345), inc(3_000_000));
    expect(f).toEqual({
      year: 2025, memberCount: 3, labourCount: 3, netIncomeFen: 2_100_000, perCapitaNetIncomeFen: 700_000, incomeIssue: null,
      prevPerCapitaNetIncomeFen: 1_000_000, compliantOutOfPocketFen: 12_345, childrenOutOfSchool: 0, membersWithoutMedicalInsurance: 0,
      housingSafe: true, safeDrinkingWater: true, seriousIllnessMembers: 0, disabledMembers: 0,
    });
  });

  it('counts ordinary and skilled labour only', () => {
    const f = computeHouseholdFacts(2025, safe, [m({ labourSkill: 'skilled' }), m({ labourSkill: 'ordinary' }), m({ labourSkill: 'weakOrHalf' }), m({ labourSkill: 'lost' }), m({ labourSkill: 'none' })], inc(0), null);
    expect(f.labourCount).toBe(2);
    expect(f.memberCount).toBe(5);
  });

  it('counts children aged 6 to 15 on 1 September of the year who are not in school', () => {
    const year = 2025;
    const members = [
      m({ birthDate: '2019-09-01' }), // 6 on 2025-09-01 → counted
      m({ birthDate: '2019-09-02' }), // 5 on 2025-09-01 → not
      m({ birthDate: '2009-09-02' }), // 15 on 2025-09-01 → counted
      m({ birthDate: '2009-09-01' }), // 16 on 2025-09-01 → not
      m({ birthDate: '2015-03-01', schoolStage: 'primary' }), // 10, in school → not
    ];
    expect(computeHouseholdFacts(year, safe, members, inc(0), null).childrenOutOfSchool).toBe(2);
  });

  it('counts members with neither resident nor employee medical insurance', () => {
    const members = [
      m({ residentMedicalInsurance: false, employeeMedicalInsurance: false }),
      m({ residentMedicalInsurance: false, employeeMedicalInsurance: true }),
      m({ residentMedicalInsurance: true, employeeMedicalInsurance: false }),
    ];
    expect(computeHouseholdFacts(2025, safe, members, inc(0), null).membersWithoutMedicalInsurance).toBe(1);
  });

  it('takes housing and water from the household, illness and disability from members', () => {
    const f = computeHouseholdFacts(2025, { dangerousHouse: true, safeDrinkingWater: false }, [m({ healthStatus: 'seriousIllness' }), m({ healthStatus: 'disabled' }), m({ healthStatus: 'disabled' }), m({ healthStatus: 'chronicIllness' })], inc(0), null);
    expect(f.housingSafe).toBe(false);
    expect(f.safeDrinkingWater).toBe(false);
    expect(f.seriousIllnessMembers).toBe(1);
    expect(f.disabledMembers).toBe(2);
  });

  it('no income record: INCOME_MISSING, figures null, out-of-pocket 0', () => {
    const f = computeHouseholdFacts(2025, safe, [m()], null, inc(500_000));
    expect(f.netIncomeFen).toBeNull();
    expect(f.perCapitaNetIncomeFen).toBeNull();
    expect(f.incomeIssue).toBe('INCOME_MISSING');
    expect(f.compliantOutOfPocketFen).toBe(0);
    expect(f.prevPerCapitaNetIncomeFen).toBe(500_000);
  });

  it('no members: HOUSEHOLD_NO_MEMBERS, net income kept, no previous per-capita', () => {
    const f = computeHouseholdFacts(2025, safe, [], inc(900_000), inc(900_000));
    expect(f.memberCount).toBe(0);
    expect(f.labourCount).toBe(0);
    expect(f.netIncomeFen).toBe(900_000);
    expect(f.perCapitaNetIncomeFen).toBeNull();
    expect(f.incomeIssue).toBe('HOUSEHOLD_NO_MEMBERS');
    expect(f.prevPerCapitaNetIncomeFen).toBeNull();
  });

  it('negative income stays negative', () => {
    // −60,000 / 3 = −20,000
    const f = computeHouseholdFacts(2025, safe, [m(), m(), m()], inc(-60_000), null);
    expect(f.perCapitaNetIncomeFen).toBe(-20_000);
    expect(f.incomeIssue).toBeNull();
  });
});
