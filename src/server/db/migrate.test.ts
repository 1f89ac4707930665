/**
 * migrateToLatest on both dialects. On PostgreSQL the database may hold several schemas (the test
 * harness gives each test file its own, selected by search_path; a deployment may share a database):
 * migrating one schema must not be confused by Kysely's bookkeeping tables in another.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { forEachDialect, PG_URL, underCatalogLock } from '../../../test/harness';
import { openDatabase } from './connect';
import { migrateToLatest } from './migrate';
import * as signInThrottle from './migrations/20261203160100-sign-in-throttle';

/**
 * Every migration file of migrations/, by name: each must be registered in migrate.ts and applied, in
 * name order (branches add their own files, so the list is read from the folder, not written here).
 */
const EVERY_MIGRATION = readdirSync(new URL('./migrations/', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, '')).sort();

const withSearchPath = (schema: string) => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

forEachDialect('migrateToLatest', (dialect) => {
  if (dialect === 'sqlite') {
    it('migrates an empty database, then has nothing left to do', async () => {
      expect(EVERY_MIGRATION.slice(0, 6)).toEqual(['20261129000000-initial', '20261129010000-audit', '20261129020000-accounts', '20261129030000-intake', '20261129040000-workflow', '20261129050000-intake-tables']);
      expect(EVERY_MIGRATION).toContain('20261203100000-national-columns');
      const db = openDatabase(':memory:');
      try {
        expect(await migrateToLatest(db)).toEqual(EVERY_MIGRATION);
        expect(await migrateToLatest(db)).toEqual([]);
      } finally {
        await db.destroy();
      }
    });
    it('refuses to make user names case-insensitive while `Admin` sits beside `admin`, naming both', async () => {
      const db = openDatabase(':memory:');
      try {
        await migrateToLatest(db);
        // back to the state before the sign-in-throttle migration, with two names that differ in case only
        await signInThrottle.down(db);
        const row = (username: string) => sql`insert into user_account (username, display_name, region_code, roles, password_hash, must_change_password, failed_attempts, locked_until, disabled, created_by, created_at, updated_at) values (${username}, ${username}, null, 'admin', 'x', 0, 0, null, 0, 'test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`.execute(db);
        await row('admin');
        await row('Admin');
        await row('zhang');
        await expect(signInThrottle.up(db)).rejects.toThrow(/大小写.*admin、Admin|大小写.*Admin、admin/);
        // nothing renamed or dropped
        const n = await sql<{ n: number }>`select count(*) as n from user_account`.execute(db);
        expect(Number(n.rows[0]!.n)).toBe(3);
      } finally {
        await db.destroy();
      }
    });
    return;
  }

  describe('two schemas in one database', () => {
    it('migrates schema B although schema A already holds kysely_migration', async () => {
      const a = `t_${randomBytes(6).toString('hex')}`;
      const b = `t_${randomBytes(6).toString('hex')}`;
      const admin = openDatabase(PG_URL, { poolSize: 1 });
      await sql`create schema ${sql.id(a)}`.execute(admin);
      await sql`create schema ${sql.id(b)}`.execute(admin);
      try {
        // schema A gets Kysely's tables first (as another test file, or another application, would)
        await sql`create table ${sql.id(a)}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(admin);
        await sql`create table ${sql.id(a)}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`.execute(admin);
        const db = openDatabase(withSearchPath(b), { poolSize: 1 });
        try {
          expect(await underCatalogLock(() => migrateToLatest(db))).toEqual(EVERY_MIGRATION);
          const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${b} and table_name = 'household'`.execute(db);
          expect(tables.rows[0]!.n).toBe(1);
        } finally {
          await db.destroy();
        }
      } finally {
        await underCatalogLock(async () => {
          await sql`drop schema ${sql.id(a)} cascade`.execute(admin);
          await sql`drop schema ${sql.id(b)} cascade`.execute(admin);
        });
        await admin.destroy();
      }
    });
  });
});
