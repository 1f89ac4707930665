/**
 * The audit log's use cases: record an event on its own (denied access, failed sign-in: there is no
 * other write to join), verify the whole chain, and search the events of the caller's region.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { ChainWalker, checkpointValid, GENESIS_HASH, headMac, parseCheckpoint, sameDigest, sealCheckpoint, type ChainBreak, type Checkpoint } from '../domain/audit-chain';
import { hasPermission } from '../domain/permissions';
import { forbidden } from '../errors';
import { AuditRepository, type AuditEventRow } from '../repositories/audit.repository';
import type { Actor } from './actor';
import { nowIso, type ServiceContext } from './context';

/** What an event records (the time and hash chain are added). `details` is any JSON-able object. */
export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  regionCode?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

/** Builds the stored fields of an event of `actor` at the clock's time. */
export function auditFields(ctx: ServiceContext, actor: Pick<Actor, 'username' | 'regionCode'> | string, e: AuditInput) {
  const username = typeof actor === 'string' ? actor : actor.username;
  return {
    at: nowIso(ctx.clock), actor: username, action: e.action, targetType: e.targetType,
    targetId: e.targetId === undefined || e.targetId === null ? null : String(e.targetId),
    regionCode: e.regionCode ?? (typeof actor === 'string' ? null : actor.regionCode), outcome: e.outcome, details: JSON.stringify(e.details ?? {}),
  };
}

/** Breaks listed in a report at most (all are counted). */
const MAX_LISTED = 1000;

/** A checkpoint that the database does not hold up to. */
export interface AnchorProblem {
  at: string;
  id: number;
  /** forged: its HMAC is wrong; truncated: the log ends before it; missing: its entry is gone; rewritten: its entry has another hash */
  kind: 'forged' | 'truncated' | 'missing' | 'rewritten';
}

/** What `verify` found. */
export interface AuditVerifyReport {
  /** no break, head right, every checkpoint held */
  ok: boolean;
  checked: number;
  /** id of the first break (null: none) */
  firstBrokenId: number | null;
  /** every break in id order (at most 1,000 listed; breakCount counts all) */
  breaks: ChainBreak[];
  breakCount: number;
  /** the head's count and last hash follow the chain and its HMAC is right */
  headMatches: boolean;
  headMacValid: boolean;
  /** entries written before the audit key (plain SHA-256: chain-only) */
  unkeyedEntries: number;
  /** the checkpoints checked, when an anchor file was given */
  anchors: { file: string; checkpoints: number; unreadableLines: number; last: Checkpoint | null; problems: AnchorProblem[] } | null;
}

/** Checkpoints of an anchor file (a missing file has none). */
function readCheckpoints(file: string): { checkpoints: Checkpoint[]; unreadable: number } {
  if (!existsSync(file)) return { checkpoints: [], unreadable: 0 };
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const checkpoints = lines.map(parseCheckpoint).filter((c): c is Checkpoint => c !== null);
  return { checkpoints, unreadable: lines.length - checkpoints.length };
}

export class AuditService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Appends one event in its own transaction. */
  async record(actor: Pick<Actor, 'username' | 'regionCode'> | string, e: AuditInput): Promise<void> {
    await this.ctx.db.transaction().execute((trx) => new AuditRepository(trx).append(auditFields(this.ctx, actor, e)));
  }

  /**
   * Walks the whole chain in id order, 5,000 entries a page, and reports every break (not only the
   * first: each entry is checked on its own, see ChainWalker), the head (count, last hash and its HMAC),
   * and, when an anchor file is given, every checkpoint in it against the database (a checkpoint whose
   * entry is missing means the log was cut; a different hash means it was rewritten).
   * What this can and cannot prove: docs/decisions/0222-audit-anchors.md.
   * @param opts.anchorFile checkpoints to hold the database to (the data folder's audit-anchors.log, or
   *   an off-site copy); a missing file is reported, not an error
   */
  async verify(opts: { anchorFile?: string } = {}): Promise<AuditVerifyReport> {
    const repo = new AuditRepository(this.ctx.db);
    const key = this.ctx.auditKey;
    const walker = new ChainWalker(key);
    const anchors = opts.anchorFile ? readCheckpoints(opts.anchorFile) : null;
    const wanted = new Set(anchors?.checkpoints.map((c) => c.id) ?? []);
    const seen = new Map<number, string>();
    let after = 0;
    let lastId = 0;
    for (;;) {
      const page = await repo.page(after, 5000);
      if (page.length === 0) break;
      for (const e of page) {
        walker.step(e);
        if (wanted.has(e.id)) seen.set(e.id, e.hash);
      }
      lastId = after = page[page.length - 1]!.id;
    }
    const head = await repo.head();
    const headCountOk = head.count === walker.checked && head.lastHash === walker.prev;
    // the head's HMAC: required once keyed entries exist (a head without one was rewritten or is from before the key)
    const headMacOk = head.mac === null ? !walker.keyedSeen : sameDigest(head.mac, headMac(key, head.count, head.lastHash));
    const problems: AnchorProblem[] = [];
    if (anchors) {
      for (const c of anchors.checkpoints) {
        if (!checkpointValid(key, c)) problems.push({ at: c.at, id: c.id, kind: 'forged' });
        else if (c.id === 0) continue;
        else if (c.id > lastId || c.count > head.count) problems.push({ at: c.at, id: c.id, kind: 'truncated' });
        else if (!seen.has(c.id)) problems.push({ at: c.at, id: c.id, kind: 'missing' });
        else if (seen.get(c.id) !== c.hash) problems.push({ at: c.at, id: c.id, kind: 'rewritten' });
      }
    }
    const breaks = walker.breaks;
    return {
      ok: breaks.length === 0 && headCountOk && headMacOk && problems.length === 0 && (!anchors || anchors.unreadable === 0),
      checked: walker.checked,
      firstBrokenId: breaks[0]?.id ?? null,
      breaks: breaks.slice(0, MAX_LISTED),
      breakCount: breaks.length,
      headMatches: headCountOk && headMacOk,
      headMacValid: headMacOk,
      unkeyedEntries: walker.legacy,
      anchors: anchors && { file: opts.anchorFile!, checkpoints: anchors.checkpoints.length, unreadableLines: anchors.unreadable, last: anchors.checkpoints.at(-1) ?? null, problems },
    };
  }

  /**
   * Takes a checkpoint of the head (last entry id and hash, count, time, HMAC) and appends it as one
   * JSON line to `file` (created 0600, opened for appending only). Returns the checkpoint, for printing
   * and keeping off-site (`zhenxing audit anchor`). The server does this at start and every
   * ZX_AUDIT_ANCHOR_MINUTES when the log grew.
   */
  async anchor(file: string): Promise<Checkpoint> {
    const repo = new AuditRepository(this.ctx.db);
    const [head, last] = await Promise.all([repo.head(), repo.last()]);
    const c = sealCheckpoint(this.ctx.auditKey, { at: nowIso(this.ctx.clock), id: last?.id ?? 0, count: head.count, hash: last?.hash ?? GENESIS_HASH });
    appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600, flag: 'a' });
    return c;
  }

  /** The head's count now (to skip a periodic checkpoint when nothing was appended). */
  async headCount(): Promise<number> {
    return (await new AuditRepository(this.ctx.db).head()).count;
  }

  /**
   * Events of the actor's region, newest first (audit.read permission).
   * @throws forbidden without the permission
   */
  async search(actor: Actor, f: { actor?: string; action?: string; beforeId?: number; limit: number }): Promise<AuditEventRow[]> {
    if (!hasPermission(actor.roles, 'audit.read')) throw forbidden('没有查看审计日志的权限');
    return new AuditRepository(this.ctx.db).search(actor.scope, f);
  }
}
