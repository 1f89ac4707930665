/**
 * Opens the database: SQLite (better-sqlite3, a file in the data folder; the embedded default) or
 * PostgreSQL (`postgres://…`). The only place that knows which dialect is in use, with dialect().
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { registerPostgres, registerSqlite } from './bulk';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

// int8 (bigint: money sums, counts) as JS numbers: every amount we store is far below 2^53 fen.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (SUM over bigint) likewise.
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Opens a database by URL: `postgres://…` or `postgresql://…` for PostgreSQL, otherwise a SQLite file
 * path (`:memory:` for an in-memory database). SQLite runs in WAL mode with foreign keys on; its files
 * are made mode 0600 and its folder 0700 when created.
 */
export function openDatabase(url: string, opts: { poolSize?: number } = {}): Db {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    registerPostgres(db, pool);
    return db;
  }
  if (url !== ':memory:') {
    mkdirSync(dirname(url), { recursive: true, mode: 0o700 });
    // the database holds personal data: 0600 like the key (issue 17 point 3); SQLite gives its -wal and
    // -shm files the mode of the database file
    if (!existsSync(url)) closeSync(openSync(url, 'a', 0o600));
    restrictFiles(url);
  }
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  if (url !== ':memory:') restrictFiles(url);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (the default is 2 MiB): bulk writes insert into indexes in random order (ID
  // hashes), and with a small cache every insert reads its page from disk again (issue 15)
  sqlite.pragma('cache_size = -65536');
  // statistics for the query planner on long-lived connections (SQLite's advice for use at open):
  // without them the workflow's county worklist took 120 ms instead of 2 ms
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  registerSqlite(db, sqlite);
  return db;
}

/** Prepared statements kept per SQLite connection (the least recently used beyond this many are dropped). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite handle as Kysely sees it, with its prepared statements kept by SQL text: Kysely's driver
 * prepares every query again, which was 8 % of the national summary's profile samples (issue 15).
 * SQLite re-prepares a kept statement itself when the schema changed. better-sqlite3 runs nothing else on
 * the connection while a statement is being iterated; a kept one found busy all the same is not handed
 * out twice (a fresh one is prepared for that call).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const hit = kept.get(text);
      if (hit?.busy) return sqlite.prepare(text);
      if (hit) {
        // most recently used last
        kept.delete(text);
        kept.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      kept.set(text, stmt);
      if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
      return stmt;
    },
  };
}

/** Mode 0600 on a SQLite database file and its -wal and -shm files, where they exist. */
function restrictFiles(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Which dialect a Kysely instance speaks. */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Refreshes the query planner's statistics after a bulk load (seed, large import): ANALYZE on
 * PostgreSQL, PRAGMA optimize on SQLite.
 */
export async function refreshStatistics(db: Kysely<any>): Promise<void> {
  await sql`${sql.raw(dialectOf(db) === 'postgres' ? 'ANALYZE' : 'PRAGMA optimize')}`.execute(db);
}
