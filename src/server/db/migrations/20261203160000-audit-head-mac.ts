/**
 * Issue 17 point 4: the audit head carries an HMAC (audit key, never in the database) of its count and
 * last hash, so that deleting the tail of the log and updating the head is detected. Null on databases
 * from before the key until the next append. Frozen once merged.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').addColumn('mac', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').dropColumn('mac').execute();
}
