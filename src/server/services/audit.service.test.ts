/**
 * Audit chain verification on both dialects: an intact log verifies; changing one row's field with SQL,
 * or deleting a row, is detected at that row (the id reported is the tampered one, or the one after the
 * deleted one); deleting the last row is detected by the head.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { systemActor } from './actor';

forEachDialect('AuditService.verify', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    for (let i = 1; i <= 6; i++) await services.audit.record(systemActor(), { action: 'test_event', targetType: 'test', targetId: i, outcome: 'ok', details: { i } });
  });
  afterAll(async () => drop?.());

  const ids = async () => (await db.selectFrom('auditEvent').select('id').orderBy('id').execute()).map((r) => r.id);

  it('an intact log of 6 entries verifies', async () => {
    expect(await services.audit.verify()).toEqual({ checked: 6, firstBrokenId: null, headMatches: true });
  });

  it('one row changed with SQL is reported as the first broken entry', async () => {
    const [, , third] = await ids();
    await sql`update audit_event set outcome = 'denied' where id = ${third}`.execute(db);
    const r = await services.audit.verify();
    expect(r.firstBrokenId).toBe(third);
    expect(r.checked).toBe(2);
    await sql`update audit_event set outcome = 'ok' where id = ${third}`.execute(db);
    expect((await services.audit.verify()).firstBrokenId).toBeNull();
  });

  it('a deleted row breaks the link of the next; a deleted last row is caught by the head', async () => {
    const all = await ids();
    await sql`delete from audit_event where id = ${all[5]}`.execute(db);
    expect(await services.audit.verify()).toEqual({ checked: 5, firstBrokenId: null, headMatches: false });
    await sql`delete from audit_event where id = ${all[1]}`.execute(db);
    expect((await services.audit.verify()).firstBrokenId).toBe(all[2]);
  });
});
