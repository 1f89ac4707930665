/**
 * Typed client of the procedure engine and notice endpoints (/api/v1/procedures, /procedure-records,
 * /procedure-worklist, /procedure-overdue, /notices). Reads through getJson, writes through sendJson (CSRF
 * token; throws the server's ApiError with its Chinese message).
 */
import type { NoticeDto, ProcedureDto, ProcedureRecordDto, ProcedureWorkItemDto } from '../../../shared/procedure';
import { API_BASE, getJson, sendJson } from '../../api/client';

export const getProcedures = (signal?: AbortSignal) => getJson<ProcedureDto[]>('/procedures', undefined, signal);
export const getRecords = (name: string | null, region: string | undefined, signal?: AbortSignal) =>
  getJson<Omit<ProcedureRecordDto, 'notice' | 'events'>[]>(name ? `/procedures/${name}/records` : '/procedure-records', { region, limit: 200 }, signal);
export const getRecord = (id: number | string, signal?: AbortSignal) => getJson<ProcedureRecordDto>(`/procedure-records/${id}`, undefined, signal);
export const getAllWork = (region: string | undefined, overdue: boolean, signal?: AbortSignal) =>
  getJson<ProcedureWorkItemDto[]>(overdue ? '/procedure-overdue' : '/procedure-worklist', { region, limit: 200 }, signal);
export const getNotices = (region: string | undefined, signal?: AbortSignal) => getJson<NoticeDto[]>('/notices', { region, limit: 200 }, signal);
export const getNotice = (id: number | string, signal?: AbortSignal) => getJson<NoticeDto>(`/notices/${id}`, undefined, signal);
export const openRecord = (name: string, body: unknown) => sendJson<ProcedureRecordDto>('POST', `/procedures/${name}/records`, body);
export const actOnRecord = (id: number, body: unknown) => sendJson<ProcedureRecordDto>('POST', `/procedure-records/${id}/act`, body);
export const postRecordNotice = (id: number, body: unknown) => sendJson<ProcedureRecordDto>('POST', `/procedure-records/${id}/notice`, body);
export const noticeAction = (id: number, path: string, body: unknown) => sendJson<NoticeDto>('POST', `/notices/${id}/${path}`, body);
/** URL of the A4 print page of a notice (redacted). */
export const noticePrintUrl = (id: number) => `${API_BASE}/notices/${id}/print.html`;

/** Rows of a notice typed one per line: "first, note" (a tab, comma or Chinese comma separates), empty lines skipped. */
export function linesToRows(lines: string, firstKey: string): Record<string, string>[] {
  return lines.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [first, ...rest] = l.split(/[\t,,]/);
    return { [firstKey]: first!.trim(), note: rest.join(',').trim() };
  });
}
