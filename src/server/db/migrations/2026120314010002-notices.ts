/**
 * The notice module (公示, domain/notice): notices of any subject (monitoring case, project, fund
 * allocation, post payment, points, asset income) with their period rule, posting and closing dates and
 * content (columns and rows after redaction), and the objections raised against them with the outcome.
 * The monitoring case keeps its own public_notice rows (20261129040000-workflow). Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('notice'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('posted_on', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('posted_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_region_idx').on('notice').columns(['region_code', 'status', 'ends_on']).execute();
  await db.schema.createIndex('notice_subject_idx').on('notice').columns(['subject_kind', 'subject_id']).execute();
  await db.schema.createIndex('notice_record_idx').on('notice').column('record_id').execute();

  await autoId(db, db.schema.createTable('objection'))
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('notice.id').onDelete('cascade'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('resolved_on', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('objection_notice_idx').on('objection').columns(['notice_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('objection').execute();
  await db.schema.dropTable('notice').execute();
}
