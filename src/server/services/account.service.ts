/**
 * Accounts and sign-in: users with a region of any level and roles, argon2id password hashes, lockout
 * after repeated failures, server-side sessions with idle and absolute expiry, forced change of one-time
 * passwords, and user management by administrators of a region (that region only). Rules: see
 * domain/account-policy.ts; roles: domain/permissions.ts. Every change and every sign-in attempt is in
 * the audit log.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Role } from './actor';
import type { Actor } from './actor';
import type { RegionLevel } from '../../shared/enums';
import { afterFailure, lockedAt, passwordProblem, sessionAlive } from '../domain/account-policy';
import { hasPermission, permissionsOf, ROLES, type Permission } from '../domain/permissions';
import { conflict, forbidden, invalidCredentials, notFound, unknownRegion, validationError } from '../errors';
import { AuditRepository } from '../repositories/audit.repository';
import { RegionRepository } from '../repositories/region.repository';
import { inScope, levelOfCode, NATIONAL_SCOPE, regionScope, type Scope } from '../repositories/scope';
import { peek, put } from '../repositories/reference-cache';
import { SESSION_CACHE_PREFIX, UserRepository, type UserRow } from '../repositories/user.repository';
import { auditFields } from './audit.service';
import { nowIso, type ServiceContext } from './context';

/** argon2id parameters (OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1). */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Hash compared when the user does not exist, so that both paths take the same time. */
let dummyHash: Promise<string> | undefined;

/** SHA-256 (hex) of a session token: what the session table stores. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A user as the API shows it. */
export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  /** null = national */
  regionCode: string | null;
  level: RegionLevel;
  roles: Role[];
  /** what the roles allow (domain/permissions.ts), so that the web shows only what the server will accept */
  permissions: Permission[];
  mustChangePassword: boolean;
  locked: boolean;
  disabled: boolean;
  createdAt: string;
}

/** Input of a new user. */
export interface NewUserInput {
  username: string;
  displayName?: string;
  /** null or omitted = national */
  regionCode?: string | null;
  roles: Role[];
}

/** The signed-in session behind a request. */
export interface SessionInfo {
  sessionId: number;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

/**
 * A one-time password of 16 characters with lower- and upper-case letters, digits and a symbol, so
 * that it passes passwordProblem(); look-alike characters (0 O 1 l I) left out.
 */
export function oneTimePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.+'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

const levelOf = (code: string | null): RegionLevel => (code === null ? 'national' : levelOfCode(code));
const rolesOf = (s: string): Role[] => s.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));

/** What deciding on a session needs, as read from the database (and kept a few seconds, see authenticate). */
interface SessionState {
  session: { id: number; csrfToken: string; createdAt: string; lastSeenAt: string };
  user: UserRow;
  /** grants in force when read; each still checked against the clock */
  grants: { householdId: number; expiresAt: string }[];
}

/** The SessionInfo of a live session of an enabled user at `now` (grants ended by then left out). */
function sessionInfo(st: SessionState, now: Date): SessionInfo {
  const at = now.toISOString();
  const granted = [...new Set(st.grants.filter((g) => g.expiresAt > at).map((g) => g.householdId))];
  return { sessionId: st.session.id, csrfToken: st.session.csrfToken, actor: actorOfUser(st.user, granted), mustChangePassword: st.user.mustChangePassword === 1 };
}

/** The Actor of a stored user. */
export function actorOfUser(u: UserRow, grantedHouseholdIds: readonly number[] = []): Actor {
  const scope: Scope = u.regionCode === null ? NATIONAL_SCOPE : grantedHouseholdIds.length ? Object.freeze({ regionCode: u.regionCode, householdIds: Object.freeze([...grantedHouseholdIds]) }) : regionScope(u.regionCode);
  return { username: u.username, userId: u.id, level: levelOf(u.regionCode), regionCode: u.regionCode, roles: rolesOf(u.roles), scope };
}

export class AccountService {
  constructor(private readonly ctx: ServiceContext) {}

  private present(u: UserRow): UserDto {
    const now = this.ctx.clock().toISOString();
    return {
      id: u.id, username: u.username, displayName: u.displayName, regionCode: u.regionCode, level: levelOf(u.regionCode), roles: rolesOf(u.roles), permissions: permissionsOf(rolesOf(u.roles)),
      // locked: some address is locked out of this name (list() fills it from the sign-in failures)
      mustChangePassword: u.mustChangePassword === 1, locked: !!u.lockedUntil && u.lockedUntil > now, disabled: u.disabled === 1, createdAt: u.createdAt,
    };
  }

  /**
   * Creates a user inside the actor's region (user.manage permission). The password is a fresh one-time
   * password that must be changed at first sign-in; `opts.password` with `mustChangePassword: false`
   * is for the test harness and the browser tests only (never reachable from the API).
   * @throws forbidden without the permission or for a region outside the actor's; unknown_region;
   *   validation_error for a bad user name or role; conflict when the user name is taken
   */
  async createUser(actor: Actor, input: NewUserInput, opts: { password?: string; mustChangePassword?: boolean } = {}): Promise<{ user: UserDto; oneTimePassword: string }> {
    if (!hasPermission(actor.roles, 'user.manage')) throw forbidden('没有管理用户的权限');
    const regionCode = input.regionCode ?? null;
    if (!this.regionAllowed(actor.scope, regionCode)) throw forbidden('只能在本人所在区域内创建用户');
    if (!/^[A-Za-z0-9_.-]{3,40}$/.test(input.username)) throw validationError([{ field: 'username', message: '用户名应为3至40个字母、数字、下划线、点或连字符' }]);
    if (!input.roles.length || input.roles.some((r) => !ROLES.includes(r))) throw validationError([{ field: 'roles', message: `角色应为 ${ROLES.join('、')} 中的一个或多个` }]);
    if (regionCode !== null && !(await new RegionRepository(this.ctx.db).get(regionCode))) throw unknownRegion(regionCode);
    const password = opts.password ?? oneTimePassword();
    const passwordHash = await argonHash(password, ARGON2);
    const now = nowIso(this.ctx.clock);
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const users = new UserRepository(trx);
      if (await users.credentials(input.username)) throw conflict(`用户名 ${input.username} 已存在`);
      const newId = await users.insert({
        username: input.username, displayName: input.displayName ?? input.username, regionCode, roles: [...new Set(input.roles)].join(','), passwordHash,
        mustChangePassword: opts.mustChangePassword === false ? 0 : 1, failedAttempts: 0, lockedUntil: null, disabled: 0, createdBy: actor.username, createdAt: now, updatedAt: now,
      });
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'user_create', targetType: 'user', targetId: input.username, regionCode, outcome: 'ok', details: { roles: input.roles, regionCode } }));
      return newId;
    });
    const user = (await new UserRepository(this.ctx.db).byId(id))!;
    return { user: this.present(user), oneTimePassword: password };
  }

  /** A region may be given to a user by an actor when it lies inside the actor's scope (national only by national actors). */
  private regionAllowed(scope: Scope, regionCode: string | null): boolean {
    return regionCode === null ? scope.regionCode === null : inScope(scope, regionCode);
  }

  /** Number of users (the first `npm start` creates the first administrator when there is none). */
  userCount(): Promise<number> {
    return new UserRepository(this.ctx.db).count();
  }

  /**
   * Signs in: checks the password against the argon2id hash (user names match whatever their case).
   * Failures are counted per user name and client address within FAILURE_WINDOW_MINUTES; the
   * MAX_FAILED_SIGN_INS-th locks that name for that address for LOCKOUT_MINUTES (domain/account-policy.ts).
   * An unknown name, a wrong password, a disabled account and a lock all answer the same
   * invalid_credentials after the same argon2 work, so that nobody learns which names exist or locks the
   * real user out from elsewhere (issue 17 point 5). Every attempt is audited (sign_in ok or failed with
   * the reason and the client address). Returns the session token (for the httpOnly cookie) and its CSRF token.
   * @throws invalid_credentials
   */
  async signIn(username: string, password: string, client: { ip: string }): Promise<{ token: string; csrfToken: string; user: UserDto }> {
    const users = new UserRepository(this.ctx.db);
    const key = username.toLowerCase();
    const now = this.ctx.clock();
    const at = now.toISOString();
    const throttle = await users.throttle(key, client.ip);
    const u = await users.credentials(username);
    const fail = async (reason: string) => {
      await this.ctx.db.transaction().execute(async (trx) => {
        // a locked name is not counted further: the lock runs its time
        if (reason !== 'locked') await new UserRepository(trx).saveThrottle({ usernameKey: key, address: client.ip, ...afterFailure(throttle, now) }, at);
        await new AuditRepository(trx).append(auditFields(this.ctx, username, { action: 'sign_in', targetType: 'user', targetId: username, regionCode: u?.regionCode ?? null, outcome: 'failed', details: { reason, ip: client.ip } }));
      });
      throw invalidCredentials();
    };
    // the same argon2 work on every path, so that time does not tell the cases apart either
    dummyHash ??= argonHash('not a password of anyone', ARGON2);
    const ok = await argonVerify(u ? u.passwordHash : await dummyHash, password);
    if (lockedAt(throttle, now)) return fail('locked');
    if (!u) return fail('unknown_user');
    if (!ok || u.disabled === 1) return fail(u.disabled === 1 ? 'disabled' : 'wrong_password');
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.ctx.db.transaction().execute(async (trx) => {
      const r = new UserRepository(trx);
      if (throttle) await r.clearThrottle(key, client.ip);
      await r.insertSession({ tokenHash: tokenHash(token), csrfToken, userId: u.id, createdAt: at, lastSeenAt: at });
      await new AuditRepository(trx).append(auditFields(this.ctx, u.username, { action: 'sign_in', targetType: 'user', targetId: u.username, regionCode: u.regionCode, outcome: 'ok', details: { ip: client.ip } }));
    });
    return { token, csrfToken, user: this.present(u) };
  }

  /**
   * The session of a token, or null when unknown, expired (idle or absolute, see sessionAlive), or its
   * user is disabled. Marks the session as used (at most once a minute). Expired sessions are deleted.
   *
   * A session found alive is kept in this process's memory with its user and grants for
   * `config.sessionCacheMs` (ZX_SESSION_CACHE_SECONDS, default 5 s; issue 15: the three reads were most
   * of a dashboard request), and a request within that time reads nothing: expiry (idle, absolute) and
   * each grant's end are still checked against the clock on every request, and whenever the session is
   * due to be marked as used or looks expired it is read again from the database and decided exactly as
   * without the cache. Every write of users, sessions or grants drops the cached sessions at once (sign-out,
   * password change or reset, role, region or disabled change, new grant: UserRepository), so this
   * server refuses a revoked session at the next request; a change made by another server or by the CLI
   * is seen here within that time (decision 0244).
   */
  async authenticate(token: string): Promise<SessionInfo | null> {
    const hash = tokenHash(token);
    const key = `${SESSION_CACHE_PREFIX}${hash}`;
    const now = this.ctx.clock();
    const hit = await peek<SessionState>(this.ctx.db, key);
    if (hit && sessionAlive(hit.session, now) && now.getTime() - Date.parse(hit.session.lastSeenAt) < 60_000) return sessionInfo(hit, now);
    const users = new UserRepository(this.ctx.db);
    const s = await users.session(hash);
    if (!s) return null;
    if (!sessionAlive(s, now)) {
      await users.deleteSession(s.id);
      return null;
    }
    const u = await users.byId(s.userId);
    if (!u || u.disabled === 1) return null;
    if (now.getTime() - Date.parse(s.lastSeenAt) >= 60_000) {
      await users.touchSession(s.id, now.toISOString());
      s.lastSeenAt = now.toISOString();
    }
    const state: SessionState = { session: s, user: u, grants: u.regionCode === null ? [] : await users.grantsInForce(u.id, now.toISOString()) };
    if (this.ctx.config.sessionCacheMs > 0) put(this.ctx.db, key, Promise.resolve(state), this.ctx.config.sessionCacheMs);
    return sessionInfo(state, now);
  }

  /** Ends a session. */
  async signOut(sessionId: number, actor: Actor): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).deleteSession(sessionId);
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'sign_out', targetType: 'user', targetId: actor.username, outcome: 'ok' }));
    });
    new UserRepository(this.ctx.db).forgetSessions();
  }

  /** The signed-in user. */
  async me(actor: Actor): Promise<UserDto> {
    const u = actor.userId ? await new UserRepository(this.ctx.db).byId(actor.userId) : undefined;
    if (!u) throw notFound('该用户');
    return this.present(u);
  }

  /**
   * Changes the signed-in user's password: the current one must match and the new one pass
   * passwordProblem(). Ends every session of the user, the current one included, and opens a new one:
   * the caller gets a new session token and CSRF token (issue 17 point 6: a session that changed its
   * password kept its cookie and token). Clears the forced change and remembered failures.
   * @throws invalid_credentials for a wrong current password; validation_error naming `newPassword`
   */
  async changePassword(actor: Actor, sessionId: number, currentPassword: string, newPassword: string): Promise<{ token: string; csrfToken: string }> {
    const users = new UserRepository(this.ctx.db);
    const u = actor.userId ? await users.byId(actor.userId) : undefined;
    if (!u) throw notFound('该用户');
    const cred = (await users.credentials(u.username))!;
    if (!(await argonVerify(cred.passwordHash, currentPassword))) throw invalidCredentials();
    const problem = passwordProblem(newPassword, u.username);
    if (problem) throw validationError([{ field: 'newPassword', message: problem }]);
    if (newPassword === currentPassword) throw validationError([{ field: 'newPassword', message: '新密码不能与当前密码相同' }]);
    const passwordHash = await argonHash(newPassword, ARGON2);
    const at = nowIso(this.ctx.clock);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.ctx.db.transaction().execute(async (trx) => {
      const r = new UserRepository(trx);
      await r.update(u.id, { passwordHash, mustChangePassword: 0, updatedAt: at });
      await r.deleteSessionsOf(u.id);
      await r.clearThrottle(u.username.toLowerCase());
      await r.insertSession({ tokenHash: tokenHash(token), csrfToken, userId: u.id, createdAt: at, lastSeenAt: at });
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'password_change', targetType: 'user', targetId: u.username, outcome: 'ok', details: { endedSession: sessionId } }));
    });
    users.forgetSessions();
    return { token, csrfToken };
  }

  /** Users of the actor's region (user.manage). @throws forbidden */
  async list(actor: Actor): Promise<UserDto[]> {
    if (!hasPermission(actor.roles, 'user.manage')) throw forbidden('没有管理用户的权限');
    const users = new UserRepository(this.ctx.db);
    const locked = await users.lockedNames(nowIso(this.ctx.clock));
    return (await users.list(actor.scope)).map((u) => ({ ...this.present(u), locked: locked.has(u.username.toLowerCase()) }));
  }

  /**
   * Changes a user's roles, region or disabled flag (a permission change, audited with before and
   * after), or resets the password to a new one-time password. Ends the user's sessions.
   * @throws forbidden without user.manage or for a target region outside the actor's; not_found for a
   *   user outside the actor's region (indistinguishable from missing)
   */
  async update(actor: Actor, id: number, change: { roles?: Role[]; regionCode?: string | null; disabled?: boolean; resetPassword?: boolean }): Promise<{ user: UserDto; oneTimePassword?: string }> {
    if (!hasPermission(actor.roles, 'user.manage')) throw forbidden('没有管理用户的权限');
    const users = new UserRepository(this.ctx.db);
    const u = await users.getScoped(actor.scope, id);
    if (!u || (u.regionCode === null && actor.scope.regionCode !== null)) throw notFound('该用户');
    if (change.regionCode !== undefined) {
      if (!this.regionAllowed(actor.scope, change.regionCode)) throw forbidden('只能把用户调整到本人所在区域内');
      if (change.regionCode !== null && !(await new RegionRepository(this.ctx.db).get(change.regionCode))) throw unknownRegion(change.regionCode);
    }
    if (change.roles && (!change.roles.length || change.roles.some((r) => !ROLES.includes(r)))) throw validationError([{ field: 'roles', message: `角色应为 ${ROLES.join('、')} 中的一个或多个` }]);
    if (u.id === actor.userId && (change.disabled || (change.roles && !change.roles.includes('admin')))) throw validationError([{ field: 'id', message: '不能停用自己或去掉自己的管理员角色' }]);
    const password = change.resetPassword ? oneTimePassword() : undefined;
    const passwordHash = password ? await argonHash(password, ARGON2) : undefined;
    const at = nowIso(this.ctx.clock);
    await this.ctx.db.transaction().execute(async (trx) => {
      const r = new UserRepository(trx);
      await r.update(u.id, {
        ...(change.roles ? { roles: [...new Set(change.roles)].join(',') } : {}),
        ...(change.regionCode !== undefined ? { regionCode: change.regionCode } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
        ...(passwordHash ? { passwordHash, mustChangePassword: 1, failedAttempts: 0, lockedUntil: null } : {}),
        updatedAt: at,
      });
      await r.deleteSessionsOf(u.id);
      if (password) await r.clearThrottle(u.username.toLowerCase());
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, {
        action: password ? 'password_reset' : 'permission_change', targetType: 'user', targetId: u.username, regionCode: change.regionCode !== undefined ? change.regionCode : u.regionCode, outcome: 'ok',
        details: { before: { roles: u.roles, regionCode: u.regionCode, disabled: u.disabled === 1 }, after: { roles: change.roles?.join(','), regionCode: change.regionCode, disabled: change.disabled } },
      }));
    });
    users.forgetSessions();
    return { user: this.present((await users.byId(u.id))!), oneTimePassword: password };
  }
}
