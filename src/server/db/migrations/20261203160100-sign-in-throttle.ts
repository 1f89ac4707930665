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
  // A database from before this migration may hold `Admin` beside `admin`: the unique index would then fail
  // with the database's own message. Name the accounts instead and leave the renaming to the administrator
  // (no account is renamed or merged here: each may hold grants and history).
  const names = await sql<{ username: string }>`select username from user_account where lower(username) in (select lower(username) from user_account group by lower(username) having count(*) > 1) order by lower(username), username`.execute(db);
  if (names.rows.length) {
    const byKey = new Map<string, string[]>();
    for (const { username } of names.rows) byKey.set(username.toLowerCase(), [...(byKey.get(username.toLowerCase()) ?? []), username]);
    const groups = [...byKey.values()].map((g) => g.join('、')).join(';');
    throw new Error(`用户名仅大小写不同的账号须先改名才能升级(用户名今后不区分大小写):${groups}。请在旧版本中停用或改名其中之一后再启动`);
  }
  await db.schema.createIndex('user_account_username_lower_idx').on('user_account').unique().expression(sql`lower(username)`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('user_account_username_lower_idx').execute();
  await db.schema.dropTable('sign_in_throttle').execute();
}
