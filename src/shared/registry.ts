/**
 * Input shapes of the registry (户 and 家庭成员, 收入), as zod schemas shared by the HTTP API, the CLI,
 * the demo-population generator and the services. Field meanings follow the national system's person
 * table （自定义）监测对象信息 (see ../shared/formats/national-system-exports.md); names follow the glossary.
 * Money is integer fen; areas in mu (亩) or m²; distances in km; dates ISO (YYYY-MM-DD), months YYYY-MM.
 */
import { z } from './zod-locale';
import {
  EDUCATION_LEVELS, HEALTH_STATUSES, HOUSEHOLD_TYPES, ID_TYPES, LABOUR_SKILLS, MONITORED_CATEGORIES, RELATIONS_TO_HEAD,
  RISK_TYPES, SCHOOL_STAGES, SEXES,
} from './enums';
import { MEASURE_KINDS, MEASURE_SUB_KINDS } from './workflow';

/** A 12-digit village code (统计用区划代码). */
export const villageCode = z.string().regex(/^\d{12}$/, '村级区划代码应为12位数字');
/** Any region code: 2 (province), 4 (prefecture), 6 (county), 9 (township) or 12 (village) digits. */
export const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '区划代码应为2、4、6、9或12位数字');
/** Integer fen, may be negative (business losses). */
export const fen = z.number().int('金额应为整数(分)').min(-1e13).max(1e13);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-\d{2}$/, '月份应为 YYYY-MM');

/** One member (家庭成员). `idNumber` is raw: the service validates it (GB 11643-1999) and never stores it in clear. */
export const personInput = z.object({
  idNumber: z.string().min(1).max(40),
  name: z.string().min(1).max(64),
  relationToHead: z.enum(RELATIONS_TO_HEAD),
  /** Optional: when absent, taken from the ID number. */
  sex: z.enum(SEXES).optional(),
  ethnicity: z.string().max(16).default('汉族'),
  education: z.enum(EDUCATION_LEVELS).nullable().default(null),
  schoolStage: z.enum(SCHOOL_STAGES).default('notInSchool'),
  healthStatus: z.enum(HEALTH_STATUSES).default('healthy'),
  /** 残疾等级 1–4 when disabled, else null. */
  disabilityGrade: z.number().int().min(1).max(4).nullable().default(null),
  labourSkill: z.enum(LABOUR_SKILLS),
  /** 务工所在地, free text (county name or region code). */
  workPlace: z.string().max(64).nullable().default(null),
  residentMedicalInsurance: z.boolean().default(true),
  employeeMedicalInsurance: z.boolean().default(false),
  criticalIllnessInsurance: z.boolean().default(true),
  medicalAssistance: z.boolean().default(false),
  residentPension: z.boolean().default(false),
  employeePension: z.boolean().default(false),
  /** 享受低保政策 */
  dibao: z.boolean().default(false),
  /** 享受特困供养政策 */
  tekun: z.boolean().default(false),
  /** 证件类型: with `disabilityCertificate`, `certificateNumber` holds the 残疾人证 number and `idNumber` its 18-character ID part */
  idType: z.enum(ID_TYPES).default('residentId'),
  /** 残疾人证 number (20 or 22 characters), raw: the service checks it and stores it protected like ID numbers */
  certificateNumber: z.string().min(1).max(40).nullable().default(null),
  /** 残疾类别 1–7 (taken from the certificate number when there is one) */
  disabilityCategory: z.number().int().min(1).max(7).nullable().default(null),
  /** 是否义务教育阶段适龄儿童少年失学辍学 (null = not given) */
  outOfSchool: z.boolean().nullable().default(null),
  /** 失学或辍学原因 */
  dropoutReason: z.string().max(64).nullable().default(null),
  /** 义务教育阶段未上学原因 */
  notEnrolledReason: z.string().max(64).nullable().default(null),
  /** 就业渠道（易地搬迁后扶使用） */
  employmentChannel: z.string().max(64).nullable().default(null),
  /** 特困人员救助供养金, fen */
  tekunSupportFen: fen.refine((v) => v >= 0, '特困人员救助供养金不能为负').nullable().default(null),
  /** 务工时间（月） */
  workMonths: z.number().min(0).max(1000).nullable().default(null),
  /** 家庭成员联系电话, raw (stored encrypted, shown masked) */
  phone: z.string().max(40).nullable().default(null),
});
export type PersonInput = z.input<typeof personInput>;
export type PersonData = z.output<typeof personInput>;

/** One year's income record of a household (yuan amounts in integer fen). */
export const incomeInput = z.object({
  year: z.number().int().min(2014).max(2100),
  wageFen: fen,
  businessIncomeFen: fen,
  businessExpensesFen: fen.refine((v) => v >= 0, '生产经营性支出不能为负'),
  propertyFen: fen,
  transferFen: fen,
  /** 合规自付支出 (compliant out-of-pocket medical spending), ≥ 0. */
  compliantOutOfPocketFen: fen.refine((v) => v >= 0, '合规自付支出不能为负').default(0),
});
export type IncomeInput = z.input<typeof incomeInput>;
export type IncomeData = z.output<typeof incomeInput>;

/** Household-level fields (户信息): type, monitoring status, land, housing and living conditions. */
export const householdFields = z.object({
  householdNo: z.string().min(1).max(32),
  villageCode,
  householdType: z.enum(HOUSEHOLD_TYPES),
  monitoredCategory: z.enum(MONITORED_CATEGORIES).nullable().default(null),
  riskTypes: z.array(z.enum(RISK_TYPES)).max(5).default([]),
  /** 识别监测时间 (YYYY-MM). */
  identifiedMonth: isoMonth.nullable().default(null),
  riskEliminated: z.boolean().default(false),
  eliminationMode: z.enum(['assistance', 'natural']).nullable().default(null),
  eliminatedMonth: isoMonth.nullable().default(null),
  farmlandMu: z.number().min(0).max(10000).default(0),
  forestMu: z.number().min(0).max(100000).default(0),
  housingAreaM2: z.number().min(0).max(10000).nullable().default(null),
  dangerousHouse: z.boolean().default(false),
  distanceToRoadKm: z.number().min(0).max(1000).nullable().default(null),
  roadHardened: z.boolean().default(true),
  electricity: z.boolean().default(true),
  safeDrinkingWater: z.boolean().default(true),
  sanitaryToilet: z.boolean().default(true),
  /** 退耕还林面积（亩）, null when not given */
  returnedFarmlandMu: z.number().min(0).max(100000).nullable().default(null),
  /** 林果面积（亩） */
  orchardMu: z.number().min(0).max(100000).nullable().default(null),
  /** 牧草地面积 (mu) */
  grasslandMu: z.number().min(0).max(1000000).nullable().default(null),
  /** 水面面积 (mu) */
  waterSurfaceMu: z.number().min(0).max(1000000).nullable().default(null),
  /** 是否有家庭成员未参加城乡居民（职工）基本医疗保险 */
  memberUninsured: z.boolean().nullable().default(null),
  /** 整户无劳动能力兜底保障户 */
  fullSupport: z.boolean().nullable().default(null),
  /** 风险消除后是否住房损毁 */
  housingDamagedAfter: z.boolean().nullable().default(null),
  /** 风险消除后是否饮水设施损毁 */
  waterDamagedAfter: z.boolean().nullable().default(null),
  /** 风险消除后是否义务教育阶段适龄儿童少年失学辍学 */
  outOfSchoolAfter: z.boolean().nullable().default(null),
  /** 人均纯收入（元） as the national system recorded it, fen (kept beside the recomputed figure, never replacing it) */
  recordedPerCapitaIncomeFen: fen.nullable().default(null),
  /** income year of the recorded figure */
  recordedIncomeYear: z.number().int().min(2014).max(2100).nullable().default(null),
  /** 户联系电话, raw (stored encrypted, shown masked) */
  phone: z.string().max(40).nullable().default(null),
  /** 信息采集人 */
  collectorName: z.string().max(64).nullable().default(null),
  /** 信息采集人联系电话, raw (stored encrypted, shown masked) */
  collectorPhone: z.string().max(40).nullable().default(null),
  /** 实施开发式帮扶措施情况, as recorded */
  developmentalMeasures: z.string().max(200).nullable().default(null),
  /**
   * Assistance measures as the national system recorded them (产业帮扶 … 生产生活条件改善): one per item of a
   * measure column, `text` the item as written. Stored as measures with source `national` and replaced
   * whole by the next import of the household; measures entered in this product are never touched.
   */
  recordedMeasures: z.array(z.object({ kind: z.enum(MEASURE_KINDS), subKind: z.enum(MEASURE_SUB_KINDS).nullable().default(null), text: z.string().min(1).max(200) })).max(200).default([]),
});

/** A whole household with its members and income years, as created by the API, an import or the seed. */
export const householdInput = householdFields.extend({
  members: z.array(personInput).max(50),
  incomes: z.array(incomeInput).max(20).default([]),
});
export type HouseholdInput = z.input<typeof householdInput>;
/**
 * A household registered through the API: at least one member (its head). The registry itself keeps
 * households whose members all left (their facts say HOUSEHOLD_NO_MEMBERS), but nobody registers one
 * empty (issue 17 point 6).
 */
export const newHouseholdInput = householdInput.extend({ members: z.array(personInput).min(1, '每户至少登记一名成员(户主)').max(50) });
export type HouseholdData = z.output<typeof householdInput>;
export { isoDate, isoMonth };

/** The person fields added for the national layouts (issue 8), unset: for code that builds PersonData itself (the seed). */
export const PERSON_NATIONAL_UNSET = {
  idType: 'residentId', certificateNumber: null, disabilityCategory: null, outOfSchool: null, dropoutReason: null, notEnrolledReason: null,
  employmentChannel: null, tekunSupportFen: null, workMonths: null, phone: null,
} as const satisfies Partial<PersonData>;

/** The household fields added for the national layouts (issue 8), unset. */
export const HOUSEHOLD_NATIONAL_UNSET = {
  returnedFarmlandMu: null, orchardMu: null, grasslandMu: null, waterSurfaceMu: null, memberUninsured: null, fullSupport: null,
  housingDamagedAfter: null, waterDamagedAfter: null, outOfSchoolAfter: null, recordedPerCapitaIncomeFen: null, recordedIncomeYear: null,
  phone: null, collectorName: null, collectorPhone: null, developmentalMeasures: null, recordedMeasures: [] as HouseholdData['recordedMeasures'],
} satisfies Partial<HouseholdData>;
