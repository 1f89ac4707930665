/**
 * Rules that turn a department list's matches into risk clues (部门筛查预警, 中农组发〔2021〕7号: departments
 * share data so that risks are found early). Pure: facts in, clues out. The figures are the project's
 * defaults, not policy figures (the policy leaves them to provinces); a bureau changes them here.
 */
import { createHash } from 'node:crypto';
import type { RiskType } from '../../shared/enums';
import { formatYuan } from '../domain/money';
import { ageOn } from '../domain/id-number';

/** Parameters of the clue rules (project defaults). */
export const CLUE_PARAMETERS = {
  /** MED-01: compliant out-of-pocket medical costs ≥ this share of the household's net income (same default as screening rule R05) */
  medicalSharePercent: 50,
  /** MED-01: or ≥ this absolute amount whatever the income (fen): 20,000 yuan */
  medicalAbsoluteFen: 2_000_000,
  /** DIS-02: direct disaster loss ≥ this (fen): 10,000 yuan */
  disasterLossFen: 1_000_000,
  /** EDU-01: compulsory education ages (义务教育法第十一条: from 6 for nine years) */
  compulsoryAgeFrom: 6,
  compulsoryAgeTo: 15,
};

/** What the rules know about a matched person and household. */
export interface ClueContext {
  personId: number;
  householdId: number;
  birthDate: string;
  healthStatus: string;
  disabilityGrade: number | null;
  householdType: string;
  monitoredCategory: string | null;
  riskEliminated: number;
  dibao: number;
  tekun: number;
  /** net household income of the year (fen), null when missing */
  netIncomeFen: number | null;
  perCapitaNetIncomeFen: number | null;
}

/** One person's rows of a list, with the parsed values (money in fen, dates ISO). */
export interface ListFacts {
  kind: string;
  rows: number[];
  values: Record<string, string | number | boolean | null>[];
}

export interface ClueDraft {
  ruleId: string;
  riskType: RiskType;
  /** facts shown to staff (no ID number) */
  facts: Record<string, unknown>;
  summary: string;
  /** what makes the fact the same fact: hashed with the source and person into the dedup key */
  factKey: string;
}

/** Rule catalogue: id, list kind, Chinese name, source. */
export const CLUE_RULES = [
  { id: 'MED-01', kind: 'medical', zh: '合规自付医疗费用较高(占家庭纯收入比例大或金额大)', source: '中发〔2020〕30号“刚性支出较大”;中农组发〔2021〕7号;比例与金额为项目默认值' },
  { id: 'SA-01', kind: 'dibao', zh: '享受低保/特困但未纳入监测', source: '中农组发〔2021〕7号(低保、特困对象与监测对象衔接)' },
  { id: 'DIS-01', kind: 'disability', zh: '残联在册残疾人,户未纳入监测或登记为健康', source: '中农组发〔2021〕7号(因残风险);残联数据比对' },
  { id: 'EDU-01', kind: 'education', zh: '义务教育阶段适龄儿童少年失学辍学', source: '义务教育法第十一条;中发〔2020〕30号(义务教育保障)' },
  { id: 'DIS-02', kind: 'disaster', zh: '受灾直接经济损失较大或房屋损毁', source: '中农组发〔2021〕7号(因灾风险);金额为项目默认值' },
  { id: 'HR-01', kind: 'hrss', zh: '失业登记或养老保险断缴', source: '中农组发〔2021〕7号(因务工就业不稳风险)' },
] as const;

const notMonitored = (c: ClueContext) => c.monitoredCategory === null || c.riskEliminated === 1;
const sum = (vals: ListFacts['values'], key: string) => vals.reduce((a, v) => a + (typeof v[key] === 'number' ? (v[key] as number) : 0), 0);

/**
 * Clues of one matched person.
 * @param asOf ISO date (ages)
 */
export function cluesFor(list: ListFacts, c: ClueContext, asOf: string, p = CLUE_PARAMETERS): ClueDraft[] {
  const v = list.values;
  const out: ClueDraft[] = [];
  switch (list.kind) {
    case 'medical': {
      const selfPaid = sum(v, 'selfPaid');
      const share = c.netIncomeFen !== null && c.netIncomeFen > 0 ? Math.round((selfPaid * 1000) / c.netIncomeFen) / 10 : null;
      const byShare = c.netIncomeFen !== null && (c.netIncomeFen <= 0 ? selfPaid > 0 : selfPaid * 100 >= c.netIncomeFen * p.medicalSharePercent);
      if (byShare || selfPaid >= p.medicalAbsoluteFen) {
        const dates = v.map((x) => x.visitDate).filter(Boolean).sort();
        out.push({
          ruleId: 'MED-01', riskType: 'illness',
          facts: { selfPaidFen: selfPaid, householdNetIncomeFen: c.netIncomeFen, sharePercent: share, bills: v.length, from: dates[0] ?? null, to: dates[dates.length - 1] ?? null },
          summary: `合规自付医疗费用 ${formatYuan(selfPaid)} 元(${v.length} 笔),家庭年纯收入 ${c.netIncomeFen === null ? '缺失' : `${formatYuan(c.netIncomeFen)} 元`}${share !== null ? `,占 ${share}%` : ''}`,
          factKey: JSON.stringify(v.map((x) => [x.visitDate, x.selfPaid]).sort()),
        });
      }
      break;
    }
    case 'dibao': {
      const cats = [...new Set(v.map((x) => x.category).filter(Boolean))] as string[];
      if (notMonitored(c) && cats.length) {
        const zh = cats.map((x) => (x === 'tekun' ? '特困' : '低保')).join('、');
        out.push({ ruleId: 'SA-01', riskType: 'other', facts: { categories: cats, monthlyAmountFen: sum(v, 'monthlyAmount') }, summary: `民政在册${zh}对象,所在户未纳入监测(或风险已消除)`, factKey: cats.sort().join(',') });
      }
      break;
    }
    case 'disability': {
      const grade = Math.min(...v.map((x) => Number(x.disabilityGrade)).filter((n) => n >= 1 && n <= 4));
      if (Number.isFinite(grade) && (notMonitored(c) || c.healthStatus !== 'disabled')) {
        out.push({
          ruleId: 'DIS-01', riskType: 'disability', facts: { disabilityGrade: grade, registryHealthStatus: c.healthStatus, monitored: !notMonitored(c) },
          summary: `残联在册${['一', '二', '三', '四'][grade - 1]}级残疾${c.healthStatus !== 'disabled' ? ',监测系统登记为非残疾' : ''}${notMonitored(c) ? ',所在户未纳入监测' : ''}`, factKey: String(grade),
        });
      }
      break;
    }
    case 'education': {
      const age = ageOn(c.birthDate, asOf);
      if (v.some((x) => x.status === 'dropout') && age >= p.compulsoryAgeFrom && age <= p.compulsoryAgeTo) {
        out.push({ ruleId: 'EDU-01', riskType: 'educationCosts', facts: { age, school: v[0]?.school ?? null }, summary: `教育部门名单显示失学辍学,年龄 ${age} 岁(义务教育阶段)`, factKey: `${v.find((x) => x.status === 'dropout')?.school ?? ''}` });
      }
      break;
    }
    case 'disaster': {
      const loss = sum(v, 'loss');
      const damaged = v.some((x) => typeof x.houseDamage === 'string' && /倒|损毁|损坏|危/.test(x.houseDamage));
      if (loss >= p.disasterLossFen || damaged) {
        out.push({ ruleId: 'DIS-02', riskType: 'naturalDisaster', facts: { lossFen: loss, houseDamaged: damaged, dates: v.map((x) => x.disasterDate) }, summary: `受灾直接经济损失 ${formatYuan(loss)} 元${damaged ? ',房屋损毁' : ''}`, factKey: JSON.stringify(v.map((x) => [x.disasterDate, x.loss]).sort()) });
      }
      break;
    }
    case 'hrss': {
      const unemployed = v.find((x) => x.employmentStatus === 'unemployed' || !!x.unemployedDate);
      const lapsed = v.some((x) => x.insuranceStatus === 'lapsed');
      if (unemployed || lapsed) {
        out.push({ ruleId: 'HR-01', riskType: 'unstableEmployment', facts: { unemployedDate: unemployed?.unemployedDate ?? null, pensionLapsed: lapsed }, summary: `${unemployed ? `人社失业登记${unemployed.unemployedDate ? `(${unemployed.unemployedDate})` : ''}` : ''}${lapsed ? (unemployed ? ',' : '') + '养老保险断缴' : ''}`, factKey: `${unemployed?.unemployedDate ?? ''}|${lapsed}` });
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** Dedup key of a clue: the same fact from the same source and person raises one clue (SHA-256 hex). */
export function clueDedupKey(sourceDepartment: string, listKind: string, personId: number, d: ClueDraft): string {
  return createHash('sha256').update(JSON.stringify([sourceDepartment, listKind, personId, d.ruleId, d.factKey])).digest('hex');
}
