import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './domain/account-policy';

/**
 * The one error type of the server. Made only by the factories below, each with a stable snake_case
 * code; the HTTP error handler renders `{ error: { code, message, details } }` and the CLI maps the
 * status to an exit code. Messages are Chinese: they reach county staff.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** One field problem: the path of the field (query parameter, body path, file row/column) and why. */
export interface FieldIssue {
  field: string;
  message: string;
  row?: number;
}

/** 400 validation_error: input that does not fit; `issues` name each field and what is wrong. */
export const validationError = (issues: FieldIssue[], message = '输入有误') =>
  new AppError('validation_error', 400, `${message}:${issues.map((i) => `${i.field} ${i.message}`).join(';')}`, { issues });

/** 404 not_found: the record does not exist, or lies outside the caller's region (indistinguishable). */
export const notFound = (what: string) => new AppError('not_found', 404, `未找到${what}`);

/** 400 unknown_region: a region code that is not in the loaded region tree. */
export const unknownRegion = (code: string) =>
  new AppError('unknown_region', 400, `区划代码 ${code} 不在已载入的区划中`, { issues: [{ field: 'region', message: '未知区划代码' }] });

/** 409 conflict: the record changed since it was read, or a unique key is taken. */
export const conflict = (message: string, details?: unknown) => new AppError('conflict', 409, message, details);

/** 400 bad_file: an input file that cannot be read, with where and why. */
export const badFile = (message: string, details?: unknown) => new AppError('bad_file', 400, message, details);

/** 500 config_error: the server cannot run with this configuration (raised at start-up). */
export const configError = (message: string) => new AppError('config_error', 500, message);

/** 404 boundary_file_not_configured: no county boundary file was supplied by the deploying bureau. */
export const boundaryFileNotConfigured = () =>
  new AppError('boundary_file_not_configured', 404, '未配置县级边界文件(ZX_BOUNDARY_FILE);官方地图须使用经审核的标准地图,请由部署单位提供');

/** 403 wrong_level: a workflow step performed by a user of a level the procedure does not allow (reason in the message). */
export const wrongLevel = (message: string, details?: unknown) => new AppError('wrong_level', 403, message, details);

/** 409 step_refused: a workflow step that the case's state or the procedure's rules refuse (out of order, notice still running, criteria not met…), with the reason. */
export const stepRefused = (message: string, details?: unknown) => new AppError('step_refused', 409, message, details);

/** 413 attachment_too_large / 415 attachment_type: an attachment over the size limit or of a type not allowed. */
export const attachmentRejected = (code: 'attachment_too_large' | 'attachment_type', message: string) => new AppError(code, code === 'attachment_too_large' ? 413 : 415, message);
/** 401 unauthenticated: no valid session (signed out, expired, or never signed in). */
export const unauthenticated = (message = '请先登录') => new AppError('unauthenticated', 401, message);

/**
 * 401 invalid_credentials: wrong user name or password, disabled account, or too many failures of this
 * name from this address — never told apart (issue 17 point 5).
 */
export const invalidCredentials = () =>
  new AppError('invalid_credentials', 401, `用户名或密码错误(同一用户名在本机连续失败 ${MAX_FAILED_SIGN_INS} 次后,${LOCKOUT_MINUTES} 分钟内无法登录)`);


/** 429 too_many_requests: too many attempts from one client address; `retryAfterSeconds` says when to try again. */
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('too_many_requests', 429, `尝试过于频繁,请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });

/** 403 forbidden: signed in, but the role or region does not allow this. */
export const forbidden = (message = '没有权限执行此操作') => new AppError('forbidden', 403, message);

/** 403 password_change_required: the user must change the one-time password first. */
export const passwordChangeRequired = () => new AppError('password_change_required', 403, '首次登录须先修改密码');

/** 403 csrf_failed: an unsafe request without the session's CSRF token header. */
export const csrfFailed = () => new AppError('csrf_failed', 403, '请求缺少有效的防伪令牌(X-CSRF-Token),请刷新页面后重试');
