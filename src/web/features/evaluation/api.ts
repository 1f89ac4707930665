/**
 * Typed client of the 监测评价 endpoints (issue 10): indicators, reporting by level, evaluation rounds,
 * the three analyses and the exports of their tables. Shapes follow the server's services
 * (services/indicators, services/evaluation); writes go through sendJson (CSRF token, ApiError).
 */
import { API_BASE, getJson, sendJson, type Query } from '../../api/client';

export interface CatalogueIndicator { id: string; name: string; formula: string; reported: boolean; unit: string; period: string; levels: string[]; direction: string; source: string; version: number }
export interface CatalogueSet { id: string; name: string; version: number; source: string; note: string; indicators: CatalogueIndicator[] }
export interface IndicatorValue { indicatorId: string; indicatorName: string; unit: string; regionCode: string; regionName: string; value: number | null; numerator: number | null; denominator: number | null; origin: 'computed' | 'reported'; definitionVersion: number }
export interface Period { id: number; setId: string; period: string; openedBy: string; openedAt: string }
export interface Submission { countyCode: string; countyName: string; state: string; stateLabel: string; snapshotId: number | null; lockedLevel: string | null; version: number; updatedBy: string; updatedAt: string }
export interface LevelStatus { level: string; regionCode: string; regionName: string; counties: number; byState: Record<string, number>; notSubmitted: { code: string; name: string; state: string }[] }
export interface PeriodStatus { period: Period; states: Record<string, string>; counties: Submission[]; levels: LevelStatus[] }
export interface ReportEvent { id: number; action: string; fromState: string; toState: string; actor: string; actorLevel: string; reason: string | null; at: string }
export interface Round { id: number; kind: string; name: string; year: number; period: string; regionCode: string; counties: string[]; total: number; weights: Record<string, number>; weightsOrigin: string; weightsEnteredByEvaluator: boolean; gradeLines: { good: number; fairlyGood: number; fair: number }; seed: number; computedAt: string | null; template: { name: string; source: string; weightsNote: string; gradesSource: string } }
export interface ItemScore { itemId: string; name: string; weight: number; value: number | null; score: number; lost: number; note: string }
export interface RoundResult { countyCode: string; countyName: string; score: number; rank: number; grade: string; lostPoints: number; snapshotId: number | null; items: ItemScore[] }
export interface Sample { countyCode: string; stratum: string; drawOrder: number; householdNo: string; villageCode: string }
export interface WhatIf { year: number; grassrootsSteps: string[]; townships: { townshipCode: string; townshipName: string; entering: number; leaving: number; workload: number }[]; households: { householdId: number; householdNo: string; townshipCode: string; villageCode: string; change: 'enter' | 'leave'; rulesNow: string[]; rulesThen: string[] }[]; totals: { entering: number; leaving: number; workload: number } }
export interface Triage { lines: { source: string; sourceLabel: string; townshipCode: string; townshipName: string; clues: number; enrolled: number; open: number; enrolledPercent: number | null }[]; sources: { source: string; sourceLabel: string; clues: number; enrolled: number; open: number; enrolledPercent: number | null }[] }
export interface Reconcile { holders: { holder: string; label: string; snapshotId: number; takenAt: string; differences: { indicatorId: string; indicatorName: string; unit: string; now: number | null; held: number | null }[]; households: { householdId: number; householdNo: string; villageCode: string; cause: 'rules' | 'data'; rulesNow: string[]; rulesThen: string[] | null }[] }[] }

export const getCatalogue = (signal?: AbortSignal) => getJson<{ sets: CatalogueSet[] }>('/indicators/catalogue', undefined, signal);
export const getValues = (q: { set: string; period: string; region?: string }, signal?: AbortSignal) => getJson<IndicatorValue[]>('/indicators/values', q, signal);
export const getPeriods = (signal?: AbortSignal) => getJson<Period[]>('/reporting/periods', undefined, signal);
export const getPeriodStatus = (id: number, signal?: AbortSignal) => getJson<PeriodStatus>(`/reporting/periods/${id}`, undefined, signal);
export const getEvents = (id: number, county: string, signal?: AbortSignal) => getJson<ReportEvent[]>(`/reporting/periods/${id}/counties/${county}/events`, undefined, signal);
export const openPeriod = (set: string, period: string) => sendJson<Period>('POST', '/reporting/periods', { set, period });
export const reportAction = (id: number, action: string, counties: string[], reason?: string) => sendJson<Submission[]>('POST', `/reporting/periods/${id}/actions`, { action, counties, reason });
export const getRounds = (signal?: AbortSignal) => getJson<Round[]>('/evaluation/rounds', undefined, signal);
export const getResults = (id: number, signal?: AbortSignal) => getJson<RoundResult[]>(`/evaluation/rounds/${id}/results`, undefined, signal);
export const getCountyResult = (id: number, county: string, signal?: AbortSignal) => getJson<RoundResult>(`/evaluation/rounds/${id}/counties/${county}`, undefined, signal);
export const getSamples = (id: number, county: string, signal?: AbortSignal) => getJson<Sample[]>(`/evaluation/rounds/${id}/samples`, { county }, signal);
export const getWhatIf = (q: Query, signal?: AbortSignal) => getJson<WhatIf>('/analysis/what-if', q, signal);
export const getTriage = (q: { county: string; year: number }, signal?: AbortSignal) => getJson<Triage>('/analysis/triage', q, signal);
export const getReconcile = (q: { county: string; set: string; period: string }, signal?: AbortSignal) => getJson<Reconcile>('/analysis/reconcile', q, signal);

/** URL of the export of a table of these pages (the server audits it; household tables need the export permission). */
export function exportUrl(table: string, q: Query, format: 'csv' | 'xlsx'): string {
  const p = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return `${API_BASE}/exports/evaluation/${table}?${p.toString()}`;
}
export const getSnapshot = (id: number, region: string, signal?: AbortSignal) => getJson<{ values: IndicatorValue[] }>(`/indicators/snapshots/${id}`, { region }, signal);
export const putReported = (body: { set: string; period: string; county: string; indicatorId: string; value: number }) => sendJson<void>('PUT', '/indicators/reported', body);
