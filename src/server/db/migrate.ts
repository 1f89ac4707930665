/**
 * Runs the migrations in src/server/db/migrations (imported statically so that the bundle and tests
 * need no file-system lookup). Throws the migration's error when one fails.
 */
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf } from './connect';
import type { Db } from './connect';
import * as initial from './migrations/20261129000000-initial';
import * as audit from './migrations/20261129010000-audit';
import * as intake from './migrations/20261129030000-intake';
import * as accounts from './migrations/20261129020000-accounts';
import * as workflow from './migrations/20261129040000-workflow';
import * as intakeTables from './migrations/20261129050000-intake-tables';
import * as nationalColumns from './migrations/20261203100000-national-columns';
import * as screeningSetBased from './migrations/20261203170000-screening-set-based';
import * as auditHeadMac from './migrations/20261203160000-audit-head-mac';
import * as signInThrottle from './migrations/20261203160100-sign-in-throttle';
import * as procedureRecords from './migrations/2026120314010001-procedure-records';
import * as notices from './migrations/2026120314010002-notices';
import * as indicators from './migrations/2026120315010001-indicators';
import * as reporting from './migrations/2026120315010002-reporting';
import * as evaluation from './migrations/2026120315010003-evaluation';
import * as places from './migrations/2026120313010001-places';
import * as departmentLists from './migrations/2026120312010001-department-lists';

const MIGRATIONS: Record<string, Migration> = {
  '20261129000000-initial': initial,
  '20261129010000-audit': audit,
  '20261129020000-accounts': accounts,
  '20261129030000-intake': intake,
  '20261129040000-workflow': workflow,
  '20261129050000-intake-tables': intakeTables,
  '20261203100000-national-columns': nationalColumns,
  '20261203170000-screening-set-based': screeningSetBased,
  '20261203160000-audit-head-mac': auditHeadMac,
  '20261203160100-sign-in-throttle': signInThrottle,
  '2026120314010001-procedure-records': procedureRecords,
  '2026120314010002-notices': notices,
  '2026120315010001-indicators': indicators,
  '2026120315010002-reporting': reporting,
  '2026120315010003-evaluation': evaluation,
  '2026120313010001-places': places,
  '2026120312010001-department-lists': departmentLists,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Migrates to the latest schema. Returns the names of the migrations applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // On PostgreSQL the migration tables live in the connection's current schema: without naming it, Kysely
  // would find another schema's kysely_migration table and skip creating its own.
  const schema = dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  // Unordered: branches built in parallel each add migrations with their own timestamp prefix, so a database
  // migrated on one branch must still accept another branch's earlier-named migration after a merge.
  const migrator = new Migrator({ db, provider: new StaticProvider(), migrationTableSchema: schema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
