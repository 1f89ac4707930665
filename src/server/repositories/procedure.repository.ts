/**
 * SQL of the procedure engine's records (procedure_record, procedure_event) and of the notice module
 * (notice, objection). A record belongs to its region code (village, township or county): every read and
 * write of a record or notice is limited to the scope by prefix range (inScopeRange). Updates of a record
 * or notice are conditional on its version (optimistic concurrency): false when it changed since read.
 * Events are append-only: there is no update or delete of them.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/connect';
import type { NoticeTable, ObjectionTable, ProcedureEventTable, ProcedureRecordTable } from '../db/schema';
import { inScopeRange } from './case.repository';
import type { Scope } from './scope';

export type ProcedureRecordRow = Selectable<ProcedureRecordTable>;
export type ProcedureEventRow = Selectable<ProcedureEventTable>;
export type NoticeRow = Selectable<NoticeTable>;
export type ObjectionRow = Selectable<ObjectionTable>;

/** Filters of a record list. */
export interface RecordFilter {
  procedure?: string;
  subjectKind?: string;
  subjectId?: string;
  /** true: open only (a step is awaited); false: ended only; undefined: both */
  open?: boolean;
  /** open records awaiting one of these steps, per procedure: `${procedure}:${step}` (null = any) */
  awaiting?: readonly string[] | null;
  /** due before this date */
  dueBefore?: string;
}

export class ProcedureRepository {
  constructor(private readonly db: Db) {}

  /** One record inside the scope. */
  get(scope: Scope, id: number): Promise<ProcedureRecordRow | undefined> {
    return this.db.selectFrom('procedureRecord').selectAll().where('id', '=', id).$call((q) => inScopeRange(q, 'regionCode', scope)).executeTakeFirst();
  }

  /** Records inside the scope by the filter: earliest due first, then those without a due date, newest first; at most `limit`. */
  list(scope: Scope, f: RecordFilter, limit: number): Promise<ProcedureRecordRow[]> {
    return this.db
      .selectFrom('procedureRecord')
      .selectAll()
      .$if(!!f.procedure, (q) => q.where('procedure', '=', f.procedure!))
      .$if(!!f.subjectKind, (q) => q.where('subjectKind', '=', f.subjectKind!))
      .$if(!!f.subjectId, (q) => q.where('subjectId', '=', f.subjectId!))
      .$if(f.open === true, (q) => q.where('currentStep', 'is not', null))
      .$if(f.open === false, (q) => q.where('currentStep', 'is', null))
      .$if(f.awaiting !== undefined && f.awaiting !== null, (q) =>
        q.where((eb) => eb.or(f.awaiting!.length ? f.awaiting!.map((a) => { const [p, s] = a.split(':'); return eb.and([eb('procedure', '=', p!), eb('currentStep', '=', s!)]); }) : [eb('id', '<', 0)])),
      )
      .$if(!!f.dueBefore, (q) => q.where('stepDue', '<', f.dueBefore!))
      .$call((q) => inScopeRange(q, 'regionCode', scope))
      // records without a due date after those with one, on both dialects (NULLS sort differently)
      .orderBy(sql`case when ${sql.ref('stepDue')} is null then 1 else 0 end`)
      .orderBy('stepDue')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** An open record of the same procedure and subject, if any (one open record per subject and procedure). */
  openOf(scope: Scope, procedure: string, subjectKind: string, subjectId: string): Promise<ProcedureRecordRow | undefined> {
    return this.db
      .selectFrom('procedureRecord')
      .selectAll()
      .where('procedure', '=', procedure)
      .where('subjectKind', '=', subjectKind)
      .where('subjectId', '=', subjectId)
      .where('currentStep', 'is not', null)
      .$call((q) => inScopeRange(q, 'regionCode', scope))
      .executeTakeFirst();
  }

  /** Inserts a record (the caller checked its region lies in the scope); returns its id. */
  async insert(_scope: Scope, row: Insertable<ProcedureRecordTable>): Promise<number> {
    return (await this.db.insertInto('procedureRecord').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Updates a record if its version is still `version`, bumping it; false when it changed meanwhile. */
  update(scope: Scope, id: number, version: number, patch: Updateable<ProcedureRecordTable>): Promise<boolean> {
    return this.bump('procedureRecord', scope, id, version, patch);
  }

  /** Appends an event of a record read under the scope. */
  async appendEvent(_scope: Scope, row: Insertable<ProcedureEventTable>): Promise<void> {
    await this.db.insertInto('procedureEvent').values(row).execute();
  }

  /** The events of a record read under the scope, oldest first. */
  events(_scope: Scope, recordId: number): Promise<ProcedureEventRow[]> {
    return this.db.selectFrom('procedureEvent').selectAll().where('recordId', '=', recordId).orderBy('id').execute();
  }

  // ------------------------------------------------------------ notices

  /** One notice inside the scope. */
  notice(scope: Scope, id: number): Promise<NoticeRow | undefined> {
    return this.db.selectFrom('notice').selectAll().where('id', '=', id).$call((q) => inScopeRange(q, 'regionCode', scope)).executeTakeFirst();
  }

  /** The latest notice of a record read under the scope. */
  noticeOfRecord(_scope: Scope, recordId: number): Promise<NoticeRow | undefined> {
    return this.db.selectFrom('notice').selectAll().where('recordId', '=', recordId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  /** Notices inside the scope, newest first; `status` posted | closed | withdrawn; `subjectKind` filter. */
  notices(scope: Scope, f: { status?: string; subjectKind?: string }, limit: number): Promise<NoticeRow[]> {
    return this.db
      .selectFrom('notice')
      .selectAll()
      .$if(!!f.status, (q) => q.where('status', '=', f.status!))
      .$if(!!f.subjectKind, (q) => q.where('subjectKind', '=', f.subjectKind!))
      .$call((q) => inScopeRange(q, 'regionCode', scope))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * The monitoring cases' village notices inside the scope (public_notice, decision 0182), newest first, with
   * their objections: read-only here, written by the case service.
   */
  async caseNotices(scope: Scope, status: string | undefined, limit: number) {
    const rows = await this.db
      .selectFrom('publicNotice')
      .selectAll()
      .$if(!!status, (q) => q.where('status', '=', status!))
      .$call((q) => inScopeRange(q, 'villageCode', scope))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    const objections = rows.length ? await this.db.selectFrom('noticeObjection').selectAll().where('noticeId', 'in', rows.map((r) => r.id)).orderBy('id').execute() : [];
    return rows.map((n) => ({ ...n, objections: objections.filter((o) => o.noticeId === n.id) }));
  }

  /** Records a notice (the caller checked its region lies in the scope); returns its id. */
  async insertNotice(_scope: Scope, row: Insertable<NoticeTable>): Promise<number> {
    return (await this.db.insertInto('notice').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Updates a notice if its version is still `version`, bumping it; false when it changed meanwhile. */
  updateNotice(scope: Scope, id: number, version: number, patch: Updateable<NoticeTable>): Promise<boolean> {
    return this.bump('notice', scope, id, version, patch);
  }

  /** The versioned update of a row of `table` (both tables have id, version and region_code). */
  private async bump(table: 'procedureRecord' | 'notice', scope: Scope, id: number, version: number, patch: Updateable<ProcedureRecordTable> | Updateable<NoticeTable>): Promise<boolean> {
    const r = await this.db
      .updateTable(table as 'notice')
      .set({ ...(patch as Updateable<NoticeTable>), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .$call((q) => inScopeRange(q, 'regionCode', scope))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The objections to a notice read under the scope, in order. */
  objections(_scope: Scope, noticeId: number): Promise<ObjectionRow[]> {
    return this.db.selectFrom('objection').selectAll().where('noticeId', '=', noticeId).orderBy('id').execute();
  }

  /** Records an objection to a notice read under the scope; returns its id. */
  async insertObjection(_scope: Scope, row: Insertable<ObjectionTable>): Promise<number> {
    return (await this.db.insertInto('objection').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Records the outcome of an open objection; false when it was already resolved. */
  async resolveObjection(_scope: Scope, noticeId: number, id: number, patch: { outcome: string; resolvedOn: string; note: string }): Promise<boolean> {
    const r = await this.db.updateTable('objection').set(patch).where('id', '=', id).where('noticeId', '=', noticeId).where('outcome', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
