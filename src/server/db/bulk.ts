/**
 * Bulk writes, the dialect-specific part in one place (issue 15): on SQLite a prepared INSERT run once
 * per row on the connection Kysely uses (inside the caller's transaction when there is one, else in a
 * transaction of its own); on PostgreSQL `COPY … FROM STDIN` (pg-copy-streams) on the very connection of
 * the caller's transaction, so that a bulk write commits or rolls back with it. Both are several times
 * faster than multi-row INSERT statements built by Kysely (see ../shared/STACK.md: SQLite prepared
 * inserts 140–175k rows/s, PostgreSQL COPY 188–209k rows/s against 53k rows/s for multi-row INSERT).
 */
import type { Database as SqliteHandle } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A cell: numbers (integers, fen), text, or null. Booleans are written by the caller as 0/1. */
export type Cell = string | number | bigint | null;

type Native = { kind: 'sqlite'; handle: SqliteHandle } | { kind: 'postgres'; clients: Map<number, PoolClient> };

/** The native handle behind each Kysely adapter (shared by a Kysely instance and its transactions). */
const natives = new WeakMap<object, Native>();

/** Registers the better-sqlite3 handle of a Kysely instance (connect.ts). */
export function registerSqlite(db: Kysely<any>, handle: SqliteHandle): void {
  natives.set(db.getExecutor().adapter, { kind: 'sqlite', handle });
}

/** Registers the clients of a PostgreSQL pool by backend process id, as they connect (connect.ts). */
export function registerPostgres(db: Kysely<any>, pool: { on(event: 'connect' | 'remove', cb: (c: PoolClient) => void): unknown }): void {
  const clients = new Map<number, PoolClient>();
  pool.on('connect', (c) => {
    const pid = (c as unknown as { processID: number }).processID;
    clients.set(pid, c);
  });
  pool.on('remove', (c) => clients.delete((c as unknown as { processID: number }).processID));
  natives.set(db.getExecutor().adapter, { kind: 'postgres', clients });
}

function nativeOf(db: Kysely<any>): Native {
  const n = natives.get(db.getExecutor().adapter);
  if (!n) throw new Error('bulk: database not opened through openDatabase');
  return n;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyField(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Inserts rows (arrays of cells in the order of `columns`) into `table`; names in snake_case as in the
 * migrations. Runs on the connection of `db`, which may be a transaction. Returns the number of rows.
 * @throws the database's error (a constraint violated): inside a transaction, the caller's transaction fails with it
 */
export async function bulkInsert(db: Kysely<any>, table: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): Promise<number> {
  const n = nativeOf(db);
  if (n.kind === 'sqlite') {
    const stmt = n.handle.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    let count = 0;
    const run = () => {
      for (const r of rows) {
        stmt.run(r as unknown[]);
        count++;
      }
    };
    if (n.handle.inTransaction) run();
    else n.handle.transaction(run)();
    return count;
  }
  // the backend of the connection Kysely runs `db` on (a transaction's connection stays checked out
  // while the caller awaits us, so nothing else runs on it meanwhile)
  const pid = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid);
  const client = n.clients.get(pid);
  if (!client) throw new Error(`bulk: no client for backend ${pid}`);
  const stream = client.query(copyFrom(`copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`));
  let count = 0;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let buf = '';
  for (const r of rows) {
    buf += `${r.map(copyField).join('\t')}\n`;
    count++;
    if (buf.length >= 1 << 20) {
      if (!stream.write(buf)) await new Promise<void>((res, rej) => { stream.once('drain', res); stream.once('error', rej); });
      buf = '';
    }
  }
  if (buf) stream.write(buf);
  stream.end();
  await done;
  return count;
}

/**
 * bulkInsert of objects with camelCase keys (as Kysely's Insertable rows): the columns are the keys that
 * hold a value in some row, in snake_case (a key undefined in every row keeps its column default);
 * booleans become 0/1, and undefined in a row that lacks a key others have becomes NULL.
 */
export async function bulkRows(db: Kysely<any>, table: string, rows: readonly object[]): Promise<number> {
  if (!rows.length) return 0;
  // every key with a value in some row: a key undefined in all rows is left to its column default
  const seen = new Set<string>();
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (v !== undefined) seen.add(k);
  const keys = [...seen];
  const columns = keys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const cell = (v: unknown): Cell => (v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? 1 : 0) : (v as Cell));
  return bulkInsert(db, table, columns, rows.map((r) => keys.map((k) => cell((r as Record<string, unknown>)[k]))));
}
