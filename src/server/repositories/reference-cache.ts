/**
 * A per-process cache of small reference tables (designations, thresholds, regions) and of the stored
 * figures of regions, which every dashboard request read again (issue 15: they were most of its time). Keyed by the
 * database (a Kysely instance and its transactions share one entry); an entry lives 30 seconds, and the
 * repositories that write the table drop it at once, so this process never reads its own writes stale;
 * another process's writes (the CLI's `thresholds set`, `regions load-designations`) are seen within
 * 30 seconds.
 */
import type { Kysely } from 'kysely';

const TTL_MS = 30_000;
const caches = new WeakMap<object, Map<string, { at: number; value: Promise<unknown> }>>();

function cacheOf(db: Kysely<any>): Map<string, { at: number; value: Promise<unknown> }> {
  const key = db.getExecutor().adapter;
  let c = caches.get(key);
  if (!c) caches.set(key, (c = new Map()));
  return c;
}

/** The cached value of `key` for this database, loading it when missing or older than 30 s. */
export function cached<T>(db: Kysely<any>, key: string, load: () => Promise<T>): Promise<T> {
  const hit = peek<T>(db, key);
  if (hit) return hit;
  const value = load();
  put(db, key, value);
  return value;
}

/** The cached value of `key` when present and fresh, else undefined. */
export function peek<T>(db: Kysely<any>, key: string): Promise<T> | undefined {
  const hit = cacheOf(db).get(key);
  return hit && Date.now() - hit.at < TTL_MS ? (hit.value as Promise<T>) : undefined;
}

/** Caches `value` under `key` (a failed one is dropped); past 20,000 entries the stale ones are swept. */
export function put<T>(db: Kysely<any>, key: string, value: Promise<T>): void {
  const c = cacheOf(db);
  const now = Date.now();
  if (c.size > 20_000) for (const [k, e] of c) if (now - e.at >= TTL_MS) c.delete(k);
  c.set(key, { at: now, value });
  value.catch(() => c.delete(key));
}

/** Drops every cached entry of this database whose key starts with `prefix` (after a write to its table). */
export function invalidate(db: Kysely<any>, prefix: string): void {
  const c = cacheOf(db);
  for (const k of c.keys()) if (k.startsWith(prefix)) c.delete(k);
}
