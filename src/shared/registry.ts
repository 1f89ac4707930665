/**
 * Input shapes of the registry (户 and 家庭成员, 收入), as zod schemas shared by the HTTP API, the CLI,
 * the demo-population generator and the services. Field meanings follow the national system's person
 * table （自定义）监测对象信息 (see ../shared/formats/national-system-exports.md); names follow the glossary.
 * Money is integer fen; areas in mu (亩) or m²; distances in km; dates ISO (YYYY-MM-DD), months YYYY-MM.
 */
import { z } from './zod-locale';
import {
  EDUCATION_LEVELS, HEALTH_STATUSES, HOUSEHOLD_TYPES, LABOUR_SKILLS, MONITORED_CATEGORIES, RELATIONS_TO_HEAD,
  RISK_TYPES, SCHOOL_STAGES, SEXES,
} from './enums';

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
