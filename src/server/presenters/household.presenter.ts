/**
 * Rows → DTOs of the registry. ID numbers leave only in their stored masked form (`522633**********1X`);
 * the protected columns are never selected by the repositories' public column lists.
 */
import type { HouseholdDetailDto, IncomeDto, PersonDto, VerdictDto } from '../../shared/api';
import type { HealthStatus, HouseholdType, LabourSkill, MonitoredCategory, RelationToHead, RiskType, SchoolStage, Sex, IdNumberStatus, EducationLevel } from '../../shared/enums';
import { ageOn } from '../domain/id-number';
import { netIncomeFen, perCapitaNetIncome } from '../domain/income';
import { SCREENING_RULES } from '../domain/rules';
import type { Verdict } from '../domain/rules/rule';
import type { HouseholdRow, IncomeRow, PersonPublicRow } from '../repositories/household.repository';
import type { FactRow, ResultRow } from '../repositories/screening.repository';

/** Splits a stored comma list of risk types. */
export const riskTypesOf = (s: string | null): RiskType[] => (s ? (s.split(',').filter(Boolean) as RiskType[]) : []);

/** One member for display; `asOf` (ISO date) gives the age. */
export function presentPerson(p: PersonPublicRow, asOf: string): PersonDto {
  return {
    id: p.id, name: p.name, idNumberMasked: p.idMasked, idNumberStatus: p.idStatus as IdNumberStatus, sex: p.sex as Sex, birthDate: p.birthDate,
    age: ageOn(p.birthDate, asOf), relationToHead: p.relationToHead as RelationToHead, ethnicity: p.ethnicity, education: p.education as EducationLevel | null,
    schoolStage: p.schoolStage as SchoolStage, healthStatus: p.healthStatus as HealthStatus, disabilityGrade: p.disabilityGrade,
    labourSkill: p.labourSkill as LabourSkill, workPlace: p.workPlace, residentMedicalInsurance: p.residentMedicalInsurance === 1,
    employeeMedicalInsurance: p.employeeMedicalInsurance === 1, dibao: p.dibao === 1, tekun: p.tekun === 1,
  };
}

/** One income year with net and per-capita figures (fen). */
export function presentIncome(r: IncomeRow, memberCount: number): IncomeDto {
  const pc = perCapitaNetIncome(r, memberCount);
  return {
    year: r.year, wageFen: r.wageFen, businessIncomeFen: r.businessIncomeFen, businessExpensesFen: r.businessExpensesFen, propertyFen: r.propertyFen,
    transferFen: r.transferFen, compliantOutOfPocketFen: r.compliantOutOfPocketFen, netIncomeFen: netIncomeFen(r), perCapitaNetIncomeFen: pc.perCapitaNetIncomeFen,
  };
}

/** The stored verdicts of a screening result, with rule names and sources. */
export function presentVerdicts(result: ResultRow | undefined): VerdictDto[] {
  if (!result) return [];
  const stored = JSON.parse(result.verdicts) as { ruleId: string; ruleVersion: string; verdict: Verdict }[];
  return stored.map((s) => {
    const rule = SCREENING_RULES.find((r) => r.id === s.ruleId);
    return {
      ruleId: s.ruleId, ruleName: rule?.name ?? s.ruleId, ruleVersion: s.ruleVersion, source: rule?.source ?? '', outcome: s.verdict.outcome,
      riskTypes: s.verdict.riskTypes,
      explanation: { summary: s.verdict.summary, inputs: s.verdict.inputs, threshold: s.verdict.threshold, clearIf: s.verdict.clearIf },
      usesPlaceholderThreshold: s.verdict.usesPlaceholderThreshold, screenedAt: result.screenedAt,
    };
  });
}

/** The household page. */
export function presentHousehold(
  h: HouseholdRow,
  regionPath: HouseholdDetailDto['regionPath'],
  members: PersonPublicRow[],
  incomes: IncomeRow[],
  fact: FactRow | undefined,
  result: ResultRow | undefined,
  asOf: string,
): HouseholdDetailDto {
  return {
    id: h.id, householdNo: h.householdNo, regionPath, householdType: h.householdType as HouseholdType, monitoredCategory: h.monitoredCategory as MonitoredCategory | null,
    riskTypes: riskTypesOf(h.riskTypes), identifiedMonth: h.identifiedMonth, riskEliminated: h.riskEliminated === 1,
    eliminationMode: h.eliminationMode as 'assistance' | 'natural' | null, eliminatedMonth: h.eliminatedMonth, farmlandMu: h.farmlandMu, forestMu: h.forestMu,
    housingAreaM2: h.housingAreaM2, dangerousHouse: h.dangerousHouse === 1, safeDrinkingWater: h.safeDrinkingWater === 1, sanitaryToilet: h.sanitaryToilet === 1,
    members: members.map((m) => presentPerson(m, asOf)),
    incomes: incomes.map((r) => presentIncome(r, members.length)),
    facts: fact ? { year: fact.year, memberCount: fact.memberCount, labourCount: fact.labourCount, perCapitaNetIncomeFen: fact.perCapitaNetIncomeFen } : null,
    verdicts: presentVerdicts(result),
    isDemo: h.isDemo === 1,
  };
}
