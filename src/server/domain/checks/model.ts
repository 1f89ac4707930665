/**
 * The model the data-quality checks (数据质量核查) read, and the shape of a check. Pure: no I/O. A household
 * carries its members, each member its spells of migrant work and plans to work away (imported
 * （务工月监测）已外出务工信息 / 计划外出务工信息), the assistance measures recorded for it, and its recorded
 * and component incomes; a village profile (（自定义）行政村信息) is checked on its own beside the registry's
 * counts of the village.
 *
 * Codes are those of src/shared/enums.ts (e.g. healthStatus `disabled` = 残疾); booleans of the national
 * columns are true/false/null (null = the column was not given). Money in fen, months `YYYY-MM`, dates ISO.
 */
import { ageOn } from '../id-number';
import { formatYuan } from '../money';
import type { IncomeRecordTable, WorkSpellTable } from '../../db/schema';
import type { CheckFindingDto } from '../../../shared/intake';
import { EDUCATION_LEVEL_ZH, HEALTH_STATUS_ZH, HOUSEHOLD_TYPE_ZH, LABOUR_SKILL_ZH, MONITORED_CATEGORY_ZH, RELATION_TO_HEAD_ZH, RISK_TYPE_ZH, SCHOOL_STAGE_ZH, SEX_ZH } from '../../../shared/enums';
import { ELIMINATION_MODE_ZH, MEASURE_KIND_ZH, type MeasureKind, type MeasureSubKind } from '../../../shared/workflow';

/** Which part of the data a check reads (and what a finding names). */
export type CheckLevel = 'household' | 'person' | 'spell' | 'village';
export const CHECK_LEVEL_ZH: Record<CheckLevel, string> = { household: '户', person: '人', spell: '务工记录', village: '行政村' };

/** Families of checks (issue 8 item 3), one file each under domain/checks/. */
export type CheckFamily =
  | 'household' | 'certificates' | 'phones' | 'insurance' | 'assistance' | 'labour' | 'students' | 'monitoring'
  | 'measures' | 'work' | 'plans' | 'villages' | 'income' | 'required' | 'land';
export const CHECK_FAMILY_ZH: Record<CheckFamily, string> = {
  household: '户与成员关系', certificates: '证件号码', phones: '联系电话', insurance: '医疗与养老保险', assistance: '低保与特困供养',
  labour: '劳动能力与年龄健康', students: '在校生与学段', monitoring: '识别、消除与应纳未纳', measures: '风险与帮扶措施',
  work: '外出务工记录', plans: '计划外出务工', villages: '行政村信息', income: '收入', required: '必填项为空', land: '土地与生活条件',
};

/**
 * A spell of migrant work (kind workSpell) or a plan to work away (kind workPlan) of a member: the columns
 * of work_spell (months `YYYY-MM`, money in fen, 务工所在县 / 计划务工所在县 as written), with 是否已务工 /
 * 是否计划务工 as true/false/null (blank).
 */
export type CheckSpell = Pick<WorkSpellTable, 'sourceRow' | 'startMonth' | 'endMonth' | 'workCounty' | 'monthlyWageFen' | 'channel' | 'industry' | 'employer' | 'transportSubsidyFen' | 'serviceNeed'> & {
  kind: 'workSpell' | 'workPlan';
  working: boolean | null;
  /** 是否点对点输送 as written (kept among the row's unknown columns); undefined when the file had no such column */
  pointToPoint?: string | null;
};

/** A member as the checks see it. */
export interface CheckMember {
  name: string;
  /** masked ID number (first 6 and last 2 characters visible: the 17th is the sex digit) */
  idMasked: string;
  idStatus: string;
  /** residentId | disabilityCertificate */
  idType: string;
  /** the whole certificate number in clear when the caller could read it (20/22 characters), else null */
  certificate: string | null;
  birthDate: string;
  sex: string;
  relationToHead: string;
  ethnicity: string;
  education: string | null;
  healthStatus: string;
  disabilityGrade: number | null;
  disabilityCategory: number | null;
  labourSkill: string;
  schoolStage: string;
  workPlace: string | null;
  residentMedicalInsurance: number;
  employeeMedicalInsurance: number;
  criticalIllnessInsurance: number;
  medicalAssistance: number;
  residentPension: number;
  employeePension: number;
  dibao: number;
  tekun: number;
  outOfSchool: boolean | null;
  dropoutReason: string | null;
  notEnrolledReason: string | null;
  employmentChannel: string | null;
  tekunSupportFen: number | null;
  workMonths: number | null;
  phoneMasked: string | null;
  spells: CheckSpell[];
  plans: CheckSpell[];
}

/** A measure recorded for the household: kind, sub-kind and the text as recorded (e.g. 外出务工补贴). */
export interface CheckMeasure {
  kind: MeasureKind;
  subKind: MeasureSubKind | null;
  text: string;
}

/** The income components of the year, fen (income_record), or null when there is no record. */
export type CheckIncome = Omit<IncomeRecordTable, 'householdId' | 'year'>;

/** A household as the checks see it (registry rows, or a file's rows). */
export interface CheckHousehold {
  householdId: number | null;
  householdNo: string;
  countyCode: string;
  /** the county's name (to tell work inside the county from work outside it), null when unknown */
  countyName: string | null;
  villageCode: string;
  /** true when the household came from a national-system export (the national columns are then required) */
  fromNational: boolean;
  householdType: string;
  monitoredCategory: string | null;
  riskTypes: string[];
  identifiedMonth: string | null;
  riskEliminated: boolean;
  eliminationMode: string | null;
  eliminatedMonth: string | null;
  farmlandMu: number;
  forestMu: number;
  returnedFarmlandMu: number | null;
  orchardMu: number | null;
  grasslandMu: number | null;
  waterSurfaceMu: number | null;
  housingAreaM2: number | null;
  dangerousHouse: boolean;
  distanceToRoadKm: number | null;
  roadHardened: boolean;
  electricity: boolean;
  safeDrinkingWater: boolean;
  sanitaryToilet: boolean;
  memberUninsured: boolean | null;
  fullSupport: boolean | null;
  housingDamagedAfter: boolean | null;
  waterDamagedAfter: boolean | null;
  outOfSchoolAfter: boolean | null;
  /** 人均纯收入（元） as the national system recorded it (fen), null when not given */
  recordedPerCapitaIncomeFen: number | null;
  phoneMasked: string | null;
  collectorName: string | null;
  collectorPhoneMasked: string | null;
  /** 实施开发式帮扶措施情况 as recorded */
  developmentalMeasures: string | null;
  /** 家庭人口 as recorded on the household */
  memberCount: number;
  members: CheckMember[];
  /** per-capita net income of the year recomputed from the components (fen), null when missing */
  perCapitaNetIncomeFen: number | null;
  income: CheckIncome | null;
  /** monitoring threshold of the county and year (fen) */
  thresholdFen: number | null;
  /** assistance measures recorded, or null when the source does not say */
  measures: CheckMeasure[] | null;
}

/** The registry's counts of one village, beside its profile. */
export interface VillageCounts {
  households: number;
  persons: number;
  dibaoPersons: number;
  tekunPersons: number;
  disabledPersons: number;
  dangerousHouses: number;
  unsafeWaterHouseholds: number;
}

/** A village profile (（自定义）行政村信息): figures by template key (null = blank), the registry's counts. */
export interface CheckVillage {
  villageCode: string;
  countyCode: string;
  sourceRow: number;
  figures: Record<string, number | boolean | null>;
  collectiveIncomeFen: number | null;
  registry: VillageCounts;
}

/** A value that triggered a finding, under its column name. */
export type CheckValue = string | number | boolean | null;
export type CheckValues = Record<string, CheckValue>;

/** One finding: the household (or village), the member when it is about one, the values and the facts (the API's shape). */
export type Finding = CheckFindingDto;

/** What a check returns per hit (the values are rendered into the facts). */
export interface Hit {
  member?: CheckMember;
  sourceRow?: number;
  values: CheckValues;
}

/** Catalogue entry of a check. */
export interface CheckInfo {
  id: string;
  family: CheckFamily;
  /** Chinese name: "records where … are suspect" */
  zh: string;
  /** what the check means in policy */
  meaning: string;
  /** the policy document (or the field's rule) it comes from */
  source: string;
  level: CheckLevel;
  /** how to fix a finding */
  hint: string;
  /** findings show health facts: withheld without personal.view */
  health?: boolean;
}

/** A household check. */
export interface CheckDef extends CheckInfo {
  /** false when the household lacks the data the check needs (e.g. measures) */
  applies?: (h: CheckHousehold) => boolean;
  run: (h: CheckHousehold, asOf: string) => Hit[];
}

/** A village check. */
export interface VillageCheckDef extends CheckInfo {
  run: (v: CheckVillage) => CheckValues | null;
}

// ---- sources named by the checks ----
export const SRC_FORMATS = '县级数据质量核查规则(全国防返贫监测信息系统导出数据,../shared/formats/national-system-exports.md)';
export const SRC_7 = '中农组发〔2021〕7号(健全防止返贫动态监测和帮扶机制)';
export const SRC_GB = 'GB 11643-1999 公民身份号码';
export const SRC_CERT = '中国残联《第二代残疾人证说明》(2010):20位编码=18位身份证号+残疾类别+残疾等级';
export const SRC_30 = '中发〔2020〕30号(“两不愁三保障”)';
export const SRC_EDU = '《义务教育法》第十一条(六周岁入学,九年义务教育)';
export const SRC_LABOUR_LAW = '《劳动法》第十五条(禁止招用未满十六周岁的未成年人)';
export const SRC_DIBAO = '《社会救助暂行办法》(国务院令第649号)第二章最低生活保障、第三章特困人员供养';
export const SRC_TEKUN = '《国务院关于进一步健全特困人员救助供养制度的意见》(国发〔2016〕14号)';
export const SRC_MEDICAL = '《关于巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略的实施意见》(医保发〔2021〕10号)';
export const SRC_PENSION = '《国务院关于建立统一的城乡居民基本养老保险制度的意见》(国发〔2014〕8号):年满16周岁(不含在校学生)';
export const SRC_JOBS = '务工监测(../shared/domain/jobs-industry-relocation.md;（务工月监测）已外出务工信息)';
export const SRC_PLAN = '计划外出务工信息(全国防返贫监测信息系统务工监测模块)';
export const SRC_VILLAGE = '（自定义）行政村信息(全国防返贫监测信息系统)';
export const SRC_INCOME = '人均纯收入口径(国家统计局农村住户调查;domain/income.ts):工资性+生产经营性收入−生产经营性支出+财产性+转移性';
export const SRC_REQUIRED = '全国防返贫监测信息系统采集指标(监测对象信息表必填项)';
export const SRC_FUPING = '第三方核查规则(Gzuwkj/fuping,按政策含义实现)';

// ---- helpers shared by the families ----
export const monitored = (h: CheckHousehold) => h.monitoredCategory !== null;
/** Monitored with the risk not eliminated (未消除风险的监测对象). */
export const openRisk = (h: CheckHousehold) => h.monitoredCategory !== null && !h.riskEliminated;
export const lifted = (h: CheckHousehold) => h.householdType === 'liftedOutOfPoverty';
/** 脱贫户 or monitored: the population whose records the national system requires in full. */
export const covered = (h: CheckHousehold) => lifted(h) || monitored(h);
export const age = (m: CheckMember, asOf: string) => ageOn(m.birthDate, asOf);
/** Months from `a` to `b` (`YYYY-MM`), b − a. */
export const monthsBetween = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
export const LABOUR = new Set(['ordinary', 'skilled']);
export const NO_LABOUR = new Set(['none', 'lost']);
/** In school: any stage but 非在校生 and 学龄前儿童 (the latter is not schooling). */
export const inSchool = (m: CheckMember) => m.schoolStage !== '' && m.schoolStage !== 'notInSchool' && m.schoolStage !== 'preschoolChild';
export const hasKind = (h: CheckHousehold, ...kinds: MeasureKind[]) => (h.measures ?? []).some((m) => kinds.includes(m.kind));
export const hasSub = (h: CheckHousehold, sub: MeasureSubKind) => (h.measures ?? []).some((m) => m.subKind === sub);
export const hasText = (h: CheckHousehold, kind: MeasureKind, ...words: string[]) => (h.measures ?? []).some((m) => m.kind === kind && words.some((w) => m.text.includes(w)));
/** Whether a written county (务工所在县, possibly with province and prefecture before it) is the household's own. */
export const inOwnCounty = (workCounty: string | null, countyName: string | null) => !!workCounty && !!countyName && workCounty.includes(countyName);
/**
 * The per-capita income the threshold rules compare: 人均纯收入 as the national system recorded it when
 * given (the official figure), else the one recomputed from the components. A disagreement of the two is
 * its own finding (INC-01), not a reason to flag the household twice.
 */
export const perCapitaIncome = (h: CheckHousehold) => h.recordedPerCapitaIncomeFen ?? h.perCapitaNetIncomeFen;
export const withMeasures = (h: CheckHousehold) => h.measures !== null;
export const yuan = (fen: number | null) => (fen === null ? null : `${formatYuan(fen)} 元`);
export const yn = (b: boolean | number | null) => (b === null ? '(空)' : b ? '是' : '否');
export const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

const NONE: Hit[] = [];
/** A household check from a predicate: values when it fires, null otherwise. */
export const onHousehold = (pred: (h: CheckHousehold, asOf: string) => CheckValues | null): CheckDef['run'] => (h, asOf) => {
  const v = pred(h, asOf);
  return v ? [{ values: v }] : NONE;
};
/** A person check: every member for whom the predicate gives values (a loop: this runs ~200 times per household). */
export const onMember = (pred: (m: CheckMember, h: CheckHousehold, asOf: string) => CheckValues | null): CheckDef['run'] => (h, asOf) => {
  let out: Hit[] = NONE;
  for (const m of h.members) {
    const v = pred(m, h, asOf);
    if (v) (out === NONE ? (out = []) : out).push({ member: m, values: v });
  }
  return out;
};
/** A spell check over the members' spells (workSpell) or plans (workPlan). */
export const onSpell = (kind: 'spells' | 'plans', pred: (s: CheckSpell, m: CheckMember, h: CheckHousehold, asOf: string) => CheckValues | null): CheckDef['run'] => (h, asOf) => {
  let out: Hit[] = NONE;
  for (const m of h.members) {
    for (const s of m[kind]) {
      const v = pred(s, m, h, asOf);
      if (v) (out === NONE ? (out = []) : out).push({ member: m, sourceRow: s.sourceRow, values: { ...(s.startMonth ? { 开始时间: s.startMonth } : {}), ...v } });
    }
  }
  return out;
};

/** Chinese labels of the coded values, by the column they stand under (as the national exports spell them). */
const LABELS: Record<string, Record<string, string>> = {
  劳动技能: LABOUR_SKILL_ZH, 健康状况: HEALTH_STATUS_ZH, 在校生状况: SCHOOL_STAGE_ZH, 文化程度: EDUCATION_LEVEL_ZH, 与户主关系: RELATION_TO_HEAD_ZH,
  户类型: HOUSEHOLD_TYPE_ZH, 监测对象类别: MONITORED_CATEGORY_ZH, 风险消除方式: ELIMINATION_MODE_ZH, 致贫返贫风险: RISK_TYPE_ZH, 帮扶措施: MEASURE_KIND_ZH, 性别: SEX_ZH,
};

/** The values with coded ones in Chinese (lists joined with 、 label each item). */
export function labelled(values: CheckValues): CheckValues {
  const out: CheckValues = {};
  for (const [k, v] of Object.entries(values)) {
    const zh = LABELS[k];
    out[k] = zh && typeof v === 'string' ? v.split('、').map((x) => zh[x] ?? x).join('、') : v;
  }
  return out;
}

/** The facts sentence of a finding from its values: `column value, …`. */
export function factsOf(values: CheckValues): string {
  return Object.entries(values)
    .map(([k, v]) => `${k} ${v === null ? '(空)' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v)}`)
    .join(',');
}
