/**
 * Indicator snapshots (issue 10 item 3): a snapshot is the values of an indicator set for a period, taken
 * at a time under the rule set and parameters in force (indicator_snapshot), one row per indicator and
 * region (indicator_value, with the definition version it was computed under); hand-reported values of
 * indicators with no data in the system wait in indicator_report until a snapshot takes them. Snapshots
 * are append-only: a report of last year reads its snapshot, never the live figures. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('indicator_snapshot'))
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('set_version', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('scope_code', 'text', (c) => c.notNull())
    .addColumn('ruleset_version', 'text', (c) => c.notNull())
    .addColumn('rule_parameters', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_snapshot_period_idx').on('indicator_snapshot').columns(['set_id', 'period']).execute();
  await db.schema
    .createTable('indicator_value')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('definition_version', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_value_pk', ['snapshot_id', 'indicator_id', 'region_code'])
    .execute();
  await db.schema
    .createTable('indicator_report')
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_report_pk', ['set_id', 'period', 'county_code', 'indicator_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_report').execute();
  await db.schema.dropTable('indicator_value').execute();
  await db.schema.dropTable('indicator_snapshot').execute();
}
