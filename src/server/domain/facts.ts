/**
 * Household-level facts (户级事实) for one year, derived from the roster, the income records and the
 * household's living conditions. They are maintained at write time (whenever a member, an income record
 * or the household changes) and stored, so that screening and figures never recompute them from persons
 * at read time. Pure: the caller supplies every input.
 */
import type { HealthStatus, LabourSkill, SchoolStage } from '../../shared/enums';
import { ageOn } from './id-number';
import { perCapitaNetIncome, type IncomeAmounts, type IncomeIssue } from './income';

/** What the facts need of a member. */
export interface FactsPerson {
  birthDate: string;
  labourSkill: LabourSkill;
  healthStatus: HealthStatus;
  schoolStage: SchoolStage;
  residentMedicalInsurance: boolean;
  employeeMedicalInsurance: boolean;
}

/** What the facts need of the household. */
export interface FactsHousehold {
  dangerousHouse: boolean;
  safeDrinkingWater: boolean;
}

/** Facts of one household-year. Money in fen, counts in persons. */
export interface HouseholdFacts {
  year: number;
  memberCount: number;
  /** Members whose labour skill is 普通劳动力 or 技能劳动力. */
  labourCount: number;
  netIncomeFen: number | null;
  perCapitaNetIncomeFen: number | null;
  incomeIssue: IncomeIssue | null;
  /** Per-capita net income of the previous year, when it could be computed. */
  prevPerCapitaNetIncomeFen: number | null;
  /** 合规自付支出 of the year (medical), fen. */
  compliantOutOfPocketFen: number;
  /** Children of compulsory-education age (6–15 on 1 September of the year) recorded as 非在校生. */
  childrenOutOfSchool: number;
  /** Members with neither resident nor employee basic medical insurance. */
  membersWithoutMedicalInsurance: number;
  housingSafe: boolean;
  safeDrinkingWater: boolean;
  seriousIllnessMembers: number;
  disabledMembers: number;
}

/** Labour skills that count as able to work (劳动力). */
export const LABOUR_FORCE_SKILLS: ReadonlySet<LabourSkill> = new Set(['ordinary', 'skilled']);

/**
 * Computes the facts of a household for `year`.
 * Compulsory education: 义务教育法 art. 11 (school from age 6, nine years), so ages 6–15 on 1 September.
 * @param income the year's amounts or null; `prevIncome` the previous year's or null
 */
export function computeHouseholdFacts(
  year: number,
  household: FactsHousehold,
  members: readonly FactsPerson[],
  income: (IncomeAmounts & { compliantOutOfPocketFen: number }) | null,
  prevIncome: IncomeAmounts | null,
): HouseholdFacts {
  const schoolDay = `${year}-09-01`;
  let labourCount = 0;
  let childrenOutOfSchool = 0;
  let uninsured = 0;
  let serious = 0;
  let disabled = 0;
  for (const m of members) {
    if (LABOUR_FORCE_SKILLS.has(m.labourSkill)) labourCount++;
    const age = ageOn(m.birthDate, schoolDay);
    if (age >= 6 && age <= 15 && m.schoolStage === 'notInSchool') childrenOutOfSchool++;
    if (!m.residentMedicalInsurance && !m.employeeMedicalInsurance) uninsured++;
    if (m.healthStatus === 'seriousIllness') serious++;
    if (m.healthStatus === 'disabled') disabled++;
  }
  const current = perCapitaNetIncome(income, members.length);
  const prev = prevIncome ? perCapitaNetIncome(prevIncome, members.length) : null;
  return {
    year,
    memberCount: members.length,
    labourCount,
    netIncomeFen: current.netIncomeFen,
    perCapitaNetIncomeFen: current.perCapitaNetIncomeFen,
    incomeIssue: current.ok ? null : current.issue,
    prevPerCapitaNetIncomeFen: prev && prev.ok ? prev.perCapitaNetIncomeFen : null,
    compliantOutOfPocketFen: income?.compliantOutOfPocketFen ?? 0,
    childrenOutOfSchool,
    membersWithoutMedicalInsurance: uninsured,
    housingSafe: !household.dangerousHouse,
    safeDrinkingWater: household.safeDrinkingWater,
    seriousIllnessMembers: serious,
    disabledMembers: disabled,
  };
}
