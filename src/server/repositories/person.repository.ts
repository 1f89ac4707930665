/**
 * Persons looked up one at a time for personal-data access: by id and by ID-number lookup hash, always
 * inside the caller's scope (joined with their household). `protectedCipher` is the only method that
 * returns a ciphertext, for the audited reveal of one ID number.
 */
import type { Db } from '../db/connect';
import { scoped } from './household.repository';
import type { Scope } from './scope';

/** A person found for access: ids, masked display fields and the household's region. */
export interface PersonRef {
  id: number;
  householdId: number;
  name: string;
  idMasked: string;
  villageCode: string;
  countyCode: string;
  /** 户编号 of the household */
  householdNo: string;
}

export class PersonRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.householdId').select(['p.id', 'p.householdId', 'p.name', 'p.idMasked', 'h.villageCode', 'h.countyCode', 'h.householdNo']);
  }

  /** A person inside the scope, or undefined (outside looks like missing). */
  get(scope: Scope, personId: number): Promise<PersonRef | undefined> {
    return scoped(this.base().where('p.id', '=', personId), scope).executeTakeFirst();
  }

  /** Persons inside the scope with this ID-number lookup hash. */
  byIdHash(scope: Scope, idHash: string): Promise<PersonRef[]> {
    return scoped(this.base().where('p.idHash', '=', idHash), scope).orderBy('p.id').execute();
  }

  /** The ciphertext of a person's ID number, inside the scope. */
  async protectedCipher(scope: Scope, personId: number): Promise<string | undefined> {
    const r = await scoped(this.db.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.householdId').select('p.idCipher').where('p.id', '=', personId), scope).executeTakeFirst();
    return r?.idCipher;
  }
}
