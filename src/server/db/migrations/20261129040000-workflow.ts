/**
 * Monitoring and assistance workflow: cases (monitoring_case: `case` is an SQL keyword), their steps,
 * attachments, village notices and objections, the append-only case event log, and assistance measures.
 * Portable types only: dates ISO text, money bigint fen, JSON as text. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('monitoring_case'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('current_step', 'text')
    .addColumn('clue_date', 'text', (c) => c.notNull())
    .addColumn('step_base_date', 'text', (c) => c.notNull())
    .addColumn('step_due', 'text')
    .addColumn('decision_due', 'text')
    .addColumn('verified_on', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('first_measure_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('category', 'text')
    .addColumn('risk_types', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('elimination_mode', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitoring_case_household_idx').on('monitoring_case').columns(['household_id', 'id']).execute();
  await db.schema.createIndex('monitoring_case_state_due_idx').on('monitoring_case').columns(['state', 'step_due']).execute();
  await db.schema.createIndex('monitoring_case_county_idx').on('monitoring_case').columns(['county_code', 'state']).execute();
  await db.schema.createIndex('monitoring_case_due_idx').on('monitoring_case').columns(['step_due', 'id']).execute();
  await db.schema.createIndex('monitoring_case_first_measure_idx').on('monitoring_case').columns(['state', 'first_measure_on', 'decided_on']).execute();
  // covering index of the overdue counts (step due, step, household, village)
  await db.schema.createIndex('monitoring_case_overdue_idx').on('monitoring_case').columns(['step_due', 'current_step', 'household_id', 'village_code']).execute();
  await db.schema.createIndex('monitoring_case_village_due_idx').on('monitoring_case').columns(['village_code', 'step_due']).execute();

  await autoId(db, db.schema.createTable('case_step'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('monitoring_case.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_level', 'text', (c) => c.notNull())
    .addColumn('performed_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_step_case_idx').on('case_step').columns(['case_id', 'id']).execute();

  await autoId(db, db.schema.createTable('case_attachment'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('monitoring_case.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_attachment_case_idx').on('case_attachment').column('case_id').execute();

  await autoId(db, db.schema.createTable('public_notice'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('monitoring_case.id').onDelete('cascade'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('posted_on', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('posted_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_notice_case_idx').on('public_notice').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('public_notice_status_idx').on('public_notice').columns(['status', 'ends_on']).execute();

  await autoId(db, db.schema.createTable('notice_objection'))
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('public_notice.id').onDelete('cascade'))
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolved_on', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_objection_notice_idx').on('notice_objection').column('notice_id').execute();

  await autoId(db, db.schema.createTable('case_event'))
    .addColumn('case_id', 'integer')
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_event_household_idx').on('case_event').columns(['household_id', 'id']).execute();
  await db.schema.createIndex('case_event_case_idx').on('case_event').columns(['case_id', 'id']).execute();

  await autoId(db, db.schema.createTable('assistance_measure'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('case_id', 'integer')
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sub_kind', 'text')
    .addColumn('responsible_unit', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('amount_fen', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistance_measure_household_idx').on('assistance_measure').columns(['household_id', 'id']).execute();
  await db.schema.createIndex('assistance_measure_county_idx').on('assistance_measure').columns(['county_code', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['assistance_measure', 'case_event', 'notice_objection', 'public_notice', 'case_attachment', 'case_step', 'monitoring_case']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
