/**
 * Risk elimination criteria (风险消除), each shown with its evidence. Source: 中农组发〔2021〕7号, as
 * summarised in national-system-exports.md (Procedure facts): monitored at least 6 months and at least
 * one measure in place (帮扶消除); income stably above the monitoring threshold; large rigid expenses
 * resolved; 三保障 and drinking water secured. Households with no labour capacity are not marked
 * eliminated (they stay under monitoring with social-security support). There is no quota.
 */
import type { EliminationMode } from '../../../shared/workflow';

/** The inputs of an assessment. Money in fen per person per year; dates ISO. */
export interface EliminationInputs {
  mode: EliminationMode;
  /** month the household was enrolled (YYYY-MM) */
  identifiedMonth: string | null;
  /** the day of the assessment */
  asOf: string;
  minMonths: number;
  measuresInPlace: number;
  labourCount: number;
  /** latest year with household facts, and its figures */
  factsYear: number | null;
  perCapitaNetIncomeFen: number | null;
  thresholdFen: number;
  thresholdIsPlaceholder: boolean;
  thresholdSource: string;
  netIncomeFen: number | null;
  compliantOutOfPocketFen: number;
  medicalSharePercent: number;
  childrenOutOfSchool: number;
  membersWithoutMedicalInsurance: number;
  housingSafe: boolean;
  safeDrinkingWater: boolean;
}

export interface Criterion {
  id: 'monitoredSixMonths' | 'measureInPlace' | 'incomeAboveThreshold' | 'rigidExpensesResolved' | 'basicNeedsSecured' | 'labourCapacity';
  label: string;
  met: boolean;
  evidence: string;
  source: string;
}

const SRC = '中农组发〔2021〕7号(风险消除条件)';
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** Whole calendar months from the month `month` (YYYY-MM) to the month of the date `asOf` (2025-09 → 2026-03-15: 6). */
export function monthsSince(month: string, asOf: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const [ay, am] = asOf.split('-').map(Number) as [number, number];
  return (ay - y) * 12 + (am - m);
}

/**
 * Assesses every criterion. `eligible` is true only when all are met. For natural elimination
 * (自然消除: the risk went away without assistance) no measure is required; the 6-month rule applies
 * to both modes.
 */
export function assessElimination(i: EliminationInputs): { eligible: boolean; criteria: Criterion[] } {
  const months = i.identifiedMonth ? monthsSince(i.identifiedMonth, i.asOf) : null;
  const criteria: Criterion[] = [];
  criteria.push({
    id: 'monitoredSixMonths', label: `纳入监测满${i.minMonths}个月`, met: months !== null && months >= i.minMonths,
    evidence: months === null ? '无识别监测时间' : `识别监测时间 ${i.identifiedMonth},至 ${i.asOf} 满 ${months} 个月`, source: SRC,
  });
  if (i.mode === 'assistance') {
    criteria.push({ id: 'measureInPlace', label: '至少落实一项帮扶措施', met: i.measuresInPlace >= 1, evidence: `已落实(实施中或已完成)帮扶措施 ${i.measuresInPlace} 项`, source: SRC });
  }
  const incomeOk = i.perCapitaNetIncomeFen !== null && i.perCapitaNetIncomeFen > i.thresholdFen;
  criteria.push({
    id: 'incomeAboveThreshold', label: '收入稳定超过监测范围', met: incomeOk,
    evidence: i.perCapitaNetIncomeFen === null
      ? '无可用的年度人均纯收入'
      : `${i.factsYear} 年人均纯收入 ${yuan(i.perCapitaNetIncomeFen)} 元,监测范围 ${yuan(i.thresholdFen)} 元(${i.thresholdIsPlaceholder ? '占位值,待确认' : i.thresholdSource})`,
    source: SRC,
  });
  const limit = i.netIncomeFen !== null && i.netIncomeFen > 0 ? Math.floor((i.netIncomeFen * i.medicalSharePercent) / 100) : 0;
  const rigidOk = i.compliantOutOfPocketFen === 0 || (i.netIncomeFen !== null && i.netIncomeFen > 0 && i.compliantOutOfPocketFen < limit);
  criteria.push({
    id: 'rigidExpensesResolved', label: '大额刚性支出问题已解决', met: rigidOk,
    evidence: `合规自付医疗支出 ${yuan(i.compliantOutOfPocketFen)} 元,家庭年纯收入 ${i.netIncomeFen === null ? '未知' : `${yuan(i.netIncomeFen)} 元`}(判定线 ${i.medicalSharePercent}%)`,
    source: `${SRC};比例为筛查规则 R05 的参数`,
  });
  const basicOk = i.childrenOutOfSchool === 0 && i.membersWithoutMedicalInsurance === 0 && i.housingSafe && i.safeDrinkingWater;
  criteria.push({
    id: 'basicNeedsSecured', label: '“三保障”和饮水安全有保障', met: basicOk,
    evidence: `义务教育阶段失学辍学 ${i.childrenOutOfSchool} 人;未参加基本医保 ${i.membersWithoutMedicalInsurance} 人;住房${i.housingSafe ? '安全' : '不安全'};饮水${i.safeDrinkingWater ? '安全' : '不安全'}`,
    source: SRC,
  });
  criteria.push({
    id: 'labourCapacity', label: '家庭有劳动能力(无劳动能力的不标注风险消除)', met: i.labourCount > 0,
    evidence: `普通或技能劳动力 ${i.labourCount} 人`, source: 'national-system-exports.md(Procedure facts):无劳动能力的家庭不标注风险消除',
  });
  return { eligible: criteria.every((c) => c.met), criteria };
}
