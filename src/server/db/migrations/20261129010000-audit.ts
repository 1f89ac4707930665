/**
 * Audit log: append-only events chained by hash (each entry's hash covers the previous entry's hash),
 * and a one-row head holding the last hash so that concurrent appends serialise on it. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('audit_event'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('region_code', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_region_idx').on('audit_event').columns(['region_code', 'id']).execute();
  await db.schema.createIndex('audit_event_actor_idx').on('audit_event').columns(['actor', 'id']).execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, last_hash: '0'.repeat(64), count: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_head').ifExists().execute();
  await db.schema.dropTable('audit_event').ifExists().execute();
}
