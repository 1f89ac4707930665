/**
 * Accounts: users (region of any level, roles, argon2id hash, lockout state), server-side sessions (only
 * the SHA-256 of the session token is stored), and temporary access grants to a household of another
 * region (人户分离). Frozen once merged.
 */
import type { Kysely } from 'kysely';
import { autoId } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await autoId(db, db.schema.createTable('user_account'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    // null = national
    .addColumn('region_code', 'text')
    // comma-separated roles
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_account_region_idx').on('user_account').columns(['region_code']).execute();
  await autoId(db, db.schema.createTable('user_session'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_session_user_idx').on('user_session').columns(['user_id']).execute();
  await autoId(db, db.schema.createTable('access_grant'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('household_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('access_grant_user_idx').on('access_grant').columns(['user_id', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_grant').ifExists().execute();
  await db.schema.dropTable('user_session').ifExists().execute();
  await db.schema.dropTable('user_account').ifExists().execute();
}
