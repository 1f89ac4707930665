/**
 * Set-based screening (issue 15): the screening of a household-year keeps only what cannot be derived —
 * the flag bits, the context it was computed under (threshold used, rule-set version, parameters: table
 * screening_context), the facts hash it was computed from (with the context, the input hash) and the run
 * — as four columns of the household-year's facts row, so that screening is one UPDATE per county and a
 * re-run on unchanged inputs one scan, with no join. `screening_result` becomes a view of the screened
 * rows. Township and village figures are kept at write time in region_figures. Explanations are built on read from the facts and the rules. Results are derived data: the old
 * ones are dropped here and the next run (`zhenxing screen`, or `zhenxing start`, which screens years
 * with facts and no results) writes them again. Frozen once merged.
 */
import { sql, type Kysely } from 'kysely';
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

  // null until the household-year is screened
  await db.schema.alterTable('household_fact').addColumn('flags', 'integer').execute();
  await db.schema.alterTable('household_fact').addColumn('context_id', 'integer').execute();
  await db.schema.alterTable('household_fact').addColumn('screened_facts_hash', 'text').execute();
  await db.schema.alterTable('household_fact').addColumn('run_id', 'integer').execute();

  // township and village figures (rollups below the county), one JSON row per region-year
  await db.schema
    .createTable('region_figures')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('region_figures_pk', ['region_code', 'year'])
    .execute();

  // the household list's default order (household number) within a region: the first page of a county
  // reads 21 index entries instead of sorting the county (the row id, = household.id, breaks ties)
  for (const level of ['province', 'prefecture', 'county', 'township', 'village']) {
    await db.schema.createIndex(`household_${level}_no_idx`).on('household').columns([`${level}_code`, 'household_no']).execute();
  }

  await db.schema
    .createView('screening_result')
    .as(db.selectFrom('household_fact').select(['household_id', 'year', 'flags', 'context_id', sql.ref('screened_facts_hash').as('facts_hash'), 'run_id']).where('flags', 'is not', null))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropView('screening_result').ifExists().execute();
  for (const level of ['province', 'prefecture', 'county', 'township', 'village']) await db.schema.dropIndex(`household_${level}_no_idx`).ifExists().execute();
  await db.schema.dropTable('region_figures').ifExists().execute();
  for (const c of ['run_id', 'screened_facts_hash', 'context_id', 'flags']) await db.schema.alterTable('household_fact').dropColumn(c).execute();
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
