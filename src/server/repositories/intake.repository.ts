/**
 * SQL of data intake: import batches, their problems and changes, remembered header mappings,
 * department-list records, risk clues, and the person look-ups of the cross-check. Every read of
 * regional data takes a Scope first.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../db/connect';
import type { DepartmentRecordTable, NationalRowTable, ImportBatchTable, ImportChangeTable, ImportHeldRowTable, ImportProblemTable, RiskClueTable } from '../db/schema';
import { scoped } from './household.repository';
import type { Scope } from './scope';

export type ImportBatchRow = ImportBatchTable & { id: number };
export type RiskClueRow = RiskClueTable & { id: number };

/** A registry person as the cross-check needs it. */
export interface MatchedPerson {
  personId: number;
  householdId: number;
  idHash: string;
  idCipher: string;
  idStatus: string;
  name: string;
  birthDate: string;
  healthStatus: string;
  disabilityGrade: number | null;
  schoolStage: string;
  dibao: number;
  tekun: number;
  countyCode: string;
  villageCode: string;
  householdType: string;
  monitoredCategory: string | null;
  riskEliminated: number;
}

const scopeFilter = (scope: Scope) => (scope.regionCode === null ? null : scope.regionCode);

export class IntakeRepository {
  constructor(private readonly db: Db) {}

  /** Rows of national layouts kept as they came (original spellings, unknown columns), in chunks. */
  async insertNationalRows(rows: readonly Insertable<NationalRowTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('nationalRow').values(rows.slice(i, i + 500)).execute();
  }

  async insertBatch(row: Insertable<ImportBatchTable>): Promise<number> {
    return (await this.db.insertInto('importBatch').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  async updateBatch(id: number, set: Partial<Omit<ImportBatchTable, 'id'>>): Promise<void> {
    await this.db.updateTable('importBatch').set(set).where('id', '=', id).execute();
  }

  /** A batch whose scope lies inside the caller's scope, or undefined. */
  async batch(scope: Scope, id: number): Promise<ImportBatchRow | undefined> {
    const s = scopeFilter(scope);
    return this.db
      .selectFrom('importBatch')
      .selectAll()
      .where('id', '=', id)
      .$if(s !== null, (q) => q.where('scopeCode', 'like', `${s}%`))
      .executeTakeFirst() as Promise<ImportBatchRow | undefined>;
  }

  /** Batches inside the scope, newest first. */
  async batches(scope: Scope, limit: number, beforeId?: number): Promise<ImportBatchRow[]> {
    const s = scopeFilter(scope);
    return this.db
      .selectFrom('importBatch')
      .selectAll()
      .$if(s !== null, (q) => q.where('scopeCode', 'like', `${s}%`))
      .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute() as Promise<ImportBatchRow[]>;
  }

  /**
   * The latest batch of a file (same SHA-256 and kind) in a status inside the scope, if any:
   * `committed` (the file was already imported) or `running` (a batched commit left to resume).
   */
  async latestByHash(scope: Scope, sha256: string, kind: string, status: 'committed' | 'running' | 'failed'): Promise<ImportBatchRow | undefined> {
    const s = scopeFilter(scope);
    return this.db
      .selectFrom('importBatch')
      .selectAll()
      .where('fileSha256', '=', sha256)
      .where('kind', '=', kind)
      .where('status', '=', status)
      .$if(s !== null, (q) => q.where('scopeCode', 'like', `${s}%`))
      .orderBy('id', 'desc')
      .executeTakeFirst() as Promise<ImportBatchRow | undefined>;
  }

  async insertProblems(rows: readonly Insertable<ImportProblemTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('importProblem').values(rows.slice(i, i + 500)).execute();
  }

  async problems(batchId: number): Promise<(ImportProblemTable & { id: number })[]> {
    return this.db.selectFrom('importProblem').selectAll().where('batchId', '=', batchId).orderBy('id').execute() as Promise<(ImportProblemTable & { id: number })[]>;
  }

  async insertHeldRows(rows: readonly Insertable<ImportHeldRowTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('importHeldRow').values(rows.slice(i, i + 500)).execute();
  }

  /** Held rows of a batch, without the ciphertext. */
  async heldRows(batchId: number): Promise<(Omit<ImportHeldRowTable, 'idCipher' | 'id'> & { id: number })[]> {
    return this.db.selectFrom('importHeldRow').select(['id', 'batchId', 'row', 'householdNo', 'name', 'idMasked', 'reasons', 'valuesJson', 'status', 'consequencesJson']).where('batchId', '=', batchId).orderBy('row').execute();
  }

  async insertChanges(rows: readonly Insertable<ImportChangeTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('importChange').values(rows.slice(i, i + 500)).execute();
  }

  async changes(batchId: number): Promise<(ImportChangeTable & { id: number })[]> {
    return this.db.selectFrom('importChange').selectAll().where('batchId', '=', batchId).orderBy('id').execute() as Promise<(ImportChangeTable & { id: number })[]>;
  }

  /** Households of a batch changed again by a later committed batch (rollback must refuse). */
  async laterChanges(batchId: number): Promise<number> {
    const r = await this.db
      .selectFrom('importChange as a')
      .innerJoin('importChange as b', 'b.householdId', 'a.householdId')
      .innerJoin('importBatch as bb', 'bb.id', 'b.batchId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.batchId', '=', batchId)
      .where('b.batchId', '>', batchId)
      .where('bb.status', '=', 'committed')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Current versions of households (to see whether anything changed them after an import). */
  async versions(ids: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await this.db.selectFrom('household').select(['id', 'version']).where('id', 'in', ids.slice(i, i + 500)).execute()) out.set(r.id, r.version);
    }
    return out;
  }

  async mapping(kind: string, signature: string): Promise<Record<string, string> | undefined> {
    const r = await this.db.selectFrom('headerMapping').select('mappingJson').where('kind', '=', kind).where('signature', '=', signature).executeTakeFirst();
    return r ? (JSON.parse(r.mappingJson) as Record<string, string>) : undefined;
  }

  /** The value map remembered for a kind and county ('' = everywhere), or undefined. */
  async valueMapping(kind: string, countyCode: string): Promise<Record<string, Record<string, string>> | undefined> {
    const r = await this.db.selectFrom('valueMapping').select('mappingJson').where('kind', '=', kind).where('countyCode', '=', countyCode).executeTakeFirst();
    return r ? (JSON.parse(r.mappingJson) as Record<string, Record<string, string>>) : undefined;
  }

  async saveValueMapping(kind: string, countyCode: string, mapping: Record<string, Record<string, string>>, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('valueMapping')
      .values({ kind, countyCode, mappingJson: JSON.stringify(mapping), updatedBy: by, updatedAt: at })
      .onConflict((oc) => oc.columns(['kind', 'countyCode']).doUpdateSet({ mappingJson: JSON.stringify(mapping), updatedBy: by, updatedAt: at }))
      .execute();
  }

  /** Column names of every remembered mapping of a kind (they help find the header of the next file). */
  async mappedNames(kind: string): Promise<string[]> {
    const rows = await this.db.selectFrom('headerMapping').select('mappingJson').where('kind', '=', kind).limit(200).execute();
    return rows.flatMap((r) => Object.keys(JSON.parse(r.mappingJson) as Record<string, string>));
  }

  async saveMapping(kind: string, signature: string, mapping: Record<string, string>, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('headerMapping')
      .values({ kind, signature, mappingJson: JSON.stringify(mapping), updatedBy: by, updatedAt: at })
      .onConflict((oc) => oc.columns(['kind', 'signature']).doUpdateSet({ mappingJson: JSON.stringify(mapping), updatedBy: by, updatedAt: at }))
      .execute();
  }

  /** Existing household numbers among `nos` (any region: a number is unique nationally). */
  async existingHouseholdNos(nos: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < nos.length; i += 500) for (const r of await this.db.selectFrom('household').select('householdNo').where('householdNo', 'in', nos.slice(i, i + 500)).execute()) out.add(r.householdNo);
    return out;
  }

  private personQuery(scope: Scope) {
    return scoped(
      this.db
        .selectFrom('person as p')
        .innerJoin('household as h', 'h.id', 'p.householdId')
        .select([
          'p.id as personId', 'p.householdId', 'p.idHash', 'p.idCipher', 'p.idStatus', 'p.name', 'p.birthDate', 'p.healthStatus', 'p.disabilityGrade', 'p.schoolStage', 'p.dibao', 'p.tekun',
          'h.countyCode', 'h.villageCode', 'h.householdType', 'h.monitoredCategory', 'h.riskEliminated',
        ]),
      scope,
    );
  }

  /** Persons inside the scope by lookup hash (only numbers with a valid check character match). */
  async personsByHash(scope: Scope, hashes: readonly string[]): Promise<Map<string, MatchedPerson>> {
    const out = new Map<string, MatchedPerson>();
    for (let i = 0; i < hashes.length; i += 500) {
      for (const r of await this.personQuery(scope).where('p.idHash', 'in', hashes.slice(i, i + 500)).where('p.idStatus', '=', 'valid').execute()) out.set(r.idHash, r as MatchedPerson);
    }
    return out;
  }

  /**
   * Persons inside the scope by lookup hash whatever their number's status (a number held for a bad
   * check character included): only to offer possible matches for manual review, never to link.
   */
  async personsByHashAnyStatus(scope: Scope, hashes: readonly string[]): Promise<Map<string, MatchedPerson>> {
    const out = new Map<string, MatchedPerson>();
    for (let i = 0; i < hashes.length; i += 500) {
      for (const r of await this.personQuery(scope).where('p.idHash', 'in', hashes.slice(i, i + 500)).execute()) out.set(r.idHash, r as MatchedPerson);
    }
    return out;
  }

  /** Every valid-numbered person inside the scope, in pages (for exchange-hash matching). */
  async personsPage(scope: Scope, afterId: number, limit: number): Promise<MatchedPerson[]> {
    return (await this.personQuery(scope).where('p.idStatus', '=', 'valid').where('p.id', '>', afterId).orderBy('p.id').limit(limit).execute()) as MatchedPerson[];
  }

  /** Income facts of households for a year: net and per-capita income in fen (null when missing). */
  async facts(householdIds: readonly number[], year: number): Promise<Map<number, { netIncomeFen: number | null; perCapitaNetIncomeFen: number | null; memberCount: number }>> {
    const out = new Map<number, { netIncomeFen: number | null; perCapitaNetIncomeFen: number | null; memberCount: number }>();
    for (let i = 0; i < householdIds.length; i += 500) {
      for (const r of await this.db.selectFrom('householdFact').select(['householdId', 'netIncomeFen', 'perCapitaNetIncomeFen', 'memberCount']).where('householdId', 'in', householdIds.slice(i, i + 500)).where('year', '=', year).execute())
        out.set(r.householdId, { netIncomeFen: r.netIncomeFen === null ? null : Number(r.netIncomeFen), perCapitaNetIncomeFen: r.perCapitaNetIncomeFen === null ? null : Number(r.perCapitaNetIncomeFen), memberCount: r.memberCount });
    }
    return out;
  }

  async insertDepartmentRecords(rows: readonly Insertable<DepartmentRecordTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('departmentRecord').values(rows.slice(i, i + 500)).execute();
  }

  /** Inserts clues; a clue whose dedup key exists is left alone. Returns how many were new. */
  async insertClues(rows: readonly Insertable<RiskClueTable>[]): Promise<number> {
    let n = 0;
    for (const r of rows) {
      const res = await this.db.insertInto('riskClue').values(r).onConflict((oc) => oc.column('dedupKey').doNothing()).returning('id').executeTakeFirst();
      if (res) n++;
    }
    return n;
  }

  /** Clues inside the scope, newest first. */
  async clues(scope: Scope, f: { status?: string; limit: number; beforeId?: number }): Promise<RiskClueRow[]> {
    const s = scopeFilter(scope);
    return this.db
      .selectFrom('riskClue')
      .selectAll()
      .$if(s !== null, (q) => q.where('villageCode', 'like', `${s}%`))
      .$if(!!f.status, (q) => q.where('status', '=', f.status!))
      .$if(f.beforeId !== undefined, (q) => q.where('id', '<', f.beforeId!))
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute() as Promise<RiskClueRow[]>;
  }

  /** Clues raised by a batch that nothing else raised (deleted with a rollback). */
  async deleteCluesOfBatch(batchId: number): Promise<void> {
    await this.db.deleteFrom('riskClue').where('batchId', '=', batchId).execute();
  }

  /** The department-list records a batch wrote (deleted with a rollback). */
  async deleteDepartmentRecordsOfBatch(batchId: number): Promise<void> {
    await this.db.deleteFrom('departmentRecord').where('batchId', '=', batchId).execute();
  }

  /**
   * Clues of a batch that staff have handled: a status other than `open` (verified, dismissed), or a
   * monitoring case opened from them (source reference `clue:<id>`). A rollback must not erase them.
   * @returns id, rule, status and the id of the case opened from the clue (null when none), by id
   */
  async handledCluesOfBatch(batchId: number): Promise<{ id: number; ruleId: string; status: string; caseId: number | null }[]> {
    const clues = await this.db.selectFrom('riskClue').select(['id', 'ruleId', 'status']).where('batchId', '=', batchId).orderBy('id').execute();
    if (!clues.length) return [];
    const refs = new Map<string, number>();
    for (let i = 0; i < clues.length; i += 500) {
      const part = clues.slice(i, i + 500).map((c) => `clue:${c.id}`);
      for (const r of await this.db.selectFrom('monitoringCase').select(['id', 'sourceRef']).where('sourceRef', 'in', part).execute()) refs.set(r.sourceRef!, r.id);
    }
    return clues.map((c) => ({ ...c, caseId: refs.get(`clue:${c.id}`) ?? null })).filter((c) => c.status !== 'open' || c.caseId !== null);
  }

  /** Persons registered in more than one household inside the scope: lookup hash → household ids. */
  async personsInSeveralHouseholds(scope: Scope): Promise<Map<string, number[]>> {
    const rows = await scoped(this.db.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.householdId').select(['p.idHash', 'p.householdId']), scope)
      .where('p.idHash', 'in', (eb) => eb.selectFrom('person').select('idHash').groupBy('idHash').having((e) => e.fn.count('householdId').distinct(), '>', 1))
      .execute();
    const out = new Map<string, number[]>();
    for (const r of rows) out.set(r.idHash, [...(out.get(r.idHash) ?? []), r.householdId]);
    return out;
  }

  /** One clue inside the scope, or undefined. */
  async clue(scope: Scope, id: number): Promise<RiskClueRow | undefined> {
    const s = scopeFilter(scope);
    return this.db.selectFrom('riskClue').selectAll().where('id', '=', id).$if(s !== null, (q) => q.where('villageCode', 'like', `${s}%`)).executeTakeFirst() as Promise<RiskClueRow | undefined>;
  }

  async setClueStatus(id: number, status: string): Promise<void> {
    await this.db.updateTable('riskClue').set({ status }).where('id', '=', id).execute();
  }
}
