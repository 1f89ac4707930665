/**
 * Accounts' SQL: users, server-side sessions and temporary access grants. Users are regional data of a
 * kind: the listing and lookup for administrators take a Scope (a user's region must lie inside it).
 * Password hashes are selected only by `credentials()`. Failed sign-ins are remembered per user name
 * and client address (`sign_in_throttle`).
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { AccessGrantTable, SignInThrottleTable, UserAccountTable } from '../db/schema';
import type { Scope } from './scope';
import { invalidate } from './reference-cache';

/**
 * Prefix of the signed-in sessions that AccountService.authenticate keeps in the per-process cache
 * (reference-cache.ts, decision 0244). Every write below to users, sessions or grants drops them all: such
 * writes are rare, and a revoked session must be refused at once.
 */
export const SESSION_CACHE_PREFIX = 'session:';

/** A user without the password hash. */
export type UserRow = Omit<UserAccountTable, 'id' | 'passwordHash'> & { id: number };

const USER_COLUMNS = ['id', 'username', 'displayName', 'regionCode', 'roles', 'mustChangePassword', 'failedAttempts', 'lockedUntil', 'disabled', 'createdBy', 'createdAt', 'updatedAt'] as const;

/** Restricts a user query to users whose region lies inside the scope (national users only to the national scope). */
function userScoped<Q extends { where: (...a: any[]) => any }>(q: Q, scope: Scope): Q {
  if (scope.regionCode === null) return q;
  return q.where('regionCode', 'like', `${scope.regionCode}%`) as Q;
}

export type GrantRow = Omit<AccessGrantTable, 'id'> & { id: number };

export class UserRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a user; returns its id. */
  async insert(u: Omit<UserAccountTable, 'id'>): Promise<number> {
    return (await this.db.insertInto('userAccount').values(u).returning('id').executeTakeFirstOrThrow()).id;
  }

  /**
   * A user by name, whatever its case, with the password hash (for sign-in only), not scoped: names are
   * unique nationally and case-insensitively (index on lower(username)).
   */
  credentials(username: string): Promise<(UserRow & { passwordHash: string }) | undefined> {
    return this.db
      .selectFrom('userAccount')
      .select([...USER_COLUMNS, 'passwordHash'])
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  }

  /** The failed sign-ins of a user name (lower case) from an address, if any are remembered. */
  throttle(usernameKey: string, address: string): Promise<SignInThrottleTable | undefined> {
    return this.db.selectFrom('signInThrottle').selectAll().where('usernameKey', '=', usernameKey).where('address', '=', address).executeTakeFirst();
  }

  /** Writes the failure count of a user name from an address, and deletes rows that expired before `now`. */
  async saveThrottle(t: SignInThrottleTable, now: string): Promise<void> {
    await this.db.deleteFrom('signInThrottle').where('expiresAt', '<', now).execute();
    await this.db
      .insertInto('signInThrottle')
      .values(t)
      .onConflict((oc) => oc.columns(['usernameKey', 'address']).doUpdateSet({ failures: t.failures, windowStart: t.windowStart, lockedUntil: t.lockedUntil, expiresAt: t.expiresAt }))
      .execute();
  }

  /** Forgets the failures of a user name: from one address (after a sign-in there) or from all (password reset). */
  async clearThrottle(usernameKey: string, address?: string): Promise<void> {
    await this.db.deleteFrom('signInThrottle').where('usernameKey', '=', usernameKey).$if(address !== undefined, (q) => q.where('address', '=', address!)).execute();
  }

  /** User names (lower case) that some address is locked out of at `now` (shown to administrators as `locked`). */
  async lockedNames(now: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('signInThrottle').select('usernameKey').distinct().where('lockedUntil', '>', now).execute();
    return new Set(rows.map((r) => r.usernameKey));
  }

  /** A user by id, not scoped (sessions and the acting user). */
  byId(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('userAccount').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** A user by id inside the scope, or undefined. */
  getScoped(scope: Scope, id: number): Promise<UserRow | undefined> {
    return userScoped(this.db.selectFrom('userAccount').select(USER_COLUMNS).where('id', '=', id), scope).executeTakeFirst();
  }

  /** Users whose region lies inside the scope, by user name. */
  list(scope: Scope): Promise<UserRow[]> {
    return userScoped(this.db.selectFrom('userAccount').select(USER_COLUMNS), scope).orderBy('username').execute();
  }

  /** Number of users. */
  async count(): Promise<number> {
    const r = await this.db.selectFrom('userAccount').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Updates a user's fields. */
  async update(id: number, set: Partial<Omit<UserAccountTable, 'id'>>): Promise<void> {
    invalidate(this.db, SESSION_CACHE_PREFIX);
    await this.db.updateTable('userAccount').set(set).where('id', '=', id).execute();
  }

  /** Inserts a session. */
  async insertSession(s: { tokenHash: string; csrfToken: string; userId: number; createdAt: string; lastSeenAt: string }): Promise<void> {
    await this.db.insertInto('userSession').values(s).execute();
  }

  /** A session by its token hash. */
  session(tokenHash: string) {
    return this.db.selectFrom('userSession').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  /** Marks a session as used now. */
  async touchSession(id: number, at: string): Promise<void> {
    await this.db.updateTable('userSession').set({ lastSeenAt: at }).where('id', '=', id).execute();
  }

  /** Deletes one session. */
  async deleteSession(id: number): Promise<void> {
    invalidate(this.db, SESSION_CACHE_PREFIX);
    await this.db.deleteFrom('userSession').where('id', '=', id).execute();
  }

  /** Deletes every session of a user (password change, disabling, role change). */
  async deleteSessionsOf(userId: number): Promise<void> {
    invalidate(this.db, SESSION_CACHE_PREFIX);
    await this.db.deleteFrom('userSession').where('userId', '=', userId).execute();
  }

  /** Inserts a temporary access grant; returns its id. */
  async insertGrant(g: Omit<AccessGrantTable, 'id'>): Promise<number> {
    invalidate(this.db, SESSION_CACHE_PREFIX);
    return (await this.db.insertInto('accessGrant').values(g).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Grants of a user still in force at `now` (not expired, not revoked): household id and expiry (ISO). */
  grantsInForce(userId: number, now: string): Promise<{ householdId: number; expiresAt: string }[]> {
    return this.db.selectFrom('accessGrant').select(['householdId', 'expiresAt']).where('userId', '=', userId).where('expiresAt', '>', now).where('revokedAt', 'is', null).execute();
  }

  /**
   * Drops this process's cached sessions (after a transaction that changed users, sessions or grants
   * committed: a request in between, on another connection of the pool, may have cached the rows before it).
   */
  forgetSessions(): void {
    invalidate(this.db, SESSION_CACHE_PREFIX);
  }

  /** Grants of users inside the scope, newest first. */
  grants(scope: Scope): Promise<(GrantRow & { username: string })[]> {
    let q = this.db.selectFrom('accessGrant as g').innerJoin('userAccount as u', 'u.id', 'g.userId').selectAll('g').select('u.username');
    if (scope.regionCode !== null) q = q.where('u.regionCode', 'like', `${scope.regionCode}%`);
    return q.orderBy('g.id', 'desc').execute() as Promise<(GrantRow & { username: string })[]>;
  }
}
