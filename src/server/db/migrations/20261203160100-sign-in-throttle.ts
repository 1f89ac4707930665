/**
 * Issue 17 points 5 and 6: failed sign-ins are counted per user name and client address within a
 * window (`sign_in_throttle`), so that a lock answers like an unknown name and never locks the real user
 * out from another address; user names are unique whatever their case (`Admin` beside `admin` is
 * refused). Frozen once merged.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    // lower-case user name as typed (also names that do not exist) and the client address
    .addColumn('username_key', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    // when the row no longer matters (end of the window or of the lock): expired rows are deleted
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_throttle_pk', ['username_key', 'address'])
    .execute();
  await db.schema.createIndex('sign_in_throttle_expires_idx').on('sign_in_throttle').column('expires_at').execute();
  await db.schema.createIndex('user_account_username_lower_idx').on('user_account').unique().expression(sql`lower(username)`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('user_account_username_lower_idx').execute();
  await db.schema.dropTable('sign_in_throttle').execute();
}
