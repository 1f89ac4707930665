/** Installation facts (app_meta): for example whether and how the demo population was seeded. */
import type { Db } from '../db/connect';

export class MetaRepository {
  constructor(private readonly db: Db) {}

  /** The value of a key, or undefined. */
  async get(key: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('appMeta').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value;
  }

  /** Sets a key. */
  async set(key: string, value: string): Promise<void> {
    await this.db.insertInto('appMeta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}
