/**
 * Places (issue 9 items 7–8, issue 8 item 2): the division-code crosswalk and the place names a county's
 * users mapped once in an import preview.
 *
 * - `division_change`: one row per (retired code → code that replaced it), loaded from
 *   data/regions/division-crosswalk.csv with the date, kind (rename, merge, split), the approving document and
 *   its source. A split has one row per successor.
 * - `place_name_mapping`: a town or village name as a county's files write it (normalised), mapped by a user to
 *   a township (9 digits) or village (12 digits) code of that county; used by every later import of the county.
 * Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('division_change')
    .addColumn('old_code', 'text', (c) => c.notNull())
    .addColumn('old_name', 'text', (c) => c.notNull())
    .addColumn('new_code', 'text', (c) => c.notNull())
    .addColumn('new_name', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('division_change_pk', ['old_code', 'new_code'])
    .execute();

  await autoId(db, db.schema.createTable('place_name_mapping'))
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('town_name', 'text', (c) => c.notNull())
    .addColumn('village_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('place_name_mapping_key', ['county_code', 'town_name', 'village_name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('place_name_mapping').execute();
  await db.schema.dropTable('division_change').execute();
}
