/**
 * The national system's other tables taken in by data intake: spells of migrant work per person
 * (（务工月监测）已外出务工信息 and 计划外出务工信息, one row per person and spell or plan) and village profiles
 * (（自定义）行政村信息, one row per village and import). Every row carries the import batch that wrote it,
 * so that a rollback removes exactly what the import added. A spell names its person by the keyed lookup
 * hash of the ID number (person.id_hash), which survives the re-insertion of a household's members by a
 * later person import (their row ids do not); key rotation re-hashes it with the persons. Portable types only: dates ISO text, money
 * bigint fen. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('work_spell'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('working', 'integer')
    .addColumn('start_month', 'text')
    .addColumn('end_month', 'text')
    .addColumn('work_county', 'text')
    .addColumn('monthly_wage_fen', 'bigint')
    .addColumn('channel', 'text')
    .addColumn('industry', 'text')
    .addColumn('employer', 'text')
    .addColumn('transport_subsidy_fen', 'bigint')
    .addColumn('service_need', 'text')
    .execute();
  await db.schema.createIndex('work_spell_batch_idx').on('work_spell').columns(['batch_id']).execute();
  await db.schema.createIndex('work_spell_person_idx').on('work_spell').columns(['id_hash', 'start_month']).execute();

  await autoId(db, db.schema.createTable('village_profile'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('figures_json', 'text', (c) => c.notNull())
    .addColumn('collective_income_fen', 'bigint')
    .execute();
  await db.schema.createIndex('village_profile_village_idx').on('village_profile').columns(['village_code', 'batch_id']).execute();
  await db.schema.createIndex('village_profile_batch_idx').on('village_profile').columns(['batch_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['village_profile', 'work_spell']) await db.schema.dropTable(t).ifExists().execute();
}
