/**
 * Data intake: import batches (who, when, file name and SHA-256, counts), their problems, the changes
 * they made (for rollback), rows held for verification (kept, never dropped), remembered header mappings, department-list records and risk clues.
 * Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('import_batch'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sheet_name', 'text')
    .addColumn('scope_code', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rolled_back_at', 'text')
    .addColumn('rolled_back_by', 'text')
    .execute();
  await db.schema.createIndex('import_batch_sha_idx').on('import_batch').columns(['file_sha256', 'kind']).execute();
  await db.schema.createIndex('import_batch_scope_idx').on('import_batch').columns(['scope_code', 'id']).execute();

  await autoId(db, db.schema.createTable('import_problem'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('sheet', 'text')
    .addColumn('row', 'integer')
    .addColumn('column_name', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_problem_batch_idx').on('import_problem').columns(['batch_id', 'row']).execute();

  await autoId(db, db.schema.createTable('import_change'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addColumn('household_no', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('version_after', 'integer', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .execute();
  await db.schema.createIndex('import_change_batch_idx').on('import_change').columns(['batch_id']).execute();
  await db.schema.createIndex('import_change_household_idx').on('import_change').columns(['household_id', 'batch_id']).execute();

  await autoId(db, db.schema.createTable('import_held_row'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('household_no', 'text')
    .addColumn('name', 'text')
    .addColumn('id_masked', 'text')
    .addColumn('id_cipher', 'text')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_held_row_batch_idx').on('import_held_row').columns(['batch_id', 'row']).execute();

  await db.schema
    .createTable('header_mapping')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('header_mapping_pk', ['kind', 'signature'])
    .execute();

  await autoId(db, db.schema.createTable('department_record'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer')
    .addColumn('household_id', 'integer')
    .addColumn('county_code', 'text')
    .addColumn('facts_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('department_record_batch_idx').on('department_record').columns(['batch_id']).execute();

  await autoId(db, db.schema.createTable('risk_clue'))
    .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id').onDelete('cascade'))
    .addColumn('person_id', 'integer')
    .addColumn('source_department', 'text', (c) => c.notNull())
    .addColumn('list_kind', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('risk_type', 'text', (c) => c.notNull())
    .addColumn('facts_json', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_clue_county_idx').on('risk_clue').columns(['county_code', 'status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['risk_clue', 'department_record', 'header_mapping', 'import_held_row', 'import_change', 'import_problem', 'import_batch']) await db.schema.dropTable(t).ifExists().execute();
}
