/**
 * The dialect-specific pieces of the migrations, in one place.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from './connect';

/** Adds an auto-increment integer primary key `id`: INTEGER AUTOINCREMENT on SQLite, identity on PostgreSQL. */
export function autoId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
