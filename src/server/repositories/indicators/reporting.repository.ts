/**
 * Reporting periods, county reports and their events (issue 10 item 4): all their SQL. County reports
 * are read under the caller's Scope; a report is changed only by an update that names the version it
 * read (optimistic; 0 rows = someone else acted first).
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connect';
import type { ReportEventTable, ReportPeriodTable, ReportSubmissionTable } from '../../db/schema';
import type { Scope } from '../scope';

export type PeriodRow = Selectable<ReportPeriodTable>;
export type SubmissionRow = Selectable<ReportSubmissionTable>;
export type EventRow = Selectable<ReportEventTable>;

export class ReportingRepository {
  constructor(private readonly db: Db) {}

  /** Opens a period with a draft report for each county; returns the period id. Call inside a transaction. */
  async createPeriod(p: Omit<Insertable<ReportPeriodTable>, 'id'>, counties: readonly string[]): Promise<number> {
    const { id } = await this.db.insertInto('reportPeriod').values(p).returning('id').executeTakeFirstOrThrow();
    const rows = counties.map((c) => ({ periodId: id, countyCode: c, state: 'draft', snapshotId: null, lockedLevel: null, version: 1, updatedBy: p.openedBy, updatedAt: p.openedAt }));
    for (let i = 0; i < rows.length; i += 1000) await this.db.insertInto('reportSubmission').values(rows.slice(i, i + 1000)).execute();
    return id;
  }

  getPeriod(id: number): Promise<PeriodRow | undefined> {
    return this.db.selectFrom('reportPeriod').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getPeriodBy(setId: string, period: string): Promise<PeriodRow | undefined> {
    return this.db.selectFrom('reportPeriod').selectAll().where('setId', '=', setId).where('period', '=', period).executeTakeFirst();
  }

  listPeriods(): Promise<PeriodRow[]> {
    return this.db.selectFrom('reportPeriod').selectAll().orderBy('id', 'desc').execute();
  }

  /** County reports of a period inside the scope, by county code. */
  submissions(scope: Scope, periodId: number): Promise<SubmissionRow[]> {
    return this.db
      .selectFrom('reportSubmission')
      .selectAll()
      .where('periodId', '=', periodId)
      .$if(scope.regionCode !== null, (q) => q.where('countyCode', 'like', `${scope.regionCode}%`))
      .orderBy('countyCode')
      .execute();
  }

  /** One county's report of a period inside the scope, or undefined. */
  submission(scope: Scope, periodId: number, countyCode: string): Promise<SubmissionRow | undefined> {
    if (scope.regionCode !== null && !countyCode.startsWith(scope.regionCode)) return Promise.resolve(undefined);
    return this.db.selectFrom('reportSubmission').selectAll().where('periodId', '=', periodId).where('countyCode', '=', countyCode).executeTakeFirst();
  }

  /** Moves a report to a new state if it is still at `version`; returns whether it did. */
  async moveSubmission(id: number, version: number, patch: Pick<SubmissionRow, 'state' | 'snapshotId' | 'lockedLevel' | 'updatedBy' | 'updatedAt'>): Promise<boolean> {
    const r = await this.db.updateTable('reportSubmission').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async addEvent(e: Omit<Insertable<ReportEventTable>, 'id'>): Promise<void> {
    await this.db.insertInto('reportEvent').values(e).execute();
  }

  /** Events of the given reports, oldest first. */
  async events(submissionIds: readonly number[]): Promise<EventRow[]> {
    const out: EventRow[] = [];
    for (let i = 0; i < submissionIds.length; i += 500) out.push(...(await this.db.selectFrom('reportEvent').selectAll().where('submissionId', 'in', submissionIds.slice(i, i + 500)).orderBy('id').execute()));
    return out;
  }
}
