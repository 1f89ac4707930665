/**
 * The protected ID columns of persons and of import rows held for verification, for key rotation only: pages of (id, ciphertext) and updates of
 * hash and ciphertext. National by nature (a rotation covers every record), so no Scope: only the
 * operator's CLI reaches it through KeyRotationService.
 */
import type { Db } from '../db/connect';

export class IdKeyRepository {
  constructor(private readonly db: Db) {}

  /** Persons after `afterId` in id order, with their ciphertext. */
  page(afterId: number, limit: number): Promise<{ id: number; idCipher: string }[]> {
    return this.db.selectFrom('person').select(['id', 'idCipher']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  /** Replaces a person's lookup hash and ciphertext. */
  async update(id: number, idHash: string, idCipher: string): Promise<void> {
    await this.db.updateTable('person').set({ idHash, idCipher }).where('id', '=', id).execute();
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
