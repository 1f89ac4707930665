/**
 * Evaluation rounds (issue 10 item 5): a round of a template (data/evaluation/<kind>.json) over the key
 * counties of the evaluating region, with the weights and grade lines in force and who entered them,
 * the sampling seed and strata (evaluation_round); items entered per county (evaluation_entry); the
 * computed score, rank, grade and per-item detail per county (evaluation_result); the households drawn
 * for field checks (evaluation_sample). Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('evaluation_round'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('counties', 'text', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('weights_origin', 'text', (c) => c.notNull())
    .addColumn('grade_lines', 'text', (c) => c.notNull())
    .addColumn('strata', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('snapshot_id', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text')
    .execute();
  await db.schema
    .createTable('evaluation_entry')
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_entry_pk', ['round_id', 'county_code', 'item_id'])
    .execute();
  await db.schema
    .createTable('evaluation_result')
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'integer')
    .addColumn('items', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_result_pk', ['round_id', 'county_code'])
    .execute();
  await db.schema
    .createTable('evaluation_sample')
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('draw_order', 'integer', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_sample_pk', ['round_id', 'county_code', 'stratum', 'draw_order'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['evaluation_sample', 'evaluation_result', 'evaluation_entry', 'evaluation_round']) await db.schema.dropTable(t).execute();
}
