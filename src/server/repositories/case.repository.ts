/**
 * SQL of the workflow: cases, steps, attachments, notices, objections and the append-only case event log.
 * Every method on regional data takes a Scope first (a case belongs to its household's village).
 * Updates of a case are conditional on its version (optimistic concurrency): they return false when the
 * row changed since it was read. Methods on the child rows of a case (steps, attachments, notices,
 * objections, its events) take the scope for uniformity and are called only with a case id that was read
 * under the scope first.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { dialectOf } from '../db/connect';
import type { Db } from '../db/connect';
import type { CaseAttachmentTable, CaseEventTable, CaseStepTable, MonitoringCaseTable, NoticeObjectionTable, PublicNoticeTable } from '../db/schema';
import { whereVillageInScope, type Scope } from './scope';

export type CaseRow = Selectable<MonitoringCaseTable>;
export type CaseStepRow = Selectable<CaseStepTable>;
export type AttachmentRow = Selectable<CaseAttachmentTable>;
export type NoticeRow = Selectable<PublicNoticeTable>;
export type ObjectionRow = Selectable<NoticeObjectionTable>;
export type CaseEventRow = Selectable<CaseEventTable>;

/**
 * Rows whose `village_code` lies inside the scope, as a range (code ≤ x < the next code of the same
 * length, e.g. 522633 ≤ x < 522634) that both SQLite and PostgreSQL answer from an index, unlike LIKE on
 * SQLite; digit strings order the same way under every collation.
 */
export function inScopeRange<Q extends { where: (...a: any[]) => Q }>(q: Q, col: string, scope: Scope): Q {
  if (scope.regionCode === null) return q;
  const next = (BigInt(scope.regionCode) + 1n).toString().padStart(scope.regionCode.length, '0');
  const lower = q.where(col, '>=', scope.regionCode);
  return next.length > scope.regionCode.length ? lower : lower.where(col, '<', next);
}

/** Open states, as stored. */
const OPEN = ['verification', 'comparison', 'assessment', 'villageReview', 'notice', 'townshipReview', 'countyApproval', 'announcement'];

/** A row of the worklist: an open case with its household's number and head. */
export interface WorkRow {
  id: number;
  kind: string;
  householdId: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  state: string;
  currentStep: string | null;
  stepDue: string | null;
}

export class CaseRepository {
  constructor(private readonly db: Db) {}

  /** One case inside the scope. */
  get(scope: Scope, id: number): Promise<CaseRow | undefined> {
    return this.db
      .selectFrom('monitoringCase')
      .selectAll()
      .where('id', '=', id)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .executeTakeFirst();
  }

  /** The open case of a household, if any (at most one is open at a time). */
  openOf(scope: Scope, householdId: number): Promise<CaseRow | undefined> {
    return this.db
      .selectFrom('monitoringCase')
      .selectAll()
      .where('householdId', '=', householdId)
      .where('state', 'in', OPEN)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .executeTakeFirst();
  }

  /** Every case of a household, newest first. */
  ofHousehold(scope: Scope, householdId: number): Promise<CaseRow[]> {
    return this.db
      .selectFrom('monitoringCase')
      .selectAll()
      .where('householdId', '=', householdId)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .orderBy('id', 'desc')
      .execute();
  }

  /** Inserts a case (the caller checked the village lies in its scope). */
  async insert(_scope: Scope, row: Insertable<MonitoringCaseTable>): Promise<number> {
    return (await this.db.insertInto('monitoringCase').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Updates a case if its version is still `version`, bumping it; false when it changed meanwhile. */
  async update(scope: Scope, id: number, version: number, patch: Updateable<MonitoringCaseTable>): Promise<boolean> {
    const r = await this.db
      .updateTable('monitoringCase')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records the start of a measure on the household's enrolment case: the earliest start is kept. */
  async setFirstMeasure(_scope: Scope, caseId: number, on: string): Promise<void> {
    await this.db
      .updateTable('monitoringCase')
      .set({ firstMeasureOn: on })
      .where('id', '=', caseId)
      .where((eb) => eb.or([eb('firstMeasureOn', 'is', null), eb('firstMeasureOn', '>', on)]))
      .execute();
  }

  /** The steps of a case, in order. */
  steps(_scope: Scope, caseId: number): Promise<CaseStepRow[]> {
    return this.db.selectFrom('caseStep').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  }

  /** Records a step; returns its id. */
  async insertStep(_scope: Scope, row: Insertable<CaseStepTable>): Promise<number> {
    return (await this.db.insertInto('caseStep').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** The attachments of a case. */
  attachments(_scope: Scope, caseId: number): Promise<AttachmentRow[]> {
    return this.db.selectFrom('caseAttachment').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  }

  /** One attachment of a case. */
  attachment(_scope: Scope, caseId: number, id: number): Promise<AttachmentRow | undefined> {
    return this.db.selectFrom('caseAttachment').selectAll().where('caseId', '=', caseId).where('id', '=', id).executeTakeFirst();
  }

  /** Records an attachment stored on disk; returns its id. */
  async insertAttachment(_scope: Scope, row: Insertable<CaseAttachmentTable>): Promise<number> {
    return (await this.db.insertInto('caseAttachment').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** The latest notice of a case. */
  notice(_scope: Scope, caseId: number): Promise<NoticeRow | undefined> {
    return this.db.selectFrom('publicNotice').selectAll().where('caseId', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  /** Records a posted notice; returns its id. */
  async insertNotice(_scope: Scope, row: Insertable<PublicNoticeTable>): Promise<number> {
    return (await this.db.insertInto('publicNotice').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Changes a notice's status (closed, withdrawn) and closing date. */
  async updateNotice(_scope: Scope, id: number, patch: Updateable<PublicNoticeTable>): Promise<void> {
    await this.db.updateTable('publicNotice').set(patch).where('id', '=', id).execute();
  }

  /** The objections to a notice, in order. */
  objections(_scope: Scope, noticeId: number): Promise<ObjectionRow[]> {
    return this.db.selectFrom('noticeObjection').selectAll().where('noticeId', '=', noticeId).orderBy('id').execute();
  }

  /** Records an objection; returns its id. */
  async insertObjection(_scope: Scope, row: Insertable<NoticeObjectionTable>): Promise<number> {
    return (await this.db.insertInto('noticeObjection').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Records the resolution of an objection (upheld or dismissed). */
  async resolveObjection(_scope: Scope, id: number, patch: { resolution: string; resolvedOn: string; note: string }): Promise<void> {
    await this.db.updateTable('noticeObjection').set(patch).where('id', '=', id).execute();
  }

  /** Posted notices inside the scope whose last day is before `today` (to close), with their case. */
  noticesEnded(scope: Scope, today: string): Promise<(NoticeRow & { version: number })[]> {
    return this.db
      .selectFrom('publicNotice as n')
      .innerJoin('monitoringCase as c', 'c.id', 'n.caseId')
      .selectAll('n')
      .select('c.version')
      .where('n.status', '=', 'posted')
      .where('n.endsOn', '<', today)
      .where('c.state', '=', 'notice')
      .$call((q) => whereVillageInScope(q, scope, 'n.villageCode'))
      .orderBy('n.id')
      .execute();
  }

  /** Appends an event (append-only: there is no update or delete of events). */
  async appendEvent(_scope: Scope, row: Insertable<CaseEventTable>): Promise<void> {
    await this.db.insertInto('caseEvent').values(row).execute();
  }

  /** The timeline of a household (oldest first). */
  eventsOfHousehold(scope: Scope, householdId: number): Promise<CaseEventRow[]> {
    return this.db
      .selectFrom('caseEvent')
      .selectAll()
      .where('householdId', '=', householdId)
      .$if(scope.regionCode !== null, (q) => q.where('countyCode', '=', scope.regionCode!.slice(0, 6)))
      .orderBy('id')
      .execute();
  }

  /** The events of a case (oldest first). */
  eventsOfCase(_scope: Scope, caseId: number): Promise<CaseEventRow[]> {
    return this.db.selectFrom('caseEvent').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  }

  /**
   * Open cases inside the scope awaiting one of `steps` (all steps when null), due before `dueBefore`
   * when given, by due date (earliest first, then id), at most `limit`.
   */
  worklist(scope: Scope, steps: readonly string[] | null, limit: number, dueBefore?: string): Promise<WorkRow[]> {
    return this.db
      .selectFrom('monitoringCase as c')
      .innerJoin('household as h', 'h.id', 'c.householdId')
      .select(['c.id', 'c.kind', 'c.householdId', 'h.householdNo', 'h.headName', 'c.villageCode', 'c.state', 'c.currentStep', 'c.stepDue'])
      // open ⇔ a step is due (closed cases have step_due null): lets the (step_due, id) index give the order
      .where('c.stepDue', 'is not', null)
      .$if(steps !== null, (q) => q.where('c.currentStep', 'in', steps!.length ? steps! : ['-']))
      .$if(dueBefore !== undefined, (q) => q.where('c.stepDue', '<', dueBefore!))
      .$call((q) => inScopeRange(q, 'c.villageCode', scope))
      .orderBy('c.stepDue')
      .orderBy('c.id')
      .limit(limit)
      .execute();
  }

  /** Enrolment cases inside the scope whose household has no measure in place yet, earliest decision first. */
  awaitingFirstMeasure(scope: Scope, limit: number): Promise<(WorkRow & { decidedOn: string | null })[]> {
    return this.db
      .selectFrom('monitoringCase as c')
      .innerJoin('household as h', 'h.id', 'c.householdId')
      .select(['c.id', 'c.kind', 'c.householdId', 'h.householdNo', 'h.headName', 'c.villageCode', 'c.state', 'c.currentStep', 'c.stepDue', 'c.decidedOn'])
      .where('c.state', '=', 'enrolled')
      .where('c.firstMeasureOn', 'is', null)
      .where('h.riskEliminated', '=', 0)
      .$call((q) => inScopeRange(q, 'c.villageCode', scope))
      .orderBy('c.decidedOn')
      .orderBy('c.id')
      .limit(limit)
      .execute();
  }

  /** Open cases inside the scope whose step is overdue (due before `today`), counted by step. */
  async overdueByStep(scope: Scope, today: string): Promise<{ step: string; n: number }[]> {
    const rows = await this.db
      .selectFrom('monitoringCase')
      .select(['currentStep', (eb) => eb.fn.countAll<number>().as('n')])
      .where('stepDue', '<', today)
      .$call((q) => inScopeRange(q, 'villageCode', scope))
      .groupBy('currentStep')
      .execute();
    return rows.map((r) => ({ step: r.currentStep ?? '', n: Number(r.n) }));
  }

  /** Number of open cases inside the scope. */
  async countOpen(scope: Scope): Promise<number> {
    const r = await this.db
      .selectFrom('monitoringCase')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('stepDue', 'is not', null)
      .$call((q) => inScopeRange(q, 'villageCode', scope))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Calendar days from the clue to verification, decision and first measure of the identification cases
   * inside the scope, counted by combination in one scan: [{ verified, decided, measured, n }] (null where
   * the step has not happened). Date arithmetic is the one dialect-specific piece.
   */
  async spanCounts(scope: Scope): Promise<{ verified: number | null; decided: number | null; measured: number | null; n: number }[]> {
    const pg = dialectOf(this.db) === 'postgres';
    const days = (column: 'verifiedOn' | 'decidedOn' | 'firstMeasureOn') =>
      pg
        ? sql<number | null>`(cast(${sql.ref(column)} as date) - cast(${sql.ref('clueDate')} as date))`
        : sql<number | null>`cast(round(julianday(${sql.ref(column)}) - julianday(${sql.ref('clueDate')})) as integer)`;
    const [v, d, m] = [days('verifiedOn'), days('decidedOn'), days('firstMeasureOn')];
    const rows = await this.db
      .selectFrom('monitoringCase')
      .select([v.as('verified'), d.as('decided'), m.as('measured'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'identification')
      .$call((q) => inScopeRange(q, 'villageCode', scope))
      .groupBy([v, d, m])
      .execute();
    const num = (x: number | null) => (x === null ? null : Number(x));
    return rows.map((r) => ({ verified: num(r.verified), decided: num(r.decided), measured: num(r.measured), n: Number(r.n) }));
  }

  /** Household ids (inside the scope) that have an open case past its due date. */
  async householdsOverdue(scope: Scope, today: string): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('monitoringCase')
      .select('householdId')
      .where('stepDue', '<', today)
      .$call((q) => inScopeRange(q, 'villageCode', scope))
      .execute();
    return new Set(rows.map((r) => r.householdId));
  }
}

/** Household monitoring status as the workflow changes it (feeds the screening rollups). */
export interface HouseholdStatusPatch {
  monitoredCategory: string | null;
  riskTypes: string;
  identifiedMonth: string | null;
  riskEliminated: number;
  eliminationMode: string | null;
  eliminatedMonth: string | null;
}

/** SQL of the household status changes made by the workflow, and the years whose rollups to rebuild. */
export class HouseholdStatusRepository {
  constructor(private readonly db: Db) {}

  /** Sets the monitoring status of a household inside the scope and bumps its version. */
  async set(scope: Scope, householdId: number, patch: HouseholdStatusPatch, updatedAt: string): Promise<void> {
    await this.db
      .updateTable('household')
      .set((eb) => ({ ...patch, updatedAt, version: eb('version', '+', 1) }))
      .where('id', '=', householdId)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .execute();
  }

  /** Years that have rollups for a county. */
  async rollupYears(_scope: Scope, countyCode: string): Promise<number[]> {
    const rows = await this.db.selectFrom('regionRollup').select('year').distinct().where('regionCode', '=', countyCode).execute();
    return rows.map((r) => r.year);
  }
}
