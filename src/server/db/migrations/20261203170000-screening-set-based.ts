/**
 * Set-based screening (issue 15): a screening result keeps only what cannot be derived — the flag bits,
 * the context it was computed under (threshold used, rule-set version, parameters), the facts hash (with
 * the context, the input hash) and the run. Explanations are built on read from the facts and the rule;
 * per-rule flag rows are the bits. Results are derived data: the old ones are dropped here and the next
 * screening run (`zhenxing screen`, or `zhenxing start`, which screens years with facts and no results)
 * writes them again. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('screening_flag').ifExists().execute();
  await db.schema.dropTable('screening_result').ifExists().execute();

  await autoId(db, db.schema.createTable('screening_context'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('ruleset_version', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('threshold_fen', 'bigint', (c) => c.notNull())
    .addColumn('threshold_status', 'text', (c) => c.notNull())
    .addColumn('threshold_source', 'text', (c) => c.notNull())
    .addColumn('threshold_basis', 'text', (c) => c.notNull())
    .addColumn('context_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screening_context_county_idx').on('screening_context').columns(['year', 'county_code']).execute();

  await db.schema
    .createTable('screening_result')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('flags', 'integer', (c) => c.notNull())
    .addColumn('context_id', 'integer', (c) => c.notNull().references('screening_context.id'))
    .addColumn('facts_hash', 'text', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_result_pk', ['household_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('screening_result').ifExists().execute();
  await db.schema.dropTable('screening_context').ifExists().execute();
  await db.schema
    .createTable('screening_result')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('facts_hash', 'text', (c) => c.notNull())
    .addColumn('ruleset_version', 'text', (c) => c.notNull())
    .addColumn('verdicts', 'text', (c) => c.notNull())
    .addColumn('flagged_rules', 'text', (c) => c.notNull())
    .addColumn('flagged_risk_types', 'text', (c) => c.notNull())
    .addColumn('threshold_fen', 'bigint', (c) => c.notNull())
    .addColumn('uses_placeholder', 'integer', (c) => c.notNull())
    .addColumn('screened_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_result_pk', ['household_id', 'year'])
    .execute();
  await db.schema.createIndex('screening_result_county_idx').on('screening_result').columns(['year', 'county_code']).execute();
  await db.schema
    .createTable('screening_flag')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_flag_pk', ['household_id', 'year', 'rule_id'])
    .execute();
  await db.schema.createIndex('screening_flag_rule_idx').on('screening_flag').columns(['year', 'rule_id', 'household_id']).execute();
}
