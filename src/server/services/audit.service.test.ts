/**
 * Audit chain verification on both dialects (issue 17 points 1 and 4): an intact log verifies; every
 * break is reported, not only the first; text with a lone surrogate or NUL is stored and hashed in one
 * form (it verifies on SQLite and PostgreSQL alike); a rewrite with recomputed hashes but without the
 * audit key is caught; deleting the tail and updating the head is caught by the head's HMAC; a replayed
 * older head is caught by the checkpoints of the anchor file, which is 0600 and only appended to.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { legacyAuditHash } from '../domain/audit-chain';
import { systemActor } from './actor';

forEachDialect('AuditService.verify', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'zx-anchor-'));
  const anchorFile = join(dir, 'audit-anchors.log');

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    for (let i = 1; i <= 6; i++) await services.audit.record(systemActor(), { action: 'test_event', targetType: 'test', targetId: i, outcome: 'ok', details: { i } });
  });
  afterAll(async () => drop?.());

  const ids = async () => (await db.selectFrom('auditEvent').select('id').orderBy('id').execute()).map((r) => r.id);
  const row = async (id: number) => db.selectFrom('auditEvent').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('an intact log of 6 keyed entries verifies', async () => {
    expect(await services.audit.verify()).toMatchObject({ ok: true, checked: 6, firstBrokenId: null, breaks: [], headMatches: true, headMacValid: true, unkeyedEntries: 0 });
    expect((await row((await ids())[0]!)).hash).toMatch(/^k1:/);
  });

  it('a lone surrogate and a NUL (as a sign-in with user name "\\ud800" records them) are stored as hashed: the log still verifies', async () => {
    await services.audit.record('\ud800', { action: 'sign_in', targetType: 'user', targetId: '\ud800x\u0000', outcome: 'failed', details: { note: 'a\udc00b' } });
    const last = (await ids()).at(-1)!;
    // details are JSON: JSON.stringify already escapes a lone surrogate as \udc00 text
    expect(await row(last)).toMatchObject({ actor: '\ufffd', targetId: '\ufffdx\ufffd', details: '{"note":"a\\udc00b"}' });
    expect(await services.audit.verify()).toMatchObject({ ok: true, checked: 7, breaks: [] });
  });

  it('every break is reported, not only the first (two rows changed with SQL)', async () => {
    const all = await ids();
    await sql`update audit_event set outcome = 'denied' where id = ${all[1]}`.execute(db);
    await sql`update audit_event set details = '{"i":99}' where id = ${all[4]}`.execute(db);
    const r = await services.audit.verify();
    expect(r).toMatchObject({ ok: false, firstBrokenId: all[1], breakCount: 2, headMatches: true });
    expect(r.breaks).toEqual([
      { id: all[1], kind: 'altered' },
      { id: all[4], kind: 'altered' },
    ]);
    await sql`update audit_event set outcome = 'ok' where id = ${all[1]}`.execute(db);
    await sql`update audit_event set details = '{"i":5}' where id = ${all[4]}`.execute(db);
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it('a row changed and the chain recomputed without the key (head updated too) is caught', async () => {
    const all = await ids();
    const before = await db.selectFrom('auditEvent').selectAll().where('id', '>=', all[3]!).orderBy('id').execute();
    const head = await db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
    // the attacker: change entry 4 and recompute hashes from there with plain SHA-256, then the head
    let prev = (await row(all[2]!)).hash;
    for (const e of before) {
      const changed = { ...e, outcome: e.id === all[3] ? 'denied' : e.outcome };
      const hash = legacyAuditHash(prev, changed);
      await db.updateTable('auditEvent').set({ outcome: changed.outcome, prevHash: prev, hash }).where('id', '=', e.id).execute();
      prev = hash;
    }
    await db.updateTable('auditHead').set({ lastHash: prev }).where('id', '=', 1).execute();
    const r = await services.audit.verify();
    expect(r.ok).toBe(false);
    expect(r.breaks.map((b) => b.kind)).toEqual(before.map(() => 'unkeyed'));
    expect(r.headMacValid).toBe(false);
    // restore
    for (const e of before) await db.updateTable('auditEvent').set({ outcome: e.outcome, prevHash: e.prevHash, hash: e.hash }).where('id', '=', e.id).execute();
    await db.updateTable('auditHead').set({ lastHash: head.lastHash, count: head.count, mac: head.mac }).where('id', '=', 1).execute();
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it('the tail deleted and the head updated is caught by the head HMAC; a replayed older head by the checkpoints', async () => {
    const c1 = await services.audit.anchor(anchorFile);
    expect((statSync(anchorFile).mode & 0o777).toString(8)).toBe('600');
    const oldHead = await db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) await services.audit.record(systemActor(), { action: 'after_anchor', targetType: 'test', outcome: 'ok' });
    const c2 = await services.audit.anchor(anchorFile);
    expect(readFileSync(anchorFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual([c1.id, c2.id]);
    expect(await services.audit.verify({ anchorFile })).toMatchObject({ ok: true, anchors: { checkpoints: 2, problems: [] } });

    // the attacker deletes the three new entries and sets the head to the last kept one (no key: old MAC kept)
    await sql`delete from audit_event where id > ${c1.id}`.execute(db);
    await db.updateTable('auditHead').set({ lastHash: c1.hash, count: oldHead.count }).where('id', '=', 1).execute();
    const cut = await services.audit.verify({ anchorFile });
    expect(cut).toMatchObject({ ok: false, breakCount: 0, headMatches: false, headMacValid: false });
    // … or replays the whole older head row, MAC included: the chain and head then agree, the checkpoint does not
    await db.updateTable('auditHead').set({ lastHash: oldHead.lastHash, count: oldHead.count, mac: oldHead.mac }).where('id', '=', 1).execute();
    const replay = await services.audit.verify({ anchorFile });
    expect(replay).toMatchObject({ ok: false, breakCount: 0, headMatches: true });
    expect(replay.anchors!.problems).toEqual([{ at: c2.at, id: c2.id, kind: 'truncated' }]);
    // without the anchor file, the replay cannot be seen: what verify can and cannot prove (decision 0222)
    expect((await services.audit.verify()).ok).toBe(true);
  });
});
