/**
 * The SQLite statements kept by SQL text (connect.ts, issue 15): a kept statement gives the same rows as a
 * fresh one after the data and the schema changed, and after a stream of it was left early. SQLite only (PostgreSQL prepares nothing here); in-memory database.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect';

describe('SQLite statements kept by SQL text', () => {
  const db = openDatabase(':memory:');
  afterAll(() => db.destroy());

  it('reads what was written since, and the columns added since', async () => {
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    await sql`insert into t (v) values ('a'), ('b')`.execute(db);
    const all = () => sql<Record<string, unknown>>`select * from t order by id`.execute(db).then((r) => r.rows);
    expect(await all()).toEqual([{ id: 1, v: 'a' }, { id: 2, v: 'b' }]);
    await sql`insert into t (v) values ('c')`.execute(db);
    expect((await all()).map((r) => r.v)).toEqual(['a', 'b', 'c']);
    await sql`alter table t add column w integer default 7`.execute(db);
    expect(await all()).toEqual([{ id: 1, v: 'a', w: 7 }, { id: 2, v: 'b', w: 7 }, { id: 3, v: 'c', w: 7 }]);
  });

  it('a statement left in the middle of a stream is whole again for the next query of the same text', async () => {
    const q = () => (db as any).selectFrom('t').select(['id', 'v']).orderBy('id');
    for await (const row of q().stream()) {
      expect(row.v).toBe('a');
      break;
    }
    expect((await q().execute()).map((r: { v: string }) => r.v)).toEqual(['a', 'b', 'c']);
  });
});
