/**
 * A per-process cache of small reference tables (designations, thresholds, regions) and of the stored
 * figures of regions, which every dashboard request read again (issue 15: they were most of its time), and of
 * signed-in sessions (account.service.ts, decision 0244). Keyed by the database (a Kysely instance and its
 * transactions share one entry); an entry lives 30 seconds unless its caller gives a shorter time, and
 * the repositories that write the table drop it at once, so this process never reads its own writes
 * stale; another process's writes (the CLI's `thresholds set`, `regions load-designations`) are seen
 * within that time.
 */
import type { Kysely } from 'kysely';

const TTL_MS = 30_000;
/** A cached value and the time (ms since the epoch) after which it is not used. */
type Entry = { until: number; value: Promise<unknown> };
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(db: Kysely<any>): Map<string, Entry> {
  const key = db.getExecutor().adapter;
  let c = caches.get(key);
  if (!c) caches.set(key, (c = new Map()));
  return c;
}

/** The cached value of `key` for this database, loading it when missing or older than `ttlMs` (30 s). */
export function cached<T>(db: Kysely<any>, key: string, load: () => Promise<T>, ttlMs = TTL_MS): Promise<T> {
  const hit = peek<T>(db, key);
  if (hit) return hit;
  const value = load();
  put(db, key, value, ttlMs);
  return value;
}

/** The cached value of `key` when present and fresh, else undefined. */
export function peek<T>(db: Kysely<any>, key: string): Promise<T> | undefined {
  const hit = cacheOf(db).get(key);
  return hit && Date.now() < hit.until ? (hit.value as Promise<T>) : undefined;
}

/** Caches `value` under `key` for `ttlMs` (30 s; a failed one is dropped); past 20,000 entries the stale ones are swept. */
export function put<T>(db: Kysely<any>, key: string, value: Promise<T>, ttlMs = TTL_MS): void {
  const c = cacheOf(db);
  const now = Date.now();
  if (c.size > 20_000) for (const [k, e] of c) if (now >= e.until) c.delete(k);
  const entry = { until: now + ttlMs, value };
  c.set(key, entry);
  // only this entry: a newer one put under the same key meanwhile stays
  value.catch(() => c.get(key) === entry && c.delete(key));
}

/** Drops every cached entry of this database whose key starts with `prefix` (after a write to its table). */
export function invalidate(db: Kysely<any>, prefix: string): void {
  const c = cacheOf(db);
  for (const k of c.keys()) if (k.startsWith(prefix)) c.delete(k);
}
