/**
 * Request schemas of the indicator, reporting and evaluation endpoints (issue 10 items 3–7), one per
 * endpoint, shared by the server routes and the web client. Periods: `2025` (year), `2025Q1` (quarter),
 * `2025-03` (month). Region codes are strings ('' is never sent: no region = the caller's whole region).
 */
import { z } from 'zod';
import { regionCode } from './registry';

/** A reporting period text. */
export const periodText = z.string().regex(/^\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$/, '报告期应为 2025、2025Q1 或 2025-03');
/** An indicator set id (file name of data/indicators/<set>.json). */
export const setId = z.string().regex(/^[a-z][a-z0-9-]*$/, '指标集编号有误');
const county = z.string().regex(/^\d{6}$/, '县级区划代码应为6位数字');
const id = z.coerce.number().int().positive();

/** GET /indicators/values: live values (nothing written). */
export const indicatorValuesQuery = z.object({ set: setId, period: periodText, region: regionCode.optional() });
/** POST /indicators/snapshots: take a snapshot of the set for the period over the caller's region (or `region`). */
export const snapshotBody = z.object({ set: setId, period: periodText, region: regionCode.optional() });
/** GET /indicators/snapshots */
export const snapshotListQuery = z.object({ set: setId, period: periodText.optional() });
/** GET /indicators/snapshots/:id */
export const snapshotParams = z.object({ id });
export const snapshotValuesQuery = z.object({ region: regionCode.optional() });
/** PUT /indicators/reported: a county's hand-reported value of an indicator with no data in the system. */
export const reportedValueBody = z.object({ set: setId, period: periodText, county, indicatorId: z.string().min(1).max(8), value: z.number().finite() });

/** POST /reporting/periods: open a reporting period (national users). */
export const openPeriodBody = z.object({ set: setId, period: periodText });
export const periodParams = z.object({ id });
/** POST /reporting/periods/:id/actions: one step on the reports of some counties, all or none. */
export const reportActionBody = z.object({
  /** submit | approve | return | lock | unlock (data/indicators/reporting.json) */
  action: z.enum(['submit', 'approve', 'return', 'lock', 'unlock']),
  counties: z.array(county).min(1).max(1000),
  /** required for return and unlock */
  reason: z.string().max(500).optional(),
  /** the report's version as read (one county only): a stale one is refused with 409 */
  version: z.number().int().positive().optional(),
});
export const periodCountyParams = z.object({ id, county });

const grade = z.number().min(0).max(1000);
/** POST /evaluation/rounds: open an evaluation round (indicator.approve). */
export const createRoundBody = z.object({
  /** template: houpinggu | xianjie-zijin | zhongdian-jiance | dongxi-xiezuo | dingdian-bangfu (data/evaluation) */
  kind: z.string().regex(/^[a-z][a-z-]*$/),
  year: z.number().int().min(2014).max(2100),
  period: periodText.optional(),
  /** evaluating region; default the caller's */
  region: regionCode.optional(),
  counties: z.array(county).min(1).max(1000).optional(),
  total: z.number().positive().max(1000).optional(),
  /** weight per item id; required where the template has no public source for them */
  weights: z.record(z.string(), z.number().finite()).optional(),
  /** lowest score of 好, 较好, 一般 */
  gradeLines: z.object({ good: grade, fairlyGood: grade, fair: grade }),
  seed: z.number().int().min(0).max(2147483647).optional(),
});
export const roundParams = z.object({ id });
export const roundCountyParams = z.object({ id, county });
/** PUT /evaluation/rounds/:id/entries: an item entered for a county by the evaluating level. */
export const roundEntryBody = z.object({ county, itemId: z.string().min(1).max(8), value: z.number().finite() });
export const samplesQuery = z.object({ county: county.optional() });
const pct = z.coerce.number().int().min(0).max(1000).optional();
/** GET /analysis/what-if: threshold (yuan per person and year) and/or rule parameters; nothing written. */
export const whatIfQuery = z.object({
  region: regionCode.optional(),
  year: z.coerce.number().int().min(2014).max(2100),
  thresholdYuan: z.coerce.number().int().min(1).max(99999).optional(),
  nearThresholdMarginPercent: pct,
  largeFallPercent: pct,
  medicalSpendingSharePercent: pct,
});
/** GET /analysis/triage */
export const triageQuery = z.object({ county, year: z.coerce.number().int().min(2014).max(2100) });
/** GET /analysis/reconcile */
export const reconcileQuery = z.object({ county, set: setId, period: periodText });
/** The tables of the 监测评价 pages that export (GET /exports/evaluation/:table). */
export const EVALUATION_EXPORT_TABLES = ['catalogue', 'values', 'snapshot', 'reporting', 'reporting-levels', 'results', 'lost-points', 'samples', 'what-if', 'what-if-townships', 'triage', 'reconcile'] as const;
export const evaluationExportParams = z.object({ table: z.enum(EVALUATION_EXPORT_TABLES) });
/** Parameters of every export table (each uses those of its page); format and CSV encoding. */
export const evaluationExportQuery = whatIfQuery.partial().extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  encoding: z.enum(['utf-8', 'gbk', 'gb18030']).default('utf-8'),
  set: setId.optional(),
  period: periodText.optional(),
  id: z.coerce.number().int().positive().optional(),
  county: county.optional(),
});
