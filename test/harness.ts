/**
 * Test harness: a fresh migrated database per test file on SQLite (in memory) and on PostgreSQL (a
 * schema of its own in the `test` database), services with a fixed clock and key, and the Fastify app
 * for inject(). Every repository, service and API suite runs on both dialects through forEachDialect.
 *
 * PostgreSQL: ZX_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test). When it cannot be
 * reached, the PostgreSQL suites fail under CI (CI=true) and are skipped, loudly, elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import pinoLib from 'pino';
import type pino from 'pino';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../src/server/logger';
import { describe } from 'vitest';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../src/server/config';
import { openDatabase, type Db, type Dialect } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { IdProtector } from '../src/server/crypto/id-protector';
import { createServices, type Services } from '../src/server/container';
import { buildApp } from '../src/server/app';
import { systemActor, type Role } from '../src/server/services/actor';

export const PG_URL = process.env.ZX_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Fixed test key (not secret: tests only). */
export const TEST_KEY = Buffer.alloc(32, 7);
/** Fixed clock of the tests: 2026-03-15 10:00 UTC. */
export const TEST_NOW = new Date('2026-03-15T10:00:00Z');

let pgReachable: boolean | undefined;
/** Whether PostgreSQL answers (checked once per file). */
export async function postgresReachable(): Promise<boolean> {
  if (pgReachable !== undefined) return pgReachable;
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    pgReachable = true;
  } catch {
    pgReachable = false;
  } finally {
    await c.end().catch(() => {});
  }
  return pgReachable;
}

/** A fresh migrated database of the dialect, and a function that drops it. */
export async function newTestDb(dialect: Dialect): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    return { db, drop: () => db.destroy() };
  }
  if (!(await postgresReachable())) throw new Error(`PostgreSQL 不可用(${PG_URL}):测试无法在 PostgreSQL 上运行`);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openDatabase(PG_URL, { poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  await admin.destroy();
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const db = openDatabase(url, { poolSize: 4 });
  const dropSchema = () =>
    underCatalogLock(async () => {
      const a = openDatabase(PG_URL, { poolSize: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(a);
      await a.destroy();
    });
  try {
    await underCatalogLock(() => migrateToLatest(db));
  } catch (e) {
    await db.destroy();
    await dropSchema();
    throw e;
  }
  return {
    db,
    drop: async () => {
      await db.destroy();
      await dropSchema();
    },
  };
}

/**
 * Runs `work` holding a PostgreSQL advisory lock shared by every test worker. Kysely's migrator reads the
 * catalog of all schemas (to find its own table); a schema dropped by another worker in the middle of that
 * read fails it ("column … of relation … does not exist"), so migrations and drops take turns.
 */
export async function underCatalogLock<T>(work: () => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query('select pg_advisory_lock(727100)');
    return await work();
  } finally {
    await c.query('select pg_advisory_unlock(727100)').catch(() => {});
    await c.end().catch(() => {});
  }
}

/**
 * Configuration of the tests: defaults, default year 2025, no seed; sign-in throttling per address off
 * (every injected request comes from 127.0.0.1: tests of the throttle set `signInRatePerAddress`).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ ZX_DATA_DIR: '/tmp/zhenxing-test', ZX_SEED_PERSONS: '0', LOG_LEVEL: 'silent', ZX_SIGN_IN_RATE_PER_ADDRESS: '100000' }), ...overrides };
}

/** Services over a fresh database with the fixed clock and key. */
export async function newTestServices(dialect: Dialect, opts: { config?: Partial<Config>; now?: Date } = {}): Promise<{ services: Services; db: Db; drop: () => Promise<void> }> {
  const { db, drop } = await newTestDb(dialect);
  const services = createServices(db, testConfig(opts.config), () => opts.now ?? TEST_NOW, new IdProtector(TEST_KEY));
  return { services, db, drop };
}

/**
 * Folder of the server logs of a test run (one file per test process): `npm test` scans every line for ID
 * numbers in clear after the run and counts each file holding one as a failure (issue 9: no clear ID
 * number in the log, whatever route writes it). Set by scripts/run-tests.mjs; without it nothing is logged.
 */
export const SERVER_LOG_DIR = process.env.ZX_TEST_SERVER_LOG_DIR;

let serverLogger: pino.Logger | false | undefined;
/** The product's own logger (createLogger: ID-like runs redacted) at info level, into this process's file. */
function serverLog(): pino.Logger | false {
  if (serverLogger !== undefined) return serverLogger;
  if (!SERVER_LOG_DIR) return (serverLogger = false);
  mkdirSync(SERVER_LOG_DIR, { recursive: true });
  return (serverLogger = createLogger('info', pinoLib.destination({ dest: join(SERVER_LOG_DIR, `server-${process.pid}.log`), sync: true, append: true })));
}

/** The Fastify app over test services (no web UI, no logging). */
export async function newTestApp(services: Services) {
  const app = await buildApp(services, { logger: serverLog(), web: false });
  await app.ready();
  return app;
}

/**
 * Declares a suite once per dialect: `forEachDialect('registry', (dialect) => { … })`. The PostgreSQL
 * suite is skipped only outside CI when PostgreSQL is unreachable; under CI it runs and fails.
 */
export function forEachDialect(name: string, body: (dialect: Dialect) => void): void {
  describe(`${name} [sqlite]`, () => body('sqlite'));
  const skip = process.env.CI !== 'true' && process.env.ZX_REQUIRE_PG !== '1' && !pgAvailableSync();
  if (skip) {
    // eslint-disable-next-line no-console
    console.warn(`⚠ PostgreSQL 不可用,跳过 ${name} [postgres](CI 中会失败)`);
    describe.skip(`${name} [postgres]`, () => body('postgres'));
  } else {
    describe(`${name} [postgres]`, () => body('postgres'));
  }
}

/** Synchronous probe of the PostgreSQL port (describe blocks are synchronous). */
function pgAvailableSync(): boolean {
  const url = new URL(PG_URL);
  const r = spawnSync('node', ['-e', `require('net').connect(${Number(url.port || 5432)}, '${url.hostname}').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`], { timeout: 3000 });
  return r.status === 0;
}


let testUserSeq = 0;

/**
 * Headers that make a request act as a signed-in user of the given region and roles: creates the user
 * through the services (with a known password and no forced change), signs in through the API and
 * returns `{ cookie, 'x-csrf-token' }`. Default: a national user with every role except readOnly (so
 * that route tests of writes and personal data keep working); pass `roles` to test permissions.
 */
export async function testAuthHeaders(
  app: Awaited<ReturnType<typeof newTestApp>>,
  services: Services,
  user: { regionCode?: string | null; roles?: string[]; username?: string } = {},
): Promise<Record<string, string>> {
  const username = user.username ?? `t${++testUserSeq}_${randomBytes(3).toString('hex')}`;
  const password = 'Test-Passw0rd-2026';
  await services.accounts.createUser(
    systemActor('test'),
    { username, regionCode: user.regionCode ?? null, roles: (user.roles ?? ['admin', 'reviewer', 'dataEntry', 'villageCadre', 'townshipReviewer', 'countyApprover']) as Role[] },
    { password, mustChangePassword: false },
  );
  return signInHeaders(app, username, password);
}

/** Signs in through the API and returns the cookie and CSRF headers. Throws with the answer when sign-in fails. */
export async function signInHeaders(app: Awaited<ReturnType<typeof newTestApp>>, username: string, password: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'zx_session');
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie: `zx_session=${cookie.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}
