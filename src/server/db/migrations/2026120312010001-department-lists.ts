/**
 * Department lists as departments send them (issue 9):
 * - value_mapping: a department's own code values mapped to a template column's values (民政 低保类别
 *   A类 → 低保), per kind and county (county_code '' = remembered for the whole installation), kept like
 *   the header mappings and applied to the next list of the kind from that county;
 * - import_problem gains id_masked and id_hash: a stored problem of a row with an ID number keeps the
 *   masked number and the keyed lookup hash, never the number in clear (item 9);
 * - department_record gains guardian_person_id: a student list links the guardian found by the
 *   guardian's ID number (item 3).
 * Frozen once merged.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('value_mapping')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('value_mapping_pk', ['kind', 'county_code'])
    .execute();
  await db.schema.alterTable('import_problem').addColumn('id_masked', 'text').execute();
  await db.schema.alterTable('import_problem').addColumn('id_hash', 'text').execute();
  await db.schema.alterTable('department_record').addColumn('guardian_person_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('department_record').dropColumn('guardian_person_id').execute();
  await db.schema.alterTable('import_problem').dropColumn('id_hash').execute();
  await db.schema.alterTable('import_problem').dropColumn('id_masked').execute();
  await db.schema.dropTable('value_mapping').ifExists().execute();
}
