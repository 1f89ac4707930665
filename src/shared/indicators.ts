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
