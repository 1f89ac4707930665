/**
 * Typed client of the HTTP API /api/v1: one function per endpoint. Every failure (HTTP error body,
 * network error, non-JSON answer) is thrown as an {@link ApiError} carrying the stable `code` and the
 * (Chinese) `message` that the UI shows.
 */
import type {
  MetaDto,
  ApiErrorBody, HouseholdDetailDto, HouseholdListItem, KeyCountyDto, Page, RegionFiguresRow, RegionSummaryDto,
  RuleDto, ThresholdDto,
} from '../../shared/api';
import type { HouseholdType, MonitoredCategory, RiskType } from '../../shared/enums';

/** Base path of the API (same origin; proxied to the server in development). */
export const API_BASE = '/api/v1';

/** An API failure: `code` is the server's stable snake_case code (or `network_error` / `bad_response`). */
export class ApiError extends Error {
  /** Stable error code from the server's error body. */
  readonly code: string;
  /** HTTP status, 0 when the request never got an answer. */
  readonly status: number;
  /** Request id reported by the server, if any. */
  readonly requestId: string | undefined;

  constructor(code: string, message: string, status: number, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
}

/** Query parameters; undefined, null and empty strings are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** GET a JSON resource; throws {@link ApiError} on any failure. */
export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('network_error', '无法连接服务器,请稍后重试', 0);
  }
  let body: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError('bad_response', `服务器返回了无法解析的内容(HTTP ${response.status})`, response.status);
    }
  }
  if (!response.ok || isErrorBody(body)) {
    if (isErrorBody(body)) {
      throw new ApiError(body.error.code, body.error.message, response.status, body.error.requestId);
    }
    throw new ApiError('http_error', `请求失败(HTTP ${response.status})`, response.status);
  }
  return body as T;
}

/**
 * Answer of GET /meta. Not (yet) declared in src/shared/api.ts, so it is typed here from the brief.
 */

/** Filters and ordering of GET /households. Income bounds are fen. */
export interface HouseholdQuery {
  region?: string;
  householdType?: HouseholdType;
  category?: MonitoredCategory;
  rule?: string;
  riskType?: RiskType;
  incomeMinFen?: number;
  incomeMaxFen?: number;
  q?: string;
  year?: number;
  sort?: 'householdNo' | 'perCapitaNetIncomeFen' | 'memberCount';
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
}

/** A minimal GeoJSON FeatureCollection of county shapes (properties.adcode = 6-digit county code). */
export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { adcode?: string | number; name?: string; [key: string]: unknown } | null;
    geometry: unknown;
  }[];
}

/** GET /meta: default year, years, key-county load state, demo-data flag. */
export function getMeta(signal?: AbortSignal): Promise<MetaDto> {
  return getJson<MetaDto>('/meta', undefined, signal);
}

/** GET /summary: key figures of a region (omit `region` for all key counties) in a year. */
export function getSummary(region: string | undefined, year: number | undefined, signal?: AbortSignal): Promise<RegionSummaryDto> {
  return getJson<RegionSummaryDto>('/summary', { region, year }, signal);
}

/** GET /summary/children: one figures row per child region. */
export function getSummaryChildren(region: string | undefined, year: number | undefined, signal?: AbortSignal): Promise<RegionFiguresRow[]> {
  return getJson<RegionFiguresRow[]>('/summary/children', { region, year }, signal);
}

/** GET /key-counties: key counties with their figures, optionally of one province. */
export function getKeyCounties(year: number | undefined, province?: string, signal?: AbortSignal): Promise<KeyCountyDto[]> {
  return getJson<KeyCountyDto[]>('/key-counties', { year, province }, signal);
}

/** GET /households: one cursor page of households matching the filters. */
export function listHouseholds(query: HouseholdQuery, signal?: AbortSignal): Promise<Page<HouseholdListItem>> {
  return getJson<Page<HouseholdListItem>>('/households', { ...query }, signal);
}

/** GET /households/:id: a household with members, incomes and verdicts. */
export function getHousehold(id: string | number, year: number | undefined, signal?: AbortSignal): Promise<HouseholdDetailDto> {
  return getJson<HouseholdDetailDto>(`/households/${encodeURIComponent(String(id))}`, { year }, signal);
}

/** GET /rules: the screening rules. */
export function listRules(signal?: AbortSignal): Promise<RuleDto[]> {
  return getJson<RuleDto[]>('/rules', undefined, signal);
}

/** GET /thresholds: monitoring thresholds of a year with their status. */
export function listThresholds(year: number | undefined, signal?: AbortSignal): Promise<ThresholdDto[]> {
  return getJson<ThresholdDto[]>('/thresholds', { year }, signal);
}

/**
 * GET /map/boundaries: the county boundary GeoJSON configured by the bureau, or `null` when none is
 * configured (404 `boundary_file_not_configured`). Other failures are thrown.
 */
export async function getBoundaries(signal?: AbortSignal): Promise<BoundaryCollection | null> {
  try {
    return await getJson<BoundaryCollection>('/map/boundaries', undefined, signal);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'boundary_file_not_configured') return null;
    throw err;
  }
}

/* ---- accounts (issue 5) ---- */

let csrfToken: string | undefined;
/** Keeps the session's CSRF token (from sign-in or /auth/me) for unsafe requests. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The `X-CSRF-Token` header of the session (empty when signed out), for clients sending their own unsafe requests (multipart uploads). */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/**
 * Sends a JSON body with an unsafe method (POST, PUT, PATCH, DELETE) and the session's CSRF token in
 * `X-CSRF-Token`; returns the JSON answer (undefined for 204). Throws {@link ApiError} on any failure.
 */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path), {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network_error', '无法连接服务器,请稍后重试', 0);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError('bad_response', `服务器返回了无法解析的内容(HTTP ${response.status})`, response.status);
  }
  if (!response.ok) {
    if (isErrorBody(parsed)) throw new ApiError(parsed.error.code, parsed.error.message, response.status, parsed.error.requestId);
    throw new ApiError('http_error', `请求失败(HTTP ${response.status})`, response.status);
  }
  return parsed as T;
}

/** A user as GET /auth/me and /users show it. */
export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  regionCode: string | null;
  level: string;
  roles: string[];
  /** what the roles allow (server: domain/permissions.ts) */
  permissions: string[];
  mustChangePassword: boolean;
  locked: boolean;
  disabled: boolean;
  createdAt: string;
}

/** GET /auth/me: the signed-in user and the CSRF token (401 unauthenticated when signed out). */
export function getMe(signal?: AbortSignal): Promise<{ user: UserDto; csrfToken: string }> {
  return getJson('/auth/me', undefined, signal);
}

/** POST /auth/sign-in */
export function signIn(username: string, password: string): Promise<{ user: UserDto; csrfToken: string }> {
  return sendJson('POST', '/auth/sign-in', { username, password });
}

/** POST /auth/sign-out */
export function signOut(): Promise<void> {
  return sendJson('POST', '/auth/sign-out');
}

/** POST /auth/change-password: the server ends the session and opens a new one, with a new CSRF token. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const r = await sendJson<{ csrfToken: string }>('POST', '/auth/change-password', { currentPassword, newPassword });
  setCsrfToken(r.csrfToken);
}

/** GET /users: users of the administrator's region. */
export function listUsers(signal?: AbortSignal): Promise<UserDto[]> {
  return getJson('/users', undefined, signal);
}

/** POST /users: creates a user; the one-time password is shown once. */
export function createUser(input: { username: string; displayName?: string; regionCode: string | null; roles: string[] }): Promise<{ user: UserDto; oneTimePassword: string }> {
  return sendJson('POST', '/users', input);
}

/** PATCH /users/:id */
export function updateUser(id: number, change: { roles?: string[]; regionCode?: string | null; disabled?: boolean; resetPassword?: boolean }): Promise<{ user: UserDto; oneTimePassword?: string }> {
  return sendJson('PATCH', `/users/${id}`, change);
}

/** One audit event. */
export interface AuditEventDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  regionCode: string | null;
  outcome: string;
  details: string;
}

/** GET /audit: events of the administrator's region, newest first. */
export function searchAudit(q: { actor?: string; action?: string; beforeId?: number; limit?: number }, signal?: AbortSignal): Promise<AuditEventDto[]> {
  return getJson('/audit', q, signal);
}

/** POST /persons/:id/id-number: the full ID number, with a reason (logged). */
export function revealIdNumber(personId: number, reason: string): Promise<{ idNumber: string }> {
  return sendJson('POST', `/persons/${personId}/id-number`, { reason });
}

/** A household found by POST /households/search. */
export interface HouseholdMatchDto { householdId: number; householdNo: string; headName: string; villageCode: string; matchedBy: 'idNumber' | 'name' }

/** POST /households/search: by ID number (in the body, never in the URL) and/or any part of a name. */
export function searchHouseholds(q: { idNumber?: string; name?: string }): Promise<HouseholdMatchDto[]> {
  return sendJson<HouseholdMatchDto[]>('POST', '/households/search', q);
}
