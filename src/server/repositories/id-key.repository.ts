/**
 * The protected columns (ID numbers, disability certificates, phones) of persons and households, and of import rows held for verification, for key rotation only: pages of (id, ciphertext) and updates of
 * hash and ciphertext. National by nature (a rotation covers every record), so no Scope: only the
 * operator's CLI reaches it through KeyRotationService.
 */
import type { Db } from '../db/connect';

export class IdKeyRepository {
  constructor(private readonly db: Db) {}

  /** Persons after `afterId` in id order, with their ciphertexts (ID number, disability certificate, phone). */
  page(afterId: number, limit: number): Promise<{ id: number; idCipher: string; certCipher: string | null; phoneCipher: string | null }[]> {
    return this.db.selectFrom('person').select(['id', 'idCipher', 'certCipher', 'phoneCipher']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  /** Replaces a person's lookup hashes and ciphertexts. */
  async update(id: number, idHash: string, idCipher: string, more: { certHash: string | null; certCipher: string | null; phoneCipher: string | null } = { certHash: null, certCipher: null, phoneCipher: null }): Promise<void> {
    await this.db.updateTable('person').set({ idHash, idCipher, ...more }).where('id', '=', id).execute();
  }

  /** Re-keys the national rows of a person (they name the person by the lookup hash). */
  async rehashNationalRows(oldHash: string, newHash: string): Promise<void> {
    await this.db.updateTable('nationalRow').set({ idHash: newHash }).where('idHash', '=', oldHash).execute();
  }

  /** Households after `afterId` with a phone ciphertext (户联系电话, 信息采集人联系电话). */
  householdPhonePage(afterId: number, limit: number): Promise<{ id: number; phoneCipher: string | null; collectorPhoneCipher: string | null }[]> {
    return this.db
      .selectFrom('household')
      .select(['id', 'phoneCipher', 'collectorPhoneCipher'])
      .where('id', '>', afterId)
      .where((eb) => eb.or([eb('phoneCipher', 'is not', null), eb('collectorPhoneCipher', 'is not', null)]))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Replaces a household's phone ciphertexts. */
  async updateHouseholdPhones(id: number, phoneCipher: string | null, collectorPhoneCipher: string | null): Promise<void> {
    await this.db.updateTable('household').set({ phoneCipher, collectorPhoneCipher }).where('id', '=', id).execute();
  }

  /** Held import rows after `afterId` in id order that carry an ID ciphertext. */
  heldPage(afterId: number, limit: number): Promise<{ id: number; idCipher: string }[]> {
    return this.db.selectFrom('importHeldRow').select(['id', 'idCipher']).where('id', '>', afterId).where('idCipher', 'is not', null).orderBy('id').limit(limit).execute() as Promise<{ id: number; idCipher: string }[]>;
  }

  /** Replaces a held row's ciphertext (held rows keep no lookup hash). */
  async updateHeld(id: number, idCipher: string): Promise<void> {
    await this.db.updateTable('importHeldRow').set({ idCipher }).where('id', '=', id).execute();
  }

  /** A person's ciphertext (personal-data service: revealing one ID number). */
  async cipherOf(personId: number): Promise<string | undefined> {
    return (await this.db.selectFrom('person').select('idCipher').where('id', '=', personId).executeTakeFirst())?.idCipher;
  }
}
