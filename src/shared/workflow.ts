/**
 * Monitoring and assistance workflow (防止返贫动态监测和帮扶机制): code lists with Chinese labels, zod
 * input schemas of the case, step, notice, measure and elimination endpoints, and their response DTOs.
 * No Node imports: the web uses this file too. Procedure source: 中央农村工作领导小组《关于健全防止返贫
 * 动态监测和帮扶机制的指导意见》(中农组发〔2021〕7号), summarised in
 * ../shared/formats/national-system-exports.md ("Procedure facts").
 */
import { z } from './zod-locale';
import { MONITORED_CATEGORIES, RISK_TYPES, type MonitoredCategory, type RiskType } from './enums';
import { qint } from './strict';

/** Kind of case: identification (识别纳入监测) or risk elimination (风险消除). */
export const CASE_KINDS = ['identification', 'elimination'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_ZH: Record<CaseKind, string> = { identification: '识别纳入', elimination: '风险消除' };

/**
 * Where the risk clue came from (中农组发〔2021〕7号: 农户自主申报、基层干部排查、部门筛查预警), plus a
 * verdict of this system's own screening and a case opened directly by a cadre.
 */
export const CASE_ORIGINS = ['screening', 'departmentAlert', 'selfReport', 'grassrootsScreening', 'direct'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];
export const CASE_ORIGIN_ZH: Record<CaseOrigin, string> = {
  screening: '本系统筛查预警',
  departmentAlert: '部门筛查预警',
  selfReport: '农户自主申报',
  grassrootsScreening: '基层干部排查',
  direct: '干部直接发起',
};

/** Steps of the procedure (入户核实 → 信息比对 → 民主评议 → 公示 → 乡镇审核 → 县级审定 → 结果公告; 风险消除评估 for elimination). */
export const WORKFLOW_STEPS = ['verificationVisit', 'informationComparison', 'eliminationAssessment', 'villageReview', 'publicNotice', 'townshipReview', 'countyApproval', 'announcement'] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];
export const WORKFLOW_STEP_ZH: Record<WorkflowStep, string> = {
  verificationVisit: '入户核实',
  informationComparison: '信息比对',
  eliminationAssessment: '风险消除评估',
  villageReview: '村级民主评议',
  publicNotice: '公示',
  townshipReview: '乡镇审核',
  countyApproval: '县级审定',
  announcement: '结果公告',
};

/** States of a case: the step awaited while open, the outcome once closed. */
export const CASE_STATES = ['verification', 'comparison', 'assessment', 'villageReview', 'notice', 'townshipReview', 'countyApproval', 'announcement', 'enrolled', 'notEnrolled', 'eliminated', 'notEliminated', 'rolledBack'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_ZH: Record<CaseState, string> = {
  verification: '待入户核实',
  comparison: '待信息比对',
  assessment: '待风险消除评估',
  villageReview: '待民主评议',
  notice: '公示中',
  townshipReview: '待乡镇审核',
  countyApproval: '待县级审定',
  announcement: '待结果公告',
  enrolled: '已纳入监测',
  notEnrolled: '未纳入监测',
  eliminated: '已标注风险消除',
  notEliminated: '风险未消除',
  rolledBack: '风险消除已回退',
};
/** Open states (a step is awaited). */
export const OPEN_CASE_STATES = ['verification', 'comparison', 'assessment', 'villageReview', 'notice', 'townshipReview', 'countyApproval', 'announcement'] as const satisfies readonly CaseState[];

/** 风险消除方式 (national export): 帮扶消除 / 自然消除. */
export const ELIMINATION_MODES = ['assistance', 'natural'] as const;
export type EliminationMode = (typeof ELIMINATION_MODES)[number];
export const ELIMINATION_MODE_ZH: Record<EliminationMode, string> = { assistance: '帮扶消除', natural: '自然消除' };

/** Kinds of assistance measure: the measure columns of the national export (产业帮扶 … 生产生活条件改善). */
export const MEASURE_KINDS = ['industry', 'employment', 'publicWelfareJob', 'finance', 'education', 'health', 'compulsoryEducation', 'housingSafety', 'drinkingWater', 'socialSecurity', 'socialAssistance', 'relocation', 'infrastructure', 'livingConditions'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_ZH: Record<MeasureKind, string> = {
  industry: '产业帮扶',
  employment: '就业帮扶',
  publicWelfareJob: '公益岗位帮扶',
  finance: '金融帮扶(小额信贷)',
  education: '教育帮扶(含雨露计划)',
  health: '健康帮扶',
  compulsoryEducation: '义务教育保障',
  housingSafety: '住房安全保障',
  drinkingWater: '饮水安全保障',
  socialSecurity: '综合保障(低保、特困供养、残疾人补贴)',
  socialAssistance: '社会帮扶',
  relocation: '搬迁',
  infrastructure: '基础设施建设',
  livingConditions: '生产生活条件改善',
};
/** Sub-kinds named in the national export's values (综合保障: 低保, 特困供养, 残疾人补贴; 教育帮扶: 雨露计划). */
export const MEASURE_SUB_KINDS = ['dibao', 'tekun', 'disabilityAllowance', 'yuluPlan'] as const;
export type MeasureSubKind = (typeof MEASURE_SUB_KINDS)[number];
export const MEASURE_SUB_KIND_ZH: Record<MeasureSubKind, string> = { dibao: '低保', tekun: '特困供养', disabilityAllowance: '残疾人补贴', yuluPlan: '雨露计划' };

/** Status of a measure; `inProgress` and `completed` count as "in place". */
export const MEASURE_STATUSES = ['planned', 'inProgress', 'completed', 'stopped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_STATUS_ZH: Record<MeasureStatus, string> = { planned: '计划中', inProgress: '实施中', completed: '已完成', stopped: '已终止' };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const version = z.number().int().min(1);
const text = (max: number) => z.string().trim().max(max);

/** POST /cases: open a case from a clue. `sourceRef`: e.g. `screening:R01:2025`, `clue:123`. */
export const openCaseInput = z.object({
  householdId: z.number().int().positive(),
  kind: z.enum(CASE_KINDS).default('identification'),
  origin: z.enum(CASE_ORIGINS),
  sourceRef: text(200).nullable().default(null),
  /** date the clue was found (发现日期); not in the future */
  clueDate: isoDate,
  note: text(2000).default(''),
});
export type OpenCaseInput = z.input<typeof openCaseInput>;

/** POST /cases/from-screening: open a case from a screening flag of this system. */
export const openFromScreeningInput = z.object({ householdId: z.number().int().positive(), year: z.number().int().min(2014).max(2100), clueDate: isoDate.optional() });

/** Body shared by every step: when it was done, what was found, and the case version read. */
const stepBase = z.object({ version, performedOn: isoDate, findings: text(4000).default(''), attachmentIds: z.array(z.number().int().positive()).max(20).default([]) });

/** POST /cases/:id/steps/:step: one body per step (discriminated by `step`). */
export const stepInput = z.discriminatedUnion('step', [
  stepBase.extend({ step: z.literal('verificationVisit'), consentSigned: z.boolean(), riskFound: z.boolean(), reason: text(500).default('') }),
  stepBase.extend({
    step: z.literal('informationComparison'),
    /** what the comparison with department data found (存款、车辆、房产、工商注册) */
    deposits: text(500).default(''), vehicles: text(500).default(''), housing: text(500).default(''), businessRegistration: text(500).default(''),
  }),
  stepBase.extend({ step: z.literal('eliminationAssessment'), mode: z.enum(ELIMINATION_MODES) }),
  stepBase.extend({ step: z.literal('villageReview'), agreed: z.boolean(), reason: text(500).default('') }),
  stepBase.extend({ step: z.literal('townshipReview'), approved: z.boolean(), reason: text(500).default('') }),
  stepBase.extend({
    step: z.literal('countyApproval'), approved: z.boolean(), reason: text(500).default(''),
    category: z.enum(MONITORED_CATEGORIES).optional(), riskTypes: z.array(z.enum(RISK_TYPES)).max(5).optional(),
  }),
  stepBase.extend({ step: z.literal('announcement') }),
]);
export type StepInput = z.input<typeof stepInput>;

/** POST /cases/:id/notice: post the village notice. `days` ≥ the rule's minimum (5 by default). */
export const postNoticeInput = z.object({ version, postedOn: isoDate, days: z.number().int().min(1).max(60) });
/** POST /cases/:id/notice/objections: an objection received during the notice. */
export const objectionInput = z.object({ version, receivedOn: isoDate, summary: text(2000).min(1) });
/** POST /cases/:id/notice/objections/:oid/resolve: `upheld` sends the case back to village deliberation. */
export const resolveObjectionInput = z.object({ version, resolvedOn: isoDate, upheld: z.boolean(), note: text(2000).min(1) });
/** POST /cases/:id/notice/close: close a notice whose period has passed. */
export const closeNoticeInput = z.object({ version, closedOn: isoDate });
/** POST /cases/:id/rollback: roll back an elimination mark (county level), with the reason. */
export const rollbackInput = z.object({ version, performedOn: isoDate, reason: text(2000).min(1) });

/** POST /cases/:id/attachments: a photo or scanned form, base64 (JPEG, PNG or PDF; size limited). */
export const attachmentInput = z.object({ fileName: text(200).min(1), mimeType: z.string().max(100), contentBase64: z.string().min(1) });

/** POST /households/:id/measures: one assistance measure; amount in fen where there is one. */
export const measureInput = z.object({
  caseId: z.number().int().positive().nullable().default(null),
  kind: z.enum(MEASURE_KINDS),
  subKind: z.enum(MEASURE_SUB_KINDS).nullable().default(null),
  responsibleUnit: text(200).min(1),
  startDate: isoDate,
  endDate: isoDate.nullable().default(null),
  amountFen: z.number().int().min(0).max(100_000_000_00).nullable().default(null),
  status: z.enum(MEASURE_STATUSES).default('inProgress'),
  note: text(2000).default(''),
});
export type MeasureInput = z.input<typeof measureInput>;
/** PATCH /measures/:id: status and end date, with the version read. */
export const measureUpdateInput = z.object({ version, status: z.enum(MEASURE_STATUSES), endDate: isoDate.nullable().optional() });

/** GET /worklist and /cases query. */
export const worklistQuery = z.object({ region: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, '区划代码应为2、4、6、9或12位数字').optional(), limit: qint(z.number().int().min(1).max(500)).default(100) });
export const timelinessQuery = z.object({ region: worklistQuery.shape.region });
export const idParams = z.object({ id: qint(z.number().int().positive()) });

/** A case as the API returns it. */
export interface CaseDto {
  id: number;
  kind: CaseKind;
  householdId: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  villageName: string;
  origin: CaseOrigin;
  sourceRef: string | null;
  state: CaseState;
  currentStep: WorkflowStep | null;
  /** levels that may perform the current step */
  currentLevels: string[];
  clueDate: string;
  stepDue: string | null;
  decisionDue: string | null;
  overdue: boolean;
  verifiedOn: string | null;
  decidedOn: string | null;
  /** start of the earliest measure in place after enrolment */
  firstMeasureOn: string | null;
  category: MonitoredCategory | null;
  riskTypes: RiskType[];
  reason: string | null;
  eliminationMode: EliminationMode | null;
  version: number;
  openedBy: string;
  openedAt: string;
  steps: CaseStepDto[];
  notice: NoticeDto | null;
  attachments: AttachmentDto[];
  events: CaseEventDto[];
  assessment: EliminationAssessmentDto | null;
}
export interface CaseStepDto { id: number; step: WorkflowStep; actor: string; actorLevel: string; performedOn: string; recordedAt: string; outcome: string; findings: Record<string, unknown>; attachmentIds: number[] }
export interface NoticeDto { id: number; postedOn: string; days: number; endsOn: string; status: 'posted' | 'closed' | 'withdrawn'; closedOn: string | null; objections: ObjectionDto[] }
export interface ObjectionDto { id: number; receivedOn: string; summary: string; resolution: 'upheld' | 'dismissed' | null; resolvedOn: string | null; note: string | null }
export interface AttachmentDto { id: number; fileName: string; mimeType: string; sizeBytes: number; sha256: string; uploadedBy: string; uploadedAt: string }
export interface CaseEventDto { id: number; caseId: number | null; householdId: number; at: string; onDate: string; actor: string; type: string; fromState: string | null; toState: string | null; details: Record<string, unknown> }
export interface CriterionDto { id: string; label: string; met: boolean; evidence: string; source: string }
export interface EliminationAssessmentDto { mode: EliminationMode; eligible: boolean; criteria: CriterionDto[] }
export interface MeasureDto { id: number; householdId: number; caseId: number | null; kind: MeasureKind; subKind: MeasureSubKind | null; responsibleUnit: string; startDate: string; endDate: string | null; amountFen: number | null; status: MeasureStatus; note: string; version: number }
export interface CoverageDto { riskType: RiskType; covered: boolean; coveringKinds: MeasureKind[]; source: string }
export interface HouseholdMeasuresDto { measures: MeasureDto[]; coverage: CoverageDto[]; uncoveredRisks: RiskType[]; ableToWork: boolean; needsDevelopmentMeasure: boolean; developmentKinds: MeasureKind[] }
export interface WorkItemDto { caseId: number; kind: CaseKind; householdId: number; householdNo: string; headName: string; villageCode: string; state: CaseState; step: WorkflowStep | null; levels: string[]; due: string | null; overdue: boolean; daysOverdue: number; why: string }
export interface DistributionDto { n: number; median: number | null; p90: number | null }
export interface TimelinessDto {
  regionCode: string | null;
  asOf: string;
  clueToVerification: DistributionDto;
  clueToDecision: DistributionDto;
  clueToFirstMeasure: DistributionDto;
  openCases: number;
  overdueByStep: Partial<Record<WorkflowStep, number>>;
  overdueTotal: number;
  monitoredHouseholds: number;
  householdsWithUncoveredRisk: number;
  uncoveredRisks: number;
  /** share (0–1) of monitored households with every risk covered by a measure in place and no overdue case; null when none */
  dynamicClearance: number | null;
}

/** One child region's timeliness figures (GET /timeliness/children). */
export interface TimelinessRowDto {
  regionCode: string;
  name: string;
  figures: TimelinessDto;
}
