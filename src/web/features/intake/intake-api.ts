/**
 * Client of the intake API (/api/v1/intake): upload (multipart), preview, commit (background job with
 * progress), history, rollback, clues, checks — as the signed-in user (session cookie + CSRF token). Failures are thrown as ApiError with the server's code
 * and Chinese message (bad files carry `details.problems`).
 */
import type { CheckInfoDto, CheckReportDto, ImportBatchDto, ImportJobDto, ImportKindDto, ImportReportDto, ImportRequest, RiskClueDto } from '../../../shared/intake';
import { API_BASE, ApiError, csrfHeader, getJson } from '../../api/client';

async function send<T>(method: string, path: string, body?: unknown, form?: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method,
      // the session cookie goes with the request; unsafe methods carry the session's CSRF token (issue 5)
      headers: { accept: 'application/json', ...(form || body === undefined ? {} : { 'content-type': 'application/json' }), ...csrfHeader() },
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch {
    throw new ApiError('network_error', '无法连接服务器,请稍后重试', 0);
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string; requestId?: string } } | null;
  if (!res.ok) throw Object.assign(new ApiError(json?.error?.code ?? 'bad_response', json?.error?.message ?? `请求失败(${res.status})`, res.status, json?.error?.requestId), { details: (json?.error as { details?: unknown } | undefined)?.details });
  return json as T;
}

export const listKinds = (signal?: AbortSignal) => getJson<ImportKindDto[]>('/intake/kinds', undefined, signal);
export const templateUrl = (kind: string) => `${API_BASE}/intake/templates/${encodeURIComponent(kind)}`;
export function uploadFile(file: File): Promise<{ uploadId: string; fileName: string; bytes: number }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return send('POST', '/intake/uploads', undefined, form);
}
export const previewUpload = (id: string, req: ImportRequest) => send<ImportReportDto>('POST', `/intake/uploads/${id}/preview`, req);
export const problemsUrl = (id: string) => `${API_BASE}/intake/uploads/${id}/problems.xlsx`;
export const commitUpload = (id: string, req: ImportRequest) => send<{ jobId: string }>('POST', `/intake/uploads/${id}/commit`, req);
export const getJob = (id: string) => getJson<ImportJobDto>(`/intake/jobs/${id}`);
export const listImports = (signal?: AbortSignal) => getJson<ImportBatchDto[]>('/intake/imports', undefined, signal);
export const rollbackImport = (id: number) => send<{ batchId: number; households: number }>('POST', `/intake/imports/${id}/rollback`);
export const listClues = (status: string | undefined, signal?: AbortSignal) => getJson<RiskClueDto[]>('/intake/clues', { status }, signal);
export const setClueStatus = (id: number, status: string) => send<void>('PUT', `/intake/clues/${id}/status`, { status });
export const runChecks = (region: string | undefined, signal?: AbortSignal) => getJson<CheckReportDto>('/intake/checks', { region }, signal);
export const checkCatalogue = (f: { family?: string; level?: string; q?: string }, signal?: AbortSignal) => getJson<{ checks: CheckInfoDto[] }>('/intake/checks/catalogue', f, signal);
export const checksXlsxUrl = (region: string | undefined) => `${API_BASE}/intake/checks.xlsx${region ? `?region=${region}` : ''}`;

/** Whether the user's roles grant personal.export (domain/permissions.ts: 审核员, 县级审批员), needed by the problem-list and check-report downloads. */
export const mayExportPersonalData = (roles: readonly string[] | undefined) => !!roles?.some((r) => r === 'reviewer' || r === 'countyApprover');
