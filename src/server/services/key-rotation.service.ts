/**
 * Rotation of the ID-number master key: every person's ciphertext is decrypted with the old key and
 * encrypted again with the new one, and the lookup hash recomputed with the new key, in ONE transaction
 * (all or nothing: a failure leaves every record under the old key). Audited (key_rotate, row count).
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
   * Returns the number of persons rotated.
   * @throws Error when a ciphertext does not decrypt with the current key (nothing is changed then)
   */
  async rotate(actor: Actor, newKey: Buffer, onProgress?: (done: number) => void): Promise<{ persons: number }> {
    const next = new IdProtector(newKey);
    const persons = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new IdKeyRepository(trx);
      let after = 0;
      let n = 0;
      for (;;) {
        const page = await repo.page(after, 1000);
        if (!page.length) break;
        for (const p of page) {
          const id = this.ctx.ids.decrypt(p.idCipher);
          await repo.update(p.id, next.hash(id), next.encrypt(id));
        }
        n += page.length;
        after = page[page.length - 1]!.id;
        onProgress?.(n);
      }
      await new AuditRepository(trx).append(auditFields(this.ctx, actor, { action: 'key_rotate', targetType: 'id_key', outcome: 'ok', details: { persons: n } }));
      return n;
    });
    return { persons };
  }
}
