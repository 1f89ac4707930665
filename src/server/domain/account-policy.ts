/**
 * Rules of sign-in and sessions, as data. Sources:
 * - GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》8.1.4.1 身份鉴别 a)–b): identities are unique,
 *   passwords are complex and changed, failed sign-ins are handled ("限制非法登录次数"), sessions end
 *   after a time-out ("登录连接超时自动退出").
 * - 《个人信息保护法》第五十一条: access control and security measures for personal information.
 * The standard names the measures, not the numbers: the numbers below are this project's choices
 * (commonly used values for level-3 systems), to be confirmed by the deploying bureau.
 */

/**
 * Failed sign-ins of one user name from one client address, within FAILURE_WINDOW_MINUTES, after which
 * that address may not sign in with that name for LOCKOUT_MINUTES (GB/T 22239-2019 8.1.4.1 b, numbers
 * chosen here). Per address, so that nobody can lock the real user out from elsewhere (issue 17 point 5);
 * a lock is answered exactly like a wrong password or an unknown name.
 */
export const MAX_FAILED_SIGN_INS = 5;
/** Window in which failures are counted, in minutes: two failures further apart than this do not add up (chosen here). */
export const FAILURE_WINDOW_MINUTES = 15;
/** How long a name stays locked for an address, in minutes (chosen here). */
export const LOCKOUT_MINUTES = 15;
/**
 * Sign-in attempts allowed per client address per minute, whatever the user names, before 429 (against
 * password spraying; chosen here, ZX_SIGN_IN_RATE_PER_ADDRESS overrides it for offices behind one NAT).
 */
export const SIGN_IN_RATE_PER_ADDRESS_PER_MINUTE = 30;
/** A session ends after this many minutes without a request (GB/T 22239-2019 8.1.4.1 b, number chosen here). */
export const SESSION_IDLE_MINUTES = 30;
/** A session ends this many hours after sign-in whatever the activity (chosen here). */
export const SESSION_ABSOLUTE_HOURS = 12;
/** Minimum password length (GB/T 22239-2019 8.1.4.1 a "口令具有复杂度要求", number chosen here). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest temporary access to another region's household (人户分离), in days (chosen here). */
export const MAX_TEMPORARY_ACCESS_DAYS = 30;

/**
 * Why a new password is refused, or null when acceptable: at least MIN_PASSWORD_LENGTH characters and
 * at least three of: lower-case letters, upper-case letters, digits, other characters; not the user name.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > 128) return '密码最多 128 个字符';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return '密码须包含小写字母、大写字母、数字、其他符号中的至少三类';
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

/** Whether a session is still alive at `now` (ISO times). */
export function sessionAlive(s: { createdAt: string; lastSeenAt: string }, now: Date): boolean {
  const idleEnds = Date.parse(s.lastSeenAt) + SESSION_IDLE_MINUTES * 60_000;
  const absoluteEnds = Date.parse(s.createdAt) + SESSION_ABSOLUTE_HOURS * 3_600_000;
  return now.getTime() < idleEnds && now.getTime() < absoluteEnds;
}

/** What is remembered of failed sign-ins of one user name from one address. */
export interface FailureState {
  failures: number;
  /** ISO time of the first failure counted */
  windowStart: string;
  /** ISO time until which the name is refused from the address, or null */
  lockedUntil: string | null;
}

/** Whether the name is locked for the address at `now`. */
export function lockedAt(t: FailureState | undefined, now: Date): boolean {
  return !!t?.lockedUntil && Date.parse(t.lockedUntil) > now.getTime();
}

/**
 * The state after one more failure at `now`: failures older than FAILURE_WINDOW_MINUTES are forgotten
 * (two failures 1.5 hours apart never add up); the MAX_FAILED_SIGN_INS-th within the window locks for
 * LOCKOUT_MINUTES and starts a fresh count. `expiresAt` is when the state no longer matters.
 */
export function afterFailure(prev: FailureState | undefined, now: Date): FailureState & { expiresAt: string } {
  const t = now.getTime();
  const windowOpen = prev && !lockedAt(prev, now) && t - Date.parse(prev.windowStart) < FAILURE_WINDOW_MINUTES * 60_000;
  const failures = windowOpen ? prev.failures + 1 : 1;
  const windowStart = windowOpen ? prev.windowStart : now.toISOString();
  if (failures >= MAX_FAILED_SIGN_INS) {
    const until = new Date(t + LOCKOUT_MINUTES * 60_000).toISOString();
    return { failures: 0, windowStart: now.toISOString(), lockedUntil: until, expiresAt: until };
  }
  return { failures, windowStart, lockedUntil: null, expiresAt: new Date(Date.parse(windowStart) + FAILURE_WINDOW_MINUTES * 60_000).toISOString() };
}
