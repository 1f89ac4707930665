/**
 * Rotation of the ID-number master key: every person's ciphertext is decrypted with the old key and
 * encrypted again with the new one, and the lookup hash recomputed with the new key; so is every ID
 * ciphertext intake keeps (rows held for verification, import_held_row), and so are the disability-certificate
 * numbers and phones of persons and households (and the lookup hash naming a person in national_row), in ONE transaction (all or
 * nothing: a failure leaves every record under the old key). Audited (key_rotate, row counts). Intake
 * stores no other ID hash or ciphertext (clues and department records hold person ids, never ID
 * numbers); the department exchange key (IdProtector.exchangeKey) is derived from the master key, so
 * departments need the new one (`zhenxing exchange-key`) after a rotation.
 */
import { IdProtector } from '../crypto/id-protector';
import { AuditRepository } from '../repositories/audit.repository';
import { IdKeyRepository } from '../repositories/id-key.repository';
import type { Actor } from './actor';
import { auditFields } from './audit.service';
import type { ServiceContext } from './context';

export class KeyRotationService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Re-encrypts and re-hashes every ID number from the context's key to `newKey` (32 bytes).
   * Work spells' lookup hashes follow their persons'. Returns the number of persons and held import rows rotated.
   * @throws Error when a ciphertext does not decrypt with the current key (nothing is changed then)
   */
  async rotate(actor: Actor, newKey: Buffer, onProgress?: (done: number) => void): Promise<{ persons: number; heldRows: number }> {
    const next = new IdProtector(newKey);
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new IdKeyRepository(trx);
      let after = 0;
      let n = 0;
      // work spells name their person by the lookup hash: re-hashed with the persons
      const spells = !!(await trx.selectFrom('workSpell').select('id').limit(1).executeTakeFirst());
      for (;;) {
        const page = await repo.page(after, 1000);
        if (!page.length) break;
        for (const p of page) {
          const id = this.ctx.ids.decrypt(p.idCipher);
          const cert = p.certCipher ? this.ctx.ids.decrypt(p.certCipher) : null;
          const phone = p.phoneCipher ? next.encrypt(this.ctx.ids.decrypt(p.phoneCipher)) : null;
          await repo.update(p.id, next.hash(id), next.encrypt(id), { certHash: cert ? next.hash(cert) : null, certCipher: cert ? next.encrypt(cert) : null, phoneCipher: phone });
          if (spells) await trx.updateTable('workSpell').set({ idHash: next.hash(id) }).where('idHash', '=', this.ctx.ids.hash(id)).execute();
          await repo.rehashNationalRows(this.ctx.ids.hash(id), next.hash(id));
        }
        n += page.length;
        after = page[page.length - 1]!.id;
        onProgress?.(n);
      }
      after = 0;
      for (;;) {
        const page = await repo.householdPhonePage(after, 1000);
        if (!page.length) break;
        const re = (c: string | null) => (c ? next.encrypt(this.ctx.ids.decrypt(c)) : null);
        for (const h of page) await repo.updateHouseholdPhones(h.id, re(h.phoneCipher), re(h.collectorPhoneCipher));
        after = page[page.length - 1]!.id;
      }
      let held = 0;
      after = 0;
      for (;;) {
        const page = await repo.heldPage(after, 1000);
        if (!page.length) break;
        for (const h of page) await repo.updateHeld(h.id, next.encrypt(this.ctx.ids.decrypt(h.idCipher)));
        held += page.length;
        after = page[page.length - 1]!.id;
      }
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'key_rotate', targetType: 'id_key', outcome: 'ok', details: { persons: n, heldRows: held } }));
      return { persons: n, heldRows: held };
    });
  }
}
