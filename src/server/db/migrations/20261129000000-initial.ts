/**
 * Initial schema: regions and designations, thresholds, the registry (household, person, income),
 * maintained household facts, screening results and rollups. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('region')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('region_parent_idx').on('region').column('parent_code').execute();

  await autoId(db, db.schema.createTable('designation'))
    .addColumn('county_code', 'text', (c) => c.notNull().references('region.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('geo_hazard_prone', 'integer')
    .addColumn('geo_hazard_source', 'text')
    .addColumn('loaded_from', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('designation_county_kind_uq', ['county_code', 'kind'])
    .execute();

  await autoId(db, db.schema.createTable('monitoring_threshold'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('threshold_uq', ['province_code', 'county_code', 'year'])
    .execute();

  await autoId(db, db.schema.createTable('household'))
    .addColumn('household_no', 'text', (c) => c.notNull().unique())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('prefecture_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull().references('region.code'))
    .addColumn('household_type', 'text', (c) => c.notNull())
    .addColumn('monitored_category', 'text')
    .addColumn('risk_types', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('identified_month', 'text')
    .addColumn('risk_eliminated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('elimination_mode', 'text')
    .addColumn('eliminated_month', 'text')
    .addColumn('farmland_mu', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('forest_mu', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('housing_area_m2', 'real')
    .addColumn('dangerous_house', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('distance_to_road_km', 'real')
    .addColumn('road_hardened', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('electricity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('safe_drinking_water', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sanitary_toilet', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('head_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const col of ['county_code', 'township_code', 'village_code', 'province_code', 'prefecture_code']) {
    await db.schema.createIndex(`household_${col}_idx`).on('household').columns([col, 'id']).execute();
  }

  await autoId(db, db.schema.createTable('person'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('id_cipher', 'text', (c) => c.notNull())
    .addColumn('id_masked', 'text', (c) => c.notNull())
    .addColumn('id_status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('relation_to_head', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('education', 'text')
    .addColumn('school_stage', 'text', (c) => c.notNull())
    .addColumn('health_status', 'text', (c) => c.notNull())
    .addColumn('disability_grade', 'integer')
    .addColumn('labour_skill', 'text', (c) => c.notNull())
    .addColumn('work_place', 'text')
    .addColumn('resident_medical_insurance', 'integer', (c) => c.notNull())
    .addColumn('employee_medical_insurance', 'integer', (c) => c.notNull())
    .addColumn('critical_illness_insurance', 'integer', (c) => c.notNull())
    .addColumn('medical_assistance', 'integer', (c) => c.notNull())
    .addColumn('resident_pension', 'integer', (c) => c.notNull())
    .addColumn('employee_pension', 'integer', (c) => c.notNull())
    .addColumn('dibao', 'integer', (c) => c.notNull())
    .addColumn('tekun', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_household_idx').on('person').column('household_id').execute();
  await db.schema.createIndex('person_id_hash_idx').on('person').column('id_hash').execute();

  await db.schema
    .createTable('income_record')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('wage_fen', 'bigint', (c) => c.notNull())
    .addColumn('business_income_fen', 'bigint', (c) => c.notNull())
    .addColumn('business_expenses_fen', 'bigint', (c) => c.notNull())
    .addColumn('property_fen', 'bigint', (c) => c.notNull())
    .addColumn('transfer_fen', 'bigint', (c) => c.notNull())
    .addColumn('compliant_out_of_pocket_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('income_record_pk', ['household_id', 'year'])
    .execute();

  await db.schema
    .createTable('household_fact')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('labour_count', 'integer', (c) => c.notNull())
    .addColumn('net_income_fen', 'bigint')
    .addColumn('per_capita_net_income_fen', 'bigint')
    .addColumn('income_issue', 'text')
    .addColumn('prev_per_capita_net_income_fen', 'bigint')
    .addColumn('compliant_out_of_pocket_fen', 'bigint', (c) => c.notNull())
    .addColumn('children_out_of_school', 'integer', (c) => c.notNull())
    .addColumn('members_without_medical_insurance', 'integer', (c) => c.notNull())
    .addColumn('housing_safe', 'integer', (c) => c.notNull())
    .addColumn('safe_drinking_water', 'integer', (c) => c.notNull())
    .addColumn('serious_illness_members', 'integer', (c) => c.notNull())
    .addColumn('disabled_members', 'integer', (c) => c.notNull())
    .addColumn('facts_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('household_fact_pk', ['household_id', 'year'])
    .execute();
  await db.schema.createIndex('household_fact_county_idx').on('household_fact').columns(['year', 'county_code']).execute();

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

  await autoId(db, db.schema.createTable('screening_run'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('region_rollup')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('region_rollup_pk', ['region_code', 'year', 'metric', 'key'])
    .execute();

  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['app_meta', 'region_rollup', 'screening_run', 'screening_flag', 'screening_result', 'household_fact', 'income_record', 'person', 'household', 'monitoring_threshold', 'designation', 'region']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
