/**
 * Typed client of the workflow endpoints (/api/v1/cases, /worklist, /timeliness, measures). Reads go
 * through getJson; writes through the shared sendJson, which sends the session's CSRF token and throws the
 * server's ApiError (Chinese message, code).
 */
import type { CaseDto, CaseEventDto, CaseKind, CaseState, EliminationAssessmentDto, HouseholdMeasuresDto, MeasureDto, TimelinessDto, TimelinessRowDto, WorkItemDto } from '../../../shared/workflow';
import { API_BASE, getJson, sendJson } from '../../api/client';

export const getWorklist = (region: string | undefined, signal?: AbortSignal) => getJson<WorkItemDto[]>('/worklist', { region, limit: 200 }, signal);
export const getOverdue = (region: string | undefined, signal?: AbortSignal) => getJson<WorkItemDto[]>('/cases/overdue', { region, limit: 200 }, signal);
export const getCase = (id: number | string, signal?: AbortSignal) => getJson<CaseDto>(`/cases/${id}`, undefined, signal);
export const getTimeliness = (region: string | undefined, signal?: AbortSignal) => getJson<TimelinessDto>('/timeliness', { region }, signal);
export const getTimelinessChildren = (region: string | undefined, signal?: AbortSignal) => getJson<TimelinessRowDto[]>('/timeliness/children', { region }, signal);
export const getMeasures = (householdId: number, signal?: AbortSignal) => getJson<HouseholdMeasuresDto>(`/households/${householdId}/measures`, undefined, signal);
export const getTimeline = (householdId: number, signal?: AbortSignal) =>
  getJson<{ cases: { id: number; kind: CaseKind; state: CaseState; clueDate: string; decidedOn: string | null }[]; events: CaseEventDto[] }>(`/households/${householdId}/timeline`, undefined, signal);
export const getAssessment = (householdId: number, signal?: AbortSignal) => getJson<EliminationAssessmentDto>(`/households/${householdId}/elimination-assessment`, { mode: 'assistance' }, signal);
export const openCase = (body: unknown) => sendJson<CaseDto>('POST', '/cases', body);
export const recordStep = (id: number, step: string, body: unknown) => sendJson<CaseDto>('POST', `/cases/${id}/steps/${step}`, body);
export const caseAction = (id: number, path: string, body: unknown) => sendJson<CaseDto>('POST', `/cases/${id}/${path}`, body);
export const addMeasure = (householdId: number, body: unknown) => sendJson<MeasureDto>('POST', `/households/${householdId}/measures`, body);
export const uploadAttachment = (id: number, body: unknown) => sendJson<{ id: number }>('POST', `/cases/${id}/attachments`, body);
/** URL of the printable notice of a case. */
export const noticeUrl = (id: number) => `${API_BASE}/cases/${id}/notice.html`;
/** Today's date (local) as YYYY-MM-DD. */
export const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
