/**
 * What every service gets: the database, the configuration, a clock, the ID protector and the audit key.
 * Services take only what they use; repositories are made per call so they can run inside a transaction.
 */
import type { Config } from '../config';
import type { Db } from '../db/connect';
import type { IdProtector } from '../crypto/id-protector';

/** Clock: the current time. Tests pass a fixed one. */
export type Clock = () => Date;

export interface ServiceContext {
  db: Db;
  config: Config;
  clock: Clock;
  ids: IdProtector;
  /** HMAC key of the audit chain (ZX_AUDIT_KEY or <ZX_DATA_DIR>/audit.key), never stored in the database */
  auditKey: Buffer;
}

/** Today's ISO date (YYYY-MM-DD) of a clock, in UTC. */
export const today = (clock: Clock) => clock().toISOString().slice(0, 10);
/** Now as an ISO timestamp. */
export const nowIso = (clock: Clock) => clock().toISOString();
