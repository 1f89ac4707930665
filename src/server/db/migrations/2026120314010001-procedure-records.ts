/**
 * The procedure engine's records (domain/procedure): one row per record of any procedure of
 * data/procedures/ (项目库入库, 公益性岗位选聘, 雨露计划, 积分申报, 资产处置 …) with its state, due date and
 * optimistic version, and the append-only log of what was done to it. Portable types only: dates ISO
 * text, JSON as text. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('procedure_record'))
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('current_step', 'text')
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('step_base_date', 'text', (c) => c.notNull())
    .addColumn('step_due', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('procedure_record_subject_idx').on('procedure_record').columns(['procedure', 'subject_kind', 'subject_id']).execute();
  await db.schema.createIndex('procedure_record_region_idx').on('procedure_record').columns(['region_code', 'current_step']).execute();
  await db.schema.createIndex('procedure_record_due_idx').on('procedure_record').columns(['step_due', 'id']).execute();

  await autoId(db, db.schema.createTable('procedure_event'))
    .addColumn('record_id', 'integer', (c) => c.notNull().references('procedure_record.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_level', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('procedure_event_record_idx').on('procedure_event').columns(['record_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('procedure_event').execute();
  await db.schema.dropTable('procedure_record').execute();
}
