/**
 * Reporting by level (issue 10 item 4): a reporting period per indicator set (report_period), one report
 * per key county climbing the chain of data/indicators/reporting.json (report_submission, with the
 * snapshot it submitted, the level that locked it and an optimistic version), and the append-only
 * events of every step with its actor, level and reason (report_event). Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('report_period'))
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_period_uq', ['set_id', 'period'])
    .execute();
  await autoId(db, db.schema.createTable('report_submission'))
    .addColumn('period_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'integer')
    .addColumn('locked_level', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_submission_uq', ['period_id', 'county_code'])
    .execute();
  await autoId(db, db.schema.createTable('report_event'))
    .addColumn('submission_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_level', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_event_submission_idx').on('report_event').column('submission_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_event').execute();
  await db.schema.dropTable('report_submission').execute();
  await db.schema.dropTable('report_period').execute();
}
