/**
 * Key rotation on both dialects: after rotating, every ID number decrypts under the new key to the same
 * number as before — persons' and those of import rows held for verification (intake) —, lookup hashes
 * are the new key's, the old key no longer decrypts, and the counts are audited. A failure (a ciphertext
 * the current key cannot open, in either table) changes nothing. Work spells' lookup hashes follow their persons'.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestServices, testConfig, TEST_KEY } from '../../../test/harness';
import { head, household, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import { createServices, type Services } from '../container';
import { IdProtector } from '../crypto/id-protector';
import { NATIONAL_SCOPE } from '../repositories/scope';
import { systemActor } from './actor';

const NEW_KEY = Buffer.alloc(32, 9);

forEachDialect('KeyRotationService', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  const before = new Map<number, string>();
  const heldBefore = new Map<number, string>();
  const HELD_IDS = ['52263319800101001X', '522633199002020022'];

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household('K01', VILLAGES.basha, [head(), person()]),
      household('K02', VILLAGES.darong, [head(), person(), person()]),
    ]);
    const old = new IdProtector(TEST_KEY);
    for (const p of await db.selectFrom('person').select(['id', 'idCipher']).execute()) before.set(p.id, old.decrypt(p.idCipher));
    // an import with two rows held for verification (ciphertext and masked form, as IntakeService stores them) and one without an ID
    const batch = await db.insertInto('importBatch').values({
      kind: 'national-person', fileName: 'k.xlsx', fileSha256: 'a'.repeat(64), fileBytes: 1, sheetName: null, scopeCode: null, actor: 'test', status: 'committed',
      startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, rowsTotal: 3, added: 0, updated: 0, unchanged: 0, held: 3, rejected: 0, clues: 0, rolledBackAt: null, rolledBackBy: null,
    }).returning('id').executeTakeFirstOrThrow();
    for (const [i, id] of [...HELD_IDS, null].entries()) {
      const r = await db.insertInto('importHeldRow').values({ batchId: batch.id, row: 4 + i, householdNo: null, name: '张三', idMasked: id ? `${id.slice(0, 6)}********${id.slice(14)}` : null, idCipher: id ? old.encrypt(id) : null, reasons: 'ID_CHECK_FAILED', valuesJson: '{}', status: 'open' }).returning('id').executeTakeFirstOrThrow();
      if (id) heldBefore.set(r.id, id);
    }
    // a work spell (intake) names its person by the lookup hash: it must follow the person's hash
    const p0 = await db.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.householdId').select(['p.idHash', 'p.householdId', 'h.countyCode', 'h.villageCode']).orderBy('p.id').executeTakeFirstOrThrow();
    await db.insertInto('workSpell').values({ batchId: batch.id, idHash: p0.idHash, householdId: p0.householdId, countyCode: p0.countyCode, villageCode: p0.villageCode, kind: 'workSpell', sourceRow: 4, working: 1, startMonth: '2025-01', endMonth: null, workCounty: null, monthlyWageFen: 300000, channel: null, industry: null, employer: null, transportSubsidyFen: null, serviceNeed: null }).execute();
  });
  afterAll(async () => drop?.());

  it('a ciphertext the key cannot open stops the rotation and changes nothing', async () => {
    const first = [...before.keys()][0]!;
    const saved = (await db.selectFrom('person').select('idCipher').where('id', '=', first).executeTakeFirstOrThrow()).idCipher;
    await sql`update person set id_cipher = ${new IdProtector(Buffer.alloc(32, 1)).encrypt('522633198001010011')} where id = ${first}`.execute(db);
    const snapshot = await db.selectFrom('person').select(['id', 'idHash', 'idCipher']).orderBy('id').execute();
    await expect(services.keys.rotate(systemActor(), NEW_KEY)).rejects.toThrow();
    expect(await db.selectFrom('person').select(['id', 'idHash', 'idCipher']).orderBy('id').execute()).toEqual(snapshot);
    await sql`update person set id_cipher = ${saved} where id = ${first}`.execute(db);
    // the same for a held import row
    const held = [...heldBefore.keys()][1]!;
    const savedHeld = (await db.selectFrom('importHeldRow').select('idCipher').where('id', '=', held).executeTakeFirstOrThrow()).idCipher;
    await sql`update import_held_row set id_cipher = ${new IdProtector(Buffer.alloc(32, 1)).encrypt('522633198001010011')} where id = ${held}`.execute(db);
    const snap = async () => [await db.selectFrom('person').select(['id', 'idHash', 'idCipher']).orderBy('id').execute(), await db.selectFrom('importHeldRow').select(['id', 'idCipher']).orderBy('id').execute()];
    const s2 = await snap();
    await expect(services.keys.rotate(systemActor(), NEW_KEY)).rejects.toThrow();
    expect(await snap()).toEqual(s2);
    await sql`update import_held_row set id_cipher = ${savedHeld} where id = ${held}`.execute(db);
  });

  it('re-encrypts and re-hashes all 5 persons and re-encrypts the 2 held import rows without loss', async () => {
    expect(await services.keys.rotate(systemActor(), NEW_KEY)).toEqual({ persons: 5, heldRows: 2 });
    const next = new IdProtector(NEW_KEY);
    const old = new IdProtector(TEST_KEY);
    const rows = await db.selectFrom('person').select(['id', 'idHash', 'idCipher']).execute();
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(next.decrypt(r.idCipher)).toBe(before.get(r.id));
      expect(r.idHash).toBe(next.hash(before.get(r.id)!));
      expect(() => old.decrypt(r.idCipher)).toThrow();
    }
    const ev = await db.selectFrom('auditEvent').selectAll().where('action', '=', 'key_rotate').execute();
    expect(ev.map((e) => JSON.parse(e.details))).toEqual([{ persons: 5, heldRows: 2 }]);
    const held = await db.selectFrom('importHeldRow').select(['id', 'idCipher']).orderBy('id').execute();
    expect(held.filter((h) => h.idCipher === null)).toHaveLength(1);
    for (const h of held.filter((x) => x.idCipher !== null)) {
      expect(next.decrypt(h.idCipher!)).toBe(heldBefore.get(h.id));
      expect(() => old.decrypt(h.idCipher!)).toThrow();
    }
    const spell = await db.selectFrom('workSpell').select('idHash').executeTakeFirstOrThrow();
    expect(rows.some((r) => r.idHash === spell.idHash)).toBe(true);
    // services over the new key find a person by the ID number (exact lookup works after rotation)
    const rotated = createServices(db, testConfig(), () => new Date(), next);
    const again = await rotated.registry.registerHouseholds(NATIONAL_SCOPE, [household('K03', VILLAGES.basha, [head({ idNumber: before.values().next().value! })])]).catch((e: Error) => e);
    expect((again as { code?: string }).code).toBe('conflict');
  });
});
