/**
 * API shapes of the procedure engine (records of any procedure of data/procedures/) and of the notice
 * module (公示 of any subject). Dates ISO (YYYY-MM-DD), region codes strings of 6, 9 or 12 digits.
 */
import { z } from 'zod';
import { qint } from './strict';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const version = z.number().int().min(1);
const text = (max: number) => z.string().trim().max(max);
const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '区划代码应为6、9或12位数字(县、乡镇或村)');

/** POST /procedures/:name/records: open a record of a procedure about a subject, in a region. */
export const openRecordInput = z.object({
  /** id of the subject in its work area (project id, person id, asset id …) */
  subjectId: text(100).min(1),
  /** shown in lists: e.g. the project name (no ID, phone, bank or health data) */
  title: text(200).min(1),
  /** the county, township or village the record belongs to (its scope) */
  regionCode,
  /** the date the procedure starts (申报日期); not in the future */
  startedOn: isoDate,
  /** what the work area keeps with the record (JSON object, ≤ 20 000 characters) */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type OpenRecordInput = z.infer<typeof openRecordInput>;

/** POST /procedures/records/:id/act: do an action of the step awaited. */
export const actInput = z.object({
  version,
  step: z.string().min(1),
  action: z.string().min(1),
  performedOn: isoDate,
  reason: text(2000).nullable().default(null),
  note: text(2000).default(''),
});

/** A column of a notice table. */
export const noticeColumn = z.object({ key: z.string().min(1).max(50), title: text(50).min(1) });
/** The content of a notice: introduction, table (columns and rows), issuer and where objections go. */
const noticeContent = z.object({
  title: text(200).min(1),
  intro: text(2000).default(''),
  columns: z.array(noticeColumn).min(1).max(20),
  rows: z.array(z.record(z.string(), z.union([z.string().max(500), z.number(), z.null()]))).max(2000),
  issuer: text(200).min(1),
  objectionsTo: text(200).min(1),
});
/** POST /procedures/records/:id/notice: post the notice of a record awaiting a notice step. */
export const postRecordNoticeInput = noticeContent.extend({ version, postedOn: isoDate, days: z.number().int().min(1).max(90) });
/** POST /notices: post a notice of a subject without a procedure record (fund allocation, post payment, asset income). */
export const postNoticeInput = noticeContent.extend({ subjectKind: z.string().min(1).max(50), subjectId: text(100).min(1), regionCode, postedOn: isoDate, days: z.number().int().min(1).max(90) });
/** POST /notices/:id/objections. */
export const noticeObjectionInput = z.object({ version, receivedOn: isoDate, summary: text(2000).min(1) });
/** POST /notices/:id/objections/:oid/resolve. */
export const resolveNoticeObjectionInput = z.object({ version, resolvedOn: isoDate, upheld: z.boolean(), note: text(2000).min(1) });
/** POST /notices/:id/close (notices without a record; a record's notice closes with its step). */
export const closeNoticeInput = z.object({ version, closedOn: isoDate });

export const recordListQuery = z.object({
  region: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, '区划代码应为2、4、6、9或12位数字').optional(),
  subjectKind: z.string().max(50).optional(),
  subjectId: z.string().max(100).optional(),
  open: z.enum(['true', 'false']).optional(),
  limit: qint(z.number().int().min(1).max(500)).default(100),
});
export const noticeListQuery = z.object({
  region: recordListQuery.shape.region,
  status: z.enum(['posted', 'closed', 'withdrawn']).optional(),
  subjectKind: z.string().max(50).optional(),
  limit: qint(z.number().int().min(1).max(500)).default(100),
});
export const recordParams = z.object({ id: qint(z.number().int().positive()) });
export const procedureParams = z.object({ name: z.string().regex(/^[a-z][a-z0-9-]*$/) });

/** A procedure as the API shows it (the definition in force nationally, with the provinces that override it). */
export interface ProcedureDto {
  name: string;
  version: number;
  title: string;
  subjectKind: string;
  source: string;
  projectChoices: string;
  steps: {
    id: string;
    title: string;
    levels: string[];
    roles: string[];
    limit: { days: number; unit: 'calendar' | 'working'; from: 'start' | 'previous'; source: string; projectChoice: boolean } | null;
    notice: { rule: string; title: string; minDays: number | null; unit: 'calendar' | 'working'; source: string; projectChoice: boolean } | null;
    source: string;
    actions: { id: string; title: string; to: string; reasonRequired: boolean; back: boolean }[];
  }[];
  ends: { id: string; title: string; outcome: 'positive' | 'negative' }[];
  provinces: { code: string; source: string; steps: string[] }[];
}

/** A period rule of data/notice-rules.json (GET /notice-rules). */
export interface NoticeRuleDto {
  id: string;
  title: string;
  subjectKinds: string[];
  /** null: no source gives a minimum; the posting level enters the period */
  minDays: number | null;
  unit: 'calendar' | 'working';
  source: string;
  projectChoice: boolean;
}

/** An objection to a notice and its outcome. */
export interface ObjectionDto {
  id: number;
  receivedOn: string;
  summary: string;
  outcome: 'upheld' | 'dismissed' | null;
  resolvedOn: string | null;
  note: string | null;
  recordedBy: string;
}

/** A notice as the API returns it (content after redaction). */
export interface NoticeDto {
  id: number;
  subjectKind: string;
  subjectId: string;
  recordId: number | null;
  /** the monitoring case of a case notice (public_notice; its page is /workflow/cases/:caseId), else null */
  caseId: number | null;
  rule: { id: string; title: string; minDays: number | null; unit: 'calendar' | 'working'; source: string; projectChoice: boolean };
  title: string;
  regionCode: string;
  postedOn: string;
  days: number;
  endsOn: string;
  closableFrom: string;
  status: 'posted' | 'closed' | 'withdrawn';
  closedOn: string | null;
  content: { intro: string; columns: { key: string; title: string }[]; rows: Record<string, string | number | null>[]; issuer: string; objectionsTo: string; dropped: string[] };
  objections: ObjectionDto[];
  version: number;
  postedBy: string;
}

/** An event of a record. */
export interface ProcedureEventDto {
  id: number;
  at: string;
  onDate: string;
  actor: string;
  actorLevel: string;
  step: string | null;
  action: string;
  fromState: string | null;
  toState: string;
  /** Chinese title of toState (step or end) */
  toStateTitle: string;
  reason: string | null;
  details: Record<string, unknown>;
}

/** A record of a procedure as the API returns it. */
export interface ProcedureRecordDto {
  id: number;
  procedure: string;
  procedureVersion: number;
  procedureTitle: string;
  subjectKind: string;
  subjectId: string;
  title: string;
  provinceCode: string;
  regionCode: string;
  state: string;
  stateTitle: string;
  /** null while open; the end's outcome once ended */
  outcome: 'positive' | 'negative' | null;
  currentStep: string | null;
  /** the step awaited: who may act, its time allowed and source, the actions */
  awaiting: { id: string; title: string; levels: string[]; roles: string[]; source: string; notice: string | null; actions: { id: string; title: string; reasonRequired: boolean }[] } | null;
  startedOn: string;
  stepDue: string | null;
  overdue: boolean;
  closedOn: string | null;
  data: Record<string, unknown>;
  version: number;
  createdBy: string;
  createdAt: string;
  notice: NoticeDto | null;
  events: ProcedureEventDto[];
}

/** One item of the worklist of every procedure (monitoring cases included). */
export interface ProcedureWorkItemDto {
  procedure: string;
  procedureTitle: string;
  /** the record id (for monitoring cases: the case id) */
  recordId: number;
  subjectKind: string;
  subjectId: string;
  title: string;
  regionCode: string;
  step: string | null;
  stepTitle: string;
  levels: string[];
  due: string | null;
  overdue: boolean;
  daysOverdue: number;
  why: string;
  /** the web page of the item */
  link: string;
}
