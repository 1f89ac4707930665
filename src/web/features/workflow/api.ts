/**
 * Typed client of the workflow endpoints (/api/v1/cases, /worklist, /timeliness, measures). Reads go
 * through getJson; writes through sendJson, which throws the server's ApiError (Chinese message, code).
 */
import type { CaseDto, CaseEventDto, CaseKind, CaseState, EliminationAssessmentDto, HouseholdMeasuresDto, MeasureDto, TimelinessDto, TimelinessRowDto, WorkItemDto } from '../../../shared/workflow';
import { API_BASE, ApiError, getJson } from '../../api/client';

/** POST/PATCH a JSON body; returns the parsed answer or throws ApiError. */
export async function sendJson<T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('network_error', '无法连接服务器,请稍后重试', 0);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError('bad_response', `服务器返回了无法解析的内容(HTTP ${res.status})`, res.status);
  }
  if (!res.ok) {
    const e = (parsed as { error?: { code: string; message: string } } | null)?.error;
    throw new ApiError(e?.code ?? 'http_error', e?.message ?? `请求失败(HTTP ${res.status})`, res.status);
  }
  return parsed as T;
}

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
