/**
 * Key rotation on both dialects: after rotating, every ID number decrypts under the new key to the same
 * number as before, lookup hashes are the new key's, the old key no longer decrypts, and the count is
 * audited. A failure (a ciphertext the current key cannot open) changes nothing.
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

  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household('K01', VILLAGES.basha, [head(), person()]),
      household('K02', VILLAGES.darong, [head(), person(), person()]),
    ]);
    const old = new IdProtector(TEST_KEY);
    for (const p of await db.selectFrom('person').select(['id', 'idCipher']).execute()) before.set(p.id, old.decrypt(p.idCipher));
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
  });

  it('re-encrypts and re-hashes all 5 persons without loss', async () => {
    expect(await services.keys.rotate(systemActor(), NEW_KEY)).toEqual({ persons: 5 });
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
    expect(ev.map((e) => JSON.parse(e.details))).toEqual([{ persons: 5 }]);
    // services over the new key find a person by the ID number (exact lookup works after rotation)
    const rotated = createServices(db, testConfig(), () => new Date(), next);
    const again = await rotated.registry.registerHouseholds(NATIONAL_SCOPE, [household('K03', VILLAGES.basha, [head({ idNumber: before.values().next().value! })])]).catch((e: Error) => e);
    expect((again as { code?: string }).code).toBe('conflict');
  });
});
