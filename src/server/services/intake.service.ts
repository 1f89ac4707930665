/**
 * Data intake use cases: preview (dry run) and commit of a file of a kind, history, rollback, and the
 * remembered header mappings. A file is read as a stream (see intake/readers); every row is parsed and
 * checked before anything is written; a commit is one transaction per file (through
 * RegistryService.upsertHouseholds for person files), recorded with who, when, file name, SHA-256 and
 * counts, and an audit event. Re-importing the same file changes nothing. Department lists are matched
 * to registry persons through the keyed hash and turned into risk clues (intake/clues.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Insertable } from 'kysely';
import type { HouseholdInput, PersonInput } from '../../shared/registry';
import { householdInput } from '../../shared/registry';
import type { NationalRowTable, RiskClueTable, VillageProfileTable, WorkSpellTable } from '../db/schema';
import { NATIONAL_HOUSEHOLD, NATIONAL_VILLAGE } from '../intake/templates/national-other';
import { keepOtherRow, personRowValues, renderRow, rowDiff, SPELL_KEYS, VILLAGE_KEYS, type HeaderEntry, type PlaceNames, type RowKeep } from '../intake/national/layout';
import { RegionRepository } from '../repositories/region.repository';
import { MeasureRepository } from '../repositories/measure.repository';
import type { RiskClueDto } from '../../shared/intake';
import { ageOn, maskIdNumber } from '../domain/id-number';
import { AppError, conflict, notFound, validationError } from '../errors';
import { clueDedupKey, cluesFor, type ClueDraft, type ListFacts } from '../intake/clues';
import { exchangeHash } from '../intake/exchange';
import { checkIntegrity, INTEGRITY_ZH, type IntegrityRow } from '../intake/integrity';
import { heldConsequences } from '../intake/consequences';
import { fileError, type IntakeProblem } from '../intake/problems';
import type { ImportCountsDto, ImportReportDto } from '../../shared/intake';
import type { SheetInfo } from '../intake/readers/cell';
import { openTable, type OpenedTable } from '../intake/readers/table';
import { normalizeHeader } from '../intake/readers/header';
import { parseRow, type ParsedRow, type Value } from '../intake/rows';
import { templateOf } from '../intake/templates';
import { headerScorer, headerSignature, matchHeader, type ColumnMapping } from '../intake/templates/mapping';
import type { ImportTemplate } from '../intake/templates/template';
import { nationalHouseholdFields, nationalPersonFields } from '../intake/national/registry-fields';
import { HouseholdRepository } from '../repositories/household.repository';
import { AuditRepository } from '../repositories/audit.repository';
import { IntakeRepository, type ImportBatchRow, type MatchedPerson } from '../repositories/intake.repository';
import { inScope, type Scope } from '../repositories/scope';
import type { Actor } from './actor';
import { maskClue, maskHeldRow, type HeldRowDto } from '../presenters/intake.presenter';
import { nowIso, today, type ServiceContext } from './context';
import { CheckService } from './check.service';
import { RegistryService, type HouseholdSnapshot, type UpsertOutcome } from './registry.service';

/** The file to import: where it is on disk and the name the user gave it. */
export interface ImportFile {
  path: string;
  fileName: string;
}

export interface ImportOptions {
  kind: string;
  /** 1-based sheet of a workbook */
  sheet?: number;
  /** column name → template key ('' leaves a column out): the user's corrections, remembered on commit */
  mapping?: Record<string, string>;
  /** income year of a person file (default: the configured default year) */
  year?: number;
  /** 12-digit village code for rows without place columns */
  village?: string;
  /** rows read so far, and an estimate of the total */
  onProgress?: (done: number, estimate: number) => void;
  /**
   * Households per transaction for large person files (default BATCH_HOUSEHOLDS). A file with more
   * households is committed in bounded batches, each a transaction of whole households, with the batch
   * row as checkpoint: re-running the same file resumes it (households already written are unchanged).
   */
  batchHouseholds?: number;
}

/** Person files with more households than this are committed in bounded batches (see ImportOptions). */
export const BATCH_HOUSEHOLDS = 5000;

/** Counts of a preview or commit. */
/** Counts of a preview or commit (rows and households): the API's ImportCountsDto. */
export type ImportCounts = ImportCountsDto;

/** Report of a preview or commit: everything the user needs to decide, and every problem with where (the API's ImportReportDto). */
export type ImportReport = ImportReportDto;

/** Problems kept in a report and in the database per import. */
export const MAX_PROBLEMS = 100_000;

const zeroCounts = (): ImportCounts => ({ rows: 0, add: 0, update: 0, unchanged: 0, hold: 0, reject: 0, duplicate: 0, households: { add: 0, update: 0, unchanged: 0 }, matched: 0, clues: 0 });

/** SHA-256 (hex) and size of a file, streamed. */
export async function fileDigest(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return { sha256: h.digest('hex'), bytes: (await stat(path)).size };
}

interface Analysis {
  report: ImportReport;
  template: ImportTemplate;
  households: HouseholdInput[];
  /** department lists: per matched person, the list facts and the person */
  matches: { person: MatchedPerson; list: ListFacts }[];
  /** department lists: every parsed row with its match (for department_record) */
  records: { row: number; personId: number | null; householdId: number | null; countyCode: string | null; facts: Record<string, Value> }[];
  drafts: { person: MatchedPerson; row: number; draft: ClueDraft }[];
  /** household kind: fields to set per existing household, with their values before (for rollback) */
  fieldUpdates: { householdId: number; householdNo: string; countyCode: string; version: number; set: Record<string, number>; before: Record<string, number> }[];
  /** work-spell kinds: rows to store, matched to registry persons */
  spells: Omit<Insertable<WorkSpellTable>, 'batchId'>[];
  /** village kind: profiles to store */
  profiles: Omit<Insertable<VillageProfileTable>, 'batchId'>[];
  /** true when the households were committed in bounded batches through the sink during the analysis */
  batched?: boolean;
  /** national layouts: what is kept of each imported row (original spellings, unknown columns), by household number or id */
  nationalRows: NationalRowDraft[];
  /** rows held for verification, with their values (kept, never dropped) */
  held: { row: number; householdNo: string | null; name: string | null; id: string | null; reasons: string[]; values: Record<string, Value>; consequences?: string[] }[];
}

export class IntakeService {
  private readonly registry: RegistryService;

  constructor(private readonly ctx: ServiceContext) {
    this.registry = new RegistryService(ctx);
  }

  /**
   * Dry run: reads and checks the whole file and reports what a commit would do. Writes nothing.
   * @throws bad_file for a file that cannot be read (with code and where); validation_error for an unknown kind
   */
  async preview(actor: Actor, file: ImportFile, opts: ImportOptions): Promise<ImportReport> {
    return (await this.analyse(actor, file, opts)).report;
  }

  /**
   * Commits a file in one transaction: person files add or update households through the registry (held
   * and rejected rows are not written; a household whose head is held waits whole), department lists are
   * stored and their clues raised (the same fact from the same source once). Records the batch with its
   * problems and changes, and an audit event, in the same transaction. The same file committed before
   * (same SHA-256 and kind, not rolled back) is not written again.
   * @throws bad_file as preview, or MAPPING_INCOMPLETE when required columns are not mapped; conflict from the registry
   */
  async commit(actor: Actor, file: ImportFile, opts: ImportOptions): Promise<ImportReport> {
    let runningId: number | null = null;
    const outcomes: UpsertOutcome[] = [];
    const members = new Map<string, number>();
    // the analysis fills its national rows before it hands a household to the sink
    const pending: Pick<Analysis, 'nationalRows'> = { nationalRows: [] };
    const sink = async (hs: HouseholdInput[]) => {
      for (const h of hs) members.set(h.householdNo, h.members.length);
      if (runningId === null) runningId = await this.startBatch(actor, file, opts.kind);
      const id = runningId;
      const outs = await this.registry.upsertHouseholds(actor.scope, hs, {
        screen: false,
        within: async (trx, o) => {
          await new IntakeRepository(trx).insertNationalRows(nationalRowsOf(pending.nationalRows, o, id, opts.kind));
          await new MeasureRepository(trx).tagBatch(id, o.filter((x) => x.action !== 'unchanged').map((x) => x.householdId));
          await new IntakeRepository(trx).insertChanges(
            o.filter((x) => x.action !== 'unchanged').map((x) => ({ batchId: id, householdId: x.householdId, householdNo: x.householdNo, countyCode: x.countyCode, action: x.action, versionAfter: x.versionAfter, beforeJson: x.before ? JSON.stringify(x.before) : null })),
          );
        },
      });
      for (const o of outs) outcomes.push({ ...o, before: null });
    };
    let a: Analysis;
    try {
      a = await this.analyse(actor, file, opts, true, sink, pending);
    } catch (e) {
      // a refusal (bad file, conflict) after some batches were written: the batch says so instead of staying `running`
      if (runningId !== null && e instanceof AppError) await this.refuseBatch(actor, runningId, e);
      throw e;
    }
    if (a.batched && runningId !== null) return this.finishBatch(actor, a, runningId, outcomes, members, opts);
    const r = a.report;
    r.dryRun = false;
    if (!r.mappingComplete) throw fileError('MAPPING_INCOMPLETE', `必填列未对应:${r.missingColumns.join('、')};请在“列对应”中指定`);
    if (r.alreadyImportedBatchId !== null) {
      r.batchId = r.alreadyImportedBatchId;
      r.counts.unchanged = r.counts.add + r.counts.update;
      r.counts.add = r.counts.update = 0;
      r.counts.households = { add: 0, update: 0, unchanged: r.counts.households.add + r.counts.households.update };
      r.counts.clues = 0;
      return r;
    }
    const now = nowIso(this.ctx.clock);
    const batchRow = {
      kind: r.kind, fileName: r.fileName, fileSha256: r.sha256, fileBytes: r.bytes, sheetName: r.sheet, scopeCode: actor.scope.regionCode, actor: actor.username,
      status: 'committed', startedAt: now, finishedAt: now, rowsTotal: r.counts.rows, added: 0, updated: 0, unchanged: 0, held: r.counts.hold, rejected: r.counts.reject + r.counts.duplicate, clues: 0,
      rolledBackAt: null, rolledBackBy: null, headerJson: a.template.national ? JSON.stringify(headerEntries(r)) : null,
    };
    const record = async (trx: ServiceContext['db'], counts: { added: number; updated: number; unchanged: number; clues: number }, regionCode: string | null) => {
      const repo = new IntakeRepository(trx);
      const id = await repo.insertBatch({ ...batchRow, ...counts });
      await repo.insertProblems(r.problems.slice(0, MAX_PROBLEMS).map((p) => ({ batchId: id, sheet: p.sheet, row: p.row, columnName: p.column, code: p.code, level: p.level, message: p.message })));
      if (opts.mapping && Object.keys(opts.mapping).length) await repo.saveMapping(r.kind, r.headerSignature, opts.mapping, actor.username, now);
      await repo.insertHeldRows(a.held.map((h) => ({ batchId: id, row: h.row, householdNo: h.householdNo, name: h.name, idMasked: h.id ? maskIdNumber(h.id) : null, idCipher: h.id ? this.ctx.ids.encrypt(h.id) : null, reasons: [...new Set(h.reasons)].join(','), valuesJson: JSON.stringify(h.values), status: 'open', consequencesJson: h.consequences ? JSON.stringify(h.consequences) : null })));
      await new AuditRepository(trx).append({
        at: now, actor: actor.username, action: 'import_commit', targetType: 'import_batch', targetId: String(id), regionCode: regionCode ?? actor.scope.regionCode, outcome: 'ok',
        details: JSON.stringify({ kind: r.kind, fileName: r.fileName, sha256: r.sha256, rows: r.counts.rows, ...counts, held: r.counts.hold, rejected: r.counts.reject }),
      });
      return id;
    };

    if (a.template.target === 'registry') {
      let batchId = 0;
      const outcomes = await this.registry.upsertHouseholds(actor.scope, a.households, {
        within: async (trx, outs) => {
          const counts = { added: outs.filter((o) => o.action === 'added').length, updated: outs.filter((o) => o.action === 'updated').length, unchanged: outs.filter((o) => o.action === 'unchanged').length, clues: 0 };
          const counties = [...new Set(outs.map((o) => o.countyCode))];
          batchId = await record(trx, counts, counties.length === 1 ? counties[0]! : null);
          await new IntakeRepository(trx).insertNationalRows(nationalRowsOf(a.nationalRows, outs, batchId, r.kind));
          await new MeasureRepository(trx).tagBatch(batchId, outs.filter((o) => o.action !== 'unchanged').map((o) => o.householdId));
          await new IntakeRepository(trx).insertChanges(
            outs.filter((o) => o.action !== 'unchanged').map((o) => ({ batchId, householdId: o.householdId, householdNo: o.householdNo, countyCode: o.countyCode, action: o.action, versionAfter: o.versionAfter, beforeJson: o.before ? JSON.stringify(o.before) : null })),
          );
        },
      });
      r.batchId = batchId;
      const membersOf = new Map(a.households.map((h) => [h.householdNo, h.members.length]));
      const persons = (action: string) => outcomes.filter((o) => o.action === action).reduce((s, o) => s + (membersOf.get(o.householdNo) ?? 0), 0);
      r.counts.add = persons('added');
      r.counts.update = persons('updated');
      r.counts.unchanged = persons('unchanged');
      r.counts.households = { add: outcomes.filter((o) => o.action === 'added').length, update: outcomes.filter((o) => o.action === 'updated').length, unchanged: outcomes.filter((o) => o.action === 'unchanged').length };
      r.checks = await this.checksAfter(actor, outcomes);
      return r;
    }

    if (a.template.target === 'householdUpdate') {
      const ups = a.fieldUpdates;
      const counties = [...new Set(ups.map((x) => x.countyCode))];
      r.batchId = await this.ctx.db.transaction().execute(async (trx) => {
        const id = await record(trx, { added: 0, updated: ups.length, unchanged: r.counts.unchanged, clues: 0 }, counties.length === 1 ? counties[0]! : null);
        for (const u of ups) {
          const res = await trx.updateTable('household').set({ ...u.set, version: u.version + 1, updatedAt: now }).where('id', '=', u.householdId).where('version', '=', u.version).executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) throw conflict(`户编号 ${u.householdNo} 在导入过程中被修改,请重新预览`);
        }
        await new IntakeRepository(trx).insertChanges(ups.map((u) => ({ batchId: id, householdId: u.householdId, householdNo: u.householdNo, countyCode: u.countyCode, action: 'fieldsUpdated', versionAfter: u.version + 1, beforeJson: JSON.stringify(u.before) })));
        await new IntakeRepository(trx).insertNationalRows(a.nationalRows.map((d) => ({ batchId: id, kind: r.kind, countyCode: d.countyCode ?? '', householdId: d.householdId, idHash: null, sourceRow: d.sourceRow, spellingsJson: JSON.stringify(d.keep.spellings), extraJson: JSON.stringify(d.keep.extra) })));
        if (ups.length) await this.registry.refreshFacts(trx, ups.map((u) => u.householdId));
        return id;
      });
      if (counties.length) await this.registry.screenCounties(counties);
      return r;
    }
    if (a.template.target === 'workSpell' || a.template.target === 'villageProfile') {
      const rows = a.template.target === 'workSpell' ? a.spells : a.profiles;
      const counties = [...new Set(rows.map((x) => x.countyCode))];
      r.batchId = await this.ctx.db.transaction().execute(async (trx) => {
        const id = await record(trx, { added: rows.length, updated: 0, unchanged: 0, clues: 0 }, counties.length === 1 ? counties[0]! : null);
        for (let i = 0; i < rows.length; i += 500) {
          if (a.template.target === 'workSpell') await trx.insertInto('workSpell').values(a.spells.slice(i, i + 500).map((x) => ({ ...x, batchId: id }))).execute();
          else await trx.insertInto('villageProfile').values(a.profiles.slice(i, i + 500).map((x) => ({ ...x, batchId: id }))).execute();
        }
        return id;
      });
      return r;
    }

    const department = a.template.department!;
    const batchId = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new IntakeRepository(trx);
      const counties = [...new Set(a.records.map((x) => x.countyCode).filter((c): c is string => !!c))];
      const id = await record(trx, { added: a.records.length, updated: 0, unchanged: 0, clues: 0 }, counties.length === 1 ? counties[0]! : null);
      await repo.insertDepartmentRecords(a.records.map((x) => ({ batchId: id, kind: r.kind, row: x.row, personId: x.personId, householdId: x.householdId, countyCode: x.countyCode, factsJson: JSON.stringify(x.facts) })));
      const rows: Insertable<RiskClueTable>[] = a.drafts.map(({ person, row, draft }) => ({
        dedupKey: clueDedupKey(department, r.kind, person.personId, draft), countyCode: person.countyCode, villageCode: person.villageCode, householdId: person.householdId, personId: person.personId,
        sourceDepartment: department, listKind: r.kind, batchId: id, sourceRow: row, ruleId: draft.ruleId, riskType: draft.riskType, factsJson: JSON.stringify(draft.facts), summary: draft.summary, status: 'open', createdAt: now,
      }));
      const fresh = await repo.insertClues(rows);
      await repo.updateBatch(id, { clues: fresh });
      r.counts.clues = fresh;
      return id;
    });
    r.batchId = batchId;
    return r;
  }

  /**
   * Creates (or, for the same file and kind left running by an interrupted commit or failed by a refusal, resumes) the batch row
   * of a batched commit, in its own transaction with an audit event. Returns its id.
   */
  private async startBatch(actor: Actor, file: ImportFile, kind: string): Promise<number> {
    const { sha256, bytes } = await fileDigest(file.path);
    const now = nowIso(this.ctx.clock);
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new IntakeRepository(trx);
      const running = (await repo.latestByHash(actor.scope, sha256, kind, 'running')) ?? (await repo.latestByHash(actor.scope, sha256, kind, 'failed'));
      if (running?.status === 'failed') await repo.updateBatch(running.id, { status: 'running', finishedAt: null });
      const id = running?.id ?? (await repo.insertBatch({
        kind, fileName: file.fileName, fileSha256: sha256, fileBytes: bytes, sheetName: null, scopeCode: actor.scope.regionCode, actor: actor.username, status: 'running', startedAt: now, finishedAt: null,
        rowsTotal: 0, added: 0, updated: 0, unchanged: 0, held: 0, rejected: 0, clues: 0, rolledBackAt: null, rolledBackBy: null,
      }));
      await new AuditRepository(trx).append({ at: now, actor: actor.username, action: running ? 'import_resume' : 'import_start', targetType: 'import_batch', targetId: String(id), regionCode: actor.scope.regionCode, outcome: 'ok', details: JSON.stringify({ kind, fileName: file.fileName, sha256 }) });
      return id;
    });
  }

  /**
   * Marks a batched commit refused part-way `failed`, with the refusal as its problem and an audit event.
   * The whole households written before stay recorded under it: it can be rolled back, and running the
   * same file again resumes it (startBatch).
   */
  private async refuseBatch(actor: Actor, batchId: number, e: AppError): Promise<void> {
    const now = nowIso(this.ctx.clock);
    const code = (e.details as { code?: string } | undefined)?.code ?? e.code;
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new IntakeRepository(trx);
      await repo.updateBatch(batchId, { status: 'failed', finishedAt: now });
      await repo.insertProblems([{ batchId, sheet: null, row: null, columnName: null, code, level: 'error', message: e.message.slice(0, 2000) }]);
      await new AuditRepository(trx).append({ at: now, actor: actor.username, action: 'import_refused', targetType: 'import_batch', targetId: String(batchId), regionCode: actor.scope.regionCode, outcome: 'failed', details: JSON.stringify({ code, message: e.message.slice(0, 500) }) });
    });
  }

  /** Closes a batched commit: counts from the recorded changes, problems, held rows, audit; then screening and checks. */
  private async finishBatch(actor: Actor, a: Analysis, batchId: number, outcomes: UpsertOutcome[], members: Map<string, number>, opts: ImportOptions): Promise<ImportReport> {
    const r = a.report;
    r.dryRun = false;
    const now = nowIso(this.ctx.clock);
    const changes = await new IntakeRepository(this.ctx.db).changes(batchId);
    const added = changes.filter((c) => c.action === 'added').length;
    const updated = changes.filter((c) => c.action === 'updated').length;
    const total = outcomes.length;
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new IntakeRepository(trx);
      await repo.updateBatch(batchId, { headerJson: a.template.national ? JSON.stringify(headerEntries(r)) : null, status: 'committed', finishedAt: now, sheetName: r.sheet, rowsTotal: r.counts.rows, added, updated, unchanged: total - added - updated, held: r.counts.hold, rejected: r.counts.reject + r.counts.duplicate });
      await repo.insertProblems(r.problems.slice(0, MAX_PROBLEMS).map((p) => ({ batchId, sheet: p.sheet, row: p.row, columnName: p.column, code: p.code, level: p.level, message: p.message })));
      await repo.insertHeldRows(a.held.map((h) => ({ batchId, row: h.row, householdNo: h.householdNo, name: h.name, idMasked: h.id ? maskIdNumber(h.id) : null, idCipher: h.id ? this.ctx.ids.encrypt(h.id) : null, reasons: [...new Set(h.reasons)].join(','), valuesJson: JSON.stringify(h.values), status: 'open', consequencesJson: h.consequences ? JSON.stringify(h.consequences) : null })));
      if (opts.mapping && Object.keys(opts.mapping).length) await repo.saveMapping(r.kind, r.headerSignature, opts.mapping, actor.username, now);
      await new AuditRepository(trx).append({ at: now, actor: actor.username, action: 'import_commit', targetType: 'import_batch', targetId: String(batchId), regionCode: actor.scope.regionCode, outcome: 'ok', details: JSON.stringify({ kind: r.kind, fileName: r.fileName, sha256: r.sha256, rows: r.counts.rows, added, updated, batched: true }) });
    });
    r.batchId = batchId;
    r.counts.households = { add: added, update: updated, unchanged: total - added - updated };
    const actions = new Map(changes.map((c) => [c.householdNo, c.action]));
    r.counts.add = r.counts.update = r.counts.unchanged = 0;
    for (const o of outcomes) {
      const n = members.get(o.householdNo) ?? 0;
      const act = actions.get(o.householdNo);
      if (act === 'added') r.counts.add += n;
      else if (act === 'updated') r.counts.update += n;
      else r.counts.unchanged += n;
    }
    const counties = [...new Set(outcomes.map((o) => o.countyCode))];
    if (counties.length) await this.registry.screenCounties(counties);
    r.checks = await this.checksAfter(actor, outcomes);
    return r;
  }

  /** Data-quality findings on the households an import touched (checks run after each import). */
  private async checksAfter(actor: Actor, outcomes: readonly UpsertOutcome[]): Promise<{ findings: number; byCheck: Record<string, number> }> {
    const touched = new Set(outcomes.map((o) => o.householdId));
    const byCheck: Record<string, number> = {};
    let findings = 0;
    for (const county of [...new Set(outcomes.map((o) => o.countyCode))]) {
      const rep = await new CheckService(this.ctx).run(actor, { regionCode: county });
      for (const f of rep.findings) {
        if (f.householdId === null || !touched.has(f.householdId)) continue;
        findings++;
        byCheck[f.checkId] = (byCheck[f.checkId] ?? 0) + 1;
      }
    }
    return { findings, byCheck };
  }

  /**
   * Remembers a confirmed header mapping (file column name → template key, '' = leave out) for the next
   * file of the kind with the same header signature.
   * @throws validation_error for an unknown kind or key
   */
  async saveMapping(actor: Actor, kind: string, signature: string, mapping: Record<string, string>): Promise<void> {
    const t = templateOf(kind);
    const bad = Object.entries(mapping).filter(([, k]) => k !== '' && !t.columns.some((c) => c.key === k));
    if (bad.length) throw validationError(bad.map(([col, k]) => ({ field: `mapping.${col}`, message: `“${k}”不是${t.zh}的列` })));
    await new IntakeRepository(this.ctx.db).saveMapping(kind, signature, mapping, actor.username, nowIso(this.ctx.clock));
  }

  /** Import history inside the scope, newest first. */
  async history(actor: Actor, limit = 50, beforeId?: number): Promise<ImportBatchRow[]> {
    return new IntakeRepository(this.ctx.db).batches(actor.scope, Math.min(Math.max(1, limit), 500), beforeId);
  }

  /** One batch with its problems. @throws not_found outside the scope */
  async batch(actor: Actor, id: number): Promise<{ batch: ImportBatchRow; problems: IntakeProblem[] }> {
    const repo = new IntakeRepository(this.ctx.db);
    const batch = await repo.batch(actor.scope, id);
    if (!batch) throw notFound('该导入批次');
    const problems = (await repo.problems(id)).map((p) => ({ sheet: p.sheet, row: p.row, column: p.columnName, code: p.code, level: p.level as IntakeProblem['level'], message: p.message }));
    return { batch, problems };
  }

  /**
   * Rolls a committed import back, in one transaction with an audit event: households it added are
   * removed, households it updated get their state before (for the household kind, the fields it set),
   * clues and list records it raised go, and so do the work spells and village profiles it stored.
   * @throws not_found outside the scope; conflict when it is not committed, or when a later import or an
   *   edit changed one of its households since (roll those back first)
   */
  async rollback(actor: Actor, id: number): Promise<{ batchId: number; households: number }> {
    const repo = new IntakeRepository(this.ctx.db);
    const batch = await repo.batch(actor.scope, id);
    if (!batch) throw notFound('该导入批次');
    if (batch.status !== 'committed' && batch.status !== 'running' && batch.status !== 'failed') throw conflict('该批次未处于已导入状态,不能回退');
    const changes = await repo.changes(id);
    if ((await repo.laterChanges(id)) > 0) throw conflict('该批次涉及的农户已被之后的导入修改,请先回退之后的批次');
    const versions = await repo.versions(changes.map((c) => c.householdId));
    const edited = changes.filter((c) => versions.has(c.householdId) && versions.get(c.householdId) !== c.versionAfter);
    if (edited.length) throw conflict(`该批次导入后已有 ${edited.length} 户被修改(如户编号 ${edited[0]!.householdNo}),不能回退`);
    const now = nowIso(this.ctx.clock);
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.registry.revertUpserts(trx, changes.filter((c) => c.action === 'added' || c.action === 'updated').map((c) => ({ householdId: c.householdId, action: c.action as 'added' | 'updated', before: c.beforeJson ? (JSON.parse(c.beforeJson) as HouseholdSnapshot) : null })));
      const t = new IntakeRepository(trx);
      const fieldChanges = changes.filter((x) => x.action === 'fieldsUpdated');
      for (const c of fieldChanges) {
        await trx.updateTable('household').set({ ...(JSON.parse(c.beforeJson!) as Record<string, number>), version: c.versionAfter + 1, updatedAt: now }).where('id', '=', c.householdId).execute();
      }
      if (fieldChanges.length) await this.registry.refreshFacts(trx, fieldChanges.map((c) => c.householdId));
      await t.deleteCluesOfBatch(id);
      await trx.deleteFrom('workSpell').where('batchId', '=', id).execute();
      await trx.deleteFrom('villageProfile').where('batchId', '=', id).execute();
      await trx.deleteFrom('nationalRow').where('batchId', '=', id).execute();
      await t.updateBatch(id, { status: 'rolledBack', rolledBackAt: now, rolledBackBy: actor.username });
      await new AuditRepository(trx).append({ at: now, actor: actor.username, action: 'import_rollback', targetType: 'import_batch', targetId: String(id), regionCode: batch.scopeCode, outcome: 'ok', details: JSON.stringify({ households: changes.length, fileName: batch.fileName }) });
    });
    const counties = [...new Set(changes.map((c) => c.countyCode))];
    if (counties.length) await this.registry.screenCounties(counties);
    return { batchId: id, households: changes.length };
  }

  /**
   * Rows of a batch held for verification (ID numbers masked; names and health details masked without
   * personal.view, presenters/intake.presenter.ts). @throws not_found outside the scope
   */
  async heldRows(actor: Actor, batchId: number): Promise<HeldRowDto[]> {
    const repo = new IntakeRepository(this.ctx.db);
    if (!(await repo.batch(actor.scope, batchId))) throw notFound('该导入批次');
    return (await repo.heldRows(batchId)).map((h) => maskHeldRow(actor, { row: h.row, householdNo: h.householdNo, name: h.name, idMasked: h.idMasked, reasons: h.reasons.split(','), values: JSON.parse(h.valuesJson) as Record<string, unknown>, status: h.status, consequences: h.consequencesJson ? (JSON.parse(h.consequencesJson) as string[]) : [] }));
  }

  /** The clue queue inside the scope (newest first), optionally of one status; health details withheld without personal.view. */
  async clues(actor: Actor, f: { status?: string; limit?: number; beforeId?: number } = {}): Promise<(RiskClueDto)[]> {
    const rows = await new IntakeRepository(this.ctx.db).clues(actor.scope, { status: f.status, limit: Math.min(Math.max(1, f.limit ?? 100), 1000), beforeId: f.beforeId });
    return rows.map(({ factsJson, dedupKey: _k, personId: _p, ...r }) => maskClue(actor, { ...r, facts: JSON.parse(factsJson) as Record<string, unknown> }));
  }

  /**
   * Sets a clue's status (open → verified or dismissed) with an audit event.
   * @throws not_found outside the scope
   */
  async setClueStatus(actor: Actor, id: number, status: 'open' | 'verified' | 'dismissed'): Promise<void> {
    const c = await new IntakeRepository(this.ctx.db).clue(actor.scope, id);
    if (!c) throw notFound('该风险线索');
    await this.ctx.db.transaction().execute(async (trx) => {
      await new IntakeRepository(trx).setClueStatus(id, status);
      await new AuditRepository(trx).append({ at: nowIso(this.ctx.clock), actor: actor.username, action: 'clue_status', targetType: 'risk_clue', targetId: String(id), regionCode: c.villageCode, outcome: 'ok', details: JSON.stringify({ from: c.status, to: status }) });
    });
  }

  private async analyse(actor: Actor, file: ImportFile, opts: ImportOptions, keep = false, sink?: (hs: HouseholdInput[]) => Promise<void>, pending?: Pick<Analysis, 'nationalRows'>): Promise<Analysis> {
    const template = templateOf(opts.kind);
    const { sha256, bytes } = await fileDigest(file.path);
    const repo = new IntakeRepository(this.ctx.db);
    const known = new Set([...Object.keys(opts.mapping ?? {}), ...(await repo.mappedNames(template.kind))].map(normalizeHeader));
    const base = headerScorer(template);
    const score = (hs: string[]) => base(hs) + hs.filter((h) => known.has(h)).length;
    const table = await openTable(file.path, { fileName: file.fileName, sheet: opts.sheet, score, minScore: 2, fallbackToFirstRow: true, limits: this.ctx.config.readerLimits });
    const signature = headerSignature(table.header);
    const remembered = (await repo.mapping(template.kind, signature)) ?? {};
    const m = matchHeader(template, table.header, { ...remembered, ...(opts.mapping ?? {}) });
    const keyOf = new Map(Object.entries(m.mapping).map(([k, i]) => [i, k]));
    const report: ImportReport = {
      batchId: null, dryRun: true, kind: template.kind, kindZh: template.zh, fileName: file.fileName, sha256, bytes, format: table.format, encoding: table.encoding, sheet: table.sheet.name,
      sheets: table.sheets, hiddenSheets: [], headerRows: table.header.rows, headerSignature: signature,
      columns: table.header.columns.map((c) => {
        const key = keyOf.get(c.index) ?? null;
        return { name: c.name, key, zh: key ? template.columns.find((t) => t.key === key)!.zh : null };
      }),
      missingColumns: m.missing.map((c) => c.zh), ambiguous: m.ambiguous, mappingComplete: m.missing.length === 0,
      alreadyImportedBatchId: (await repo.latestByHash(actor.scope, sha256, template.kind, 'committed'))?.id ?? null,
      counts: zeroCounts(), problems: [], skippedRows: table.skipped, clues: [], checks: null,
    };
    for (const c of m.missing) report.problems.push({ sheet: table.sheet.name, row: null, column: c.zh, code: 'COLUMN_MISSING', level: 'error', message: `缺少必填列“${c.zh}”(可用列名:${[c.zh, ...(c.synonyms ?? [])].join('、')})` });
    for (const [k, names] of Object.entries(m.ambiguous)) report.problems.push({ sheet: table.sheet.name, row: null, column: names.join('、'), code: 'COLUMN_AMBIGUOUS', level: 'warning', message: `“${template.columns.find((c) => c.key === k)!.zh}”可对应多列(${names.join('、')}),请在列对应中指定` });
    const empty: Analysis = { report, template, households: [], matches: [], records: [], drafts: [], held: [], spells: [], profiles: [], fieldUpdates: [], nationalRows: pending?.nationalRows ?? [] };
    if (!report.mappingComplete) {
      await table.rows.return(undefined);
      return empty;
    }
    const asOf = today(this.ctx.clock);
    const estimate = Math.max(1, Math.round(bytes / (table.format === 'csv' ? 120 : 40)));
    if (template.target === 'registry') return this.planRegistry(actor, template, file, opts, table, m.mapping, report, empty, keep, estimate, score, report.alreadyImportedBatchId === null ? sink : undefined);
    const parsed: ParsedRow[] = [];
    for await (const raw of table.rows) {
      parsed.push(parseRow(template, m.mapping, table.header.columns, raw, table.sheet.name, asOf));
      if (opts.onProgress && parsed.length % 1000 === 0) opts.onProgress(parsed.length, Math.max(estimate, parsed.length));
    }
    opts.onProgress?.(parsed.length, parsed.length);
    report.hiddenSheets = table.sheets.filter((s) => s.hidden).map((s) => s.name);
    for (const h of report.hiddenSheets) report.problems.push({ sheet: h, row: null, column: null, code: 'SHEET_HIDDEN_SKIPPED', level: 'warning', message: `隐藏工作表“${h}”未读取` });
    report.counts.rows = parsed.length;
    if (parsed.length === 0) throw fileError('FILE_NO_DATA', '表头下面没有数据行', { sheet: table.sheet.name });
    if (template.target === 'householdUpdate') return this.planHouseholdFields(actor, parsed, report, empty);
    if (template.target === 'workSpell') return this.planSpells(actor, template, parsed, report, empty);
    if (template.target === 'villageProfile') return this.planVillages(actor, parsed, report, empty, opts.village);
    return this.planList(actor, template, parsed, report, empty);
  }

  /**
   * Household kind (（乡村建设）户信息) → updates of the living-condition fields of existing households, found
   * by 户编号 inside the scope (HOUSEHOLD_NOT_IN_REGISTRY with row and column otherwise). A blank cell
   * changes nothing; a household whose fields already hold the values counts as unchanged.
   */
  private async planHouseholdFields(actor: Actor, parsed: ParsedRow[], report: ImportReport, out: Analysis): Promise<Analysis> {
    const sheet = report.sheet;
    const c = report.counts;
    const noCol = report.columns.find((x) => x.key === 'householdNo')?.name ?? '户编号';
    const nos = [...new Set(parsed.map((p) => p.values.householdNo).filter((x): x is string => typeof x === 'string'))];
    const found = new Map<string, { id: number; householdNo: string; countyCode: string; version: number; sanitaryToilet: number }>();
    for (const h of (await new HouseholdRepository(this.ctx.db).getByNos(actor.scope, nos)).values()) {
      found.set(h.householdNo, { id: h.id, householdNo: h.householdNo, countyCode: h.countyCode, version: h.version, sanitaryToilet: Number(h.sanitaryToilet) });
    }
    const seen = new Map<string, number>();
    for (const p of parsed) {
      for (const x of p.problems) report.problems.push(x);
      if (p.problems.some((x) => x.level === 'error')) {
        c.reject++;
        continue;
      }
      if (holdRow(p, out)) {
        c.hold++;
        continue;
      }
      const no = String(p.values.householdNo).trim();
      const h = found.get(no);
      if (!h) {
        c.reject++;
        report.problems.push({ sheet, row: p.row, column: noCol, code: 'HOUSEHOLD_NOT_IN_REGISTRY', level: 'error', message: `登记中(您的管辖范围内)没有户编号“${no}”的农户,本行未导入` });
        continue;
      }
      if (seen.has(no)) {
        c.duplicate++;
        report.problems.push({ sheet, row: p.row, column: noCol, code: 'DUPLICATE_IN_FILE', level: 'error', message: `与第 ${seen.get(no)} 行是同一户,本行未导入` });
        continue;
      }
      seen.set(no, p.row);
      const k = keepOtherRow(NATIONAL_HOUSEHOLD.columns, new Set(['sanitaryToilet']), headerEntries(report), p.texts ?? [], p.values);
      out.nationalRows.push({ householdNo: no, householdId: h.id, countyCode: h.countyCode, idHash: null, sourceRow: p.row, keep: { spellings: JSON.parse(k.spellingsJson), extra: JSON.parse(k.extraJson) } });
      const set: Record<string, number> = {};
      const before: Record<string, number> = {};
      if (typeof p.values.sanitaryToilet === 'boolean' && (p.values.sanitaryToilet ? 1 : 0) !== h.sanitaryToilet) {
        set.sanitaryToilet = p.values.sanitaryToilet ? 1 : 0;
        before.sanitaryToilet = h.sanitaryToilet;
      }
      if (Object.keys(set).length === 0) {
        c.unchanged++;
        c.households.unchanged++;
        continue;
      }
      c.update++;
      c.households.update++;
      out.fieldUpdates.push({ householdId: h.id, householdNo: no, countyCode: h.countyCode, version: h.version, set, before });
    }
    return out;
  }

  /**
   * Work-spell kinds (已外出务工信息, 计划外出务工信息) → rows of work_spell: each row's person is found by the
   * keyed hash of 证件号码 inside the scope; a person not in the registry, or an ID number held or rejected,
   * is reported with row and column and not stored. 务工月收入 outside 100–30,000 yuan is a data-quality
   * warning (WAGE_OUT_OF_RANGE, source: the formats file's checks, "monthly migrant wage 100–30,000 yuan").
   */
  private async planSpells(actor: Actor, t: ImportTemplate, parsed: ParsedRow[], report: ImportReport, out: Analysis): Promise<Analysis> {
    const sheet = report.sheet;
    const c = report.counts;
    const idCol = report.columns.find((x) => x.key === 'idNumber')?.name ?? '证件号码';
    const usable: ParsedRow[] = [];
    for (const p of parsed) {
      for (const x of p.problems) report.problems.push(x);
      if (p.problems.some((x) => x.level === 'error') || !p.id || p.id.status === 'rejected') {
        c.reject++;
        continue;
      }
      if (holdRow(p, out)) {
        c.hold++;
        continue;
      }
      usable.push(p);
    }
    const persons = await new IntakeRepository(this.ctx.db).personsByHash(actor.scope, [...new Set(usable.map((p) => this.ctx.ids.hash(p.id!.id!)))]);
    const text = (v: Value) => (typeof v === 'string' && v !== '' ? v : null);
    const fen = (v: Value) => (typeof v === 'number' ? v : null);
    for (const p of usable) {
      const person = persons.get(this.ctx.ids.hash(p.id!.id!));
      if (!person) {
        c.reject++;
        report.problems.push({ sheet, row: p.row, column: idCol, code: 'PERSON_NOT_IN_REGISTRY', level: 'error', message: '登记中(您的管辖范围内)没有此证件号码的人员,本行未导入' });
        continue;
      }
      const v = p.values;
      const wage = fen(v.monthlyWage ?? null);
      if (wage !== null && (wage < 100_00 || wage > 30_000_00)) {
        const col = report.columns.find((x) => x.key === 'monthlyWage')?.name ?? '务工月收入';
        report.problems.push({ sheet, row: p.row, column: col, code: 'WAGE_OUT_OF_RANGE', level: 'warning', message: `务工月收入 ${wage / 100} 元不在 100–30,000 元之间,请核实(数据质量核查:务工月收入范围)` });
      }
      out.spells.push({
        idHash: person.idHash, householdId: person.householdId, countyCode: person.countyCode, villageCode: person.villageCode, kind: t.kind === 'national-work-plan' ? 'workPlan' : 'workSpell', sourceRow: p.row,
        working: typeof v.working === 'boolean' ? (v.working ? 1 : 0) : null, startMonth: text(v.startMonth ?? null), endMonth: text(v.endMonth ?? null), workCounty: text(v.workCounty ?? null),
        monthlyWageFen: wage, channel: text(v.channel ?? null), industry: text(v.industry ?? null), employer: text(v.employer ?? null), transportSubsidyFen: fen(v.transportSubsidy ?? null), serviceNeed: text(v.serviceNeed ?? null),
        ...(t.national ? keepOtherRow(t.columns, SPELL_KEYS, headerEntries(report), p.texts ?? [], { ...v, idNumber: p.id!.certificate?.number ?? p.id!.id }) : {}),
      });
      c.matched++;
    }
    c.add = out.spells.length;
    return out;
  }

  /**
   * Village kind (（自定义）行政村信息) → village_profile rows: each village is found by its name within the
   * county and township names (or the default village code of the import) inside the scope; a village not
   * found is reported with row and column. A village twice in the file keeps its first row.
   */
  private async planVillages(actor: Actor, parsed: ParsedRow[], report: ImportReport, out: Analysis, fallback: string | undefined): Promise<Analysis> {
    const sheet = report.sheet;
    const c = report.counts;
    const cache = new Map<string, { code: string | null; message?: string }>();
    const seen = new Map<string, number>();
    const villageCol = report.columns.find((x) => x.key === 'village')?.name ?? '村';
    for (const p of parsed) {
      for (const x of p.problems) report.problems.push(x);
      if (p.problems.some((x) => x.level === 'error')) {
        c.reject++;
        continue;
      }
      if (holdRow(p, out)) {
        c.hold++;
        continue;
      }
      const place = await this.resolveVillage(actor.scope, p.values, fallback, cache);
      if (!place.code) {
        c.reject++;
        report.problems.push({ sheet, row: p.row, column: villageCol, code: 'VILLAGE_UNKNOWN', level: 'error', message: place.message! });
        continue;
      }
      const prev = seen.get(place.code);
      if (prev !== undefined) {
        c.duplicate++;
        report.problems.push({ sheet, row: p.row, column: villageCol, code: 'DUPLICATE_IN_FILE', level: 'error', message: `与第 ${prev} 行是同一个村,本行未导入` });
        continue;
      }
      seen.set(place.code, p.row);
      const { county: _c, township: _t, village: _v, collectiveIncome, ...figures } = p.values;
      out.profiles.push({
        villageCode: place.code, countyCode: place.code.slice(0, 6), sourceRow: p.row, figuresJson: JSON.stringify(figures), collectiveIncomeFen: typeof collectiveIncome === 'number' ? collectiveIncome : null,
        ...keepOtherRow(NATIONAL_VILLAGE.columns, VILLAGE_KEYS, headerEntries(report), p.texts ?? [], p.values),
      });
    }
    c.add = out.profiles.length;
    return out;
  }

  /**
   * Person file → households to upsert, with integrity and registry validation, in two streamed passes
   * so that memory does not hold the parsed file: pass 1 keeps per row only what integrity needs
   * (household number, ID number, name, head or not, status); pass 2 reads the file again and builds
   * each household when its last row has been read (a sorted export closes households as it goes).
   * `keep` keeps the built households for a commit; a preview only counts them.
   */
  private async planRegistry(
    actor: Actor, t: ImportTemplate, file: ImportFile, opts: ImportOptions, table: OpenedTable, mapping: ColumnMapping, report: ImportReport, out: Analysis, keep: boolean, estimate: number,
    score: (hs: string[]) => number,
    sink?: (hs: HouseholdInput[]) => Promise<void>,
  ): Promise<Analysis> {
    const sheet = report.sheet;
    const asOf = today(this.ctx.clock);
    const irows: IntegrityRow[] = [];
    const problems: IntakeProblem[] = [];
    const lastIdx = new Map<string, number>();
    for await (const raw of table.rows) {
      const p = parseRow(t, mapping, table.header.columns, raw, sheet, asOf);
      const no = typeof p.values.householdNo === 'string' ? p.values.householdNo.trim() : null;
      irows.push({
        row: p.row, householdNo: no, id: p.id?.id ?? null, name: (p.values.name as string | null) ?? null, isHead: p.values.relationToHead === 'head',
        status: p.problems.some((x) => x.level === 'error') || !p.id || p.id.status === 'rejected' ? 'rejected' : p.id.status === 'held' || p.problems.some((x) => x.level === 'hold') ? 'held' : 'accepted',
      });
      if (no) lastIdx.set(no, irows.length - 1);
      for (const x of p.problems) problems.push(x);
      if (opts.onProgress && irows.length % 1000 === 0) opts.onProgress(Math.round(irows.length / 2), Math.max(estimate, irows.length));
    }
    report.hiddenSheets = table.sheets.filter((x) => x.hidden).map((x) => x.name);
    for (const h of report.hiddenSheets) report.problems.push({ sheet: h, row: null, column: null, code: 'SHEET_HIDDEN_SKIPPED', level: 'warning', message: `隐藏工作表“${h}”未读取` });
    report.counts.rows = irows.length;
    if (irows.length === 0) throw fileError('FILE_NO_DATA', '表头下面没有数据行', { sheet });
    const verdicts = checkIntegrity(irows);
    const consequences = heldConsequences(irows, verdicts);
    irows.forEach((r, i) => {
      for (const code of verdicts[i]!.codes) {
        const others = verdicts[i]!.otherRows;
        problems.push({ sheet, row: r.row, column: code === 'MISSING_HOUSEHOLD_ID' ? '户编号' : null, code, level: verdicts[i]!.status === 'rejected' ? 'error' : 'hold', message: `${INTEGRITY_ZH[code]}${others.length ? `(另见第 ${others.join('、')} 行)` : ''}` });
      }
    });
    const villageCache = new Map<string, { code: string | null; message?: string }>();
    const placeCache = new Map<string, PlaceNames>();
    /** fields defaulted, per column: one summary problem each instead of one per row */
    const defaulted = new Map<string, number>();
    const year = opts.year ?? this.ctx.config.defaultYear;
    const households: HouseholdInput[] = [];
    const planned: { no: string; members: number }[] = [];
    const rejectHousehold = (idxs: number[], code: string, message: string, column: string | null = null) => {
      for (const i of idxs) {
        verdicts[i]!.status = 'rejected';
        problems.push({ sheet, row: irows[i]!.row, column, code, level: 'error', message });
      }
    };
    const build = async (no: string, idxs: number[], rows: ParsedRow[]): Promise<void> => {
      const head = rows.find((r) => r.values.relationToHead === 'head') ?? rows[0]!;
      const v = head.values;
      const village = await this.resolveVillage(actor.scope, v, opts.village, villageCache);
      if (!village.code) {
        rejectHousehold(idxs, 'VILLAGE_UNKNOWN', village.message!, '村');
        return;
      }
      const members: PersonInput[] = rows.map((r) => {
        const pv = r.values;
        const birth = r.id!.birthDate!;
        if (typeof pv.birthDate === 'string' && pv.birthDate !== birth)
          problems.push({ sheet, row: r.row, column: '出生日期', code: 'AGE_ID_MISMATCH', level: 'warning', message: `出生日期 ${pv.birthDate} 与身份证号中的 ${birth} 不一致,以身份证号为准` });
        if (typeof pv.sex === 'string' && pv.sex !== r.id!.sex) problems.push({ sheet, row: r.row, column: '性别', code: 'SEX_ID_MISMATCH', level: 'warning', message: '性别与身份证号第17位不一致' });
        let labour = pv.labourSkill as PersonInput['labourSkill'] | null;
        if (!labour) {
          const age = ageOn(birth, asOf);
          labour = age >= 16 && age <= 60 ? 'ordinary' : 'none';
          defaulted.set('劳动技能', (defaulted.get('劳动技能') ?? 0) + 1);
        }
        const b = (k: string, d: boolean) => (typeof pv[k] === 'boolean' ? (pv[k] as boolean) : d);
        return {
          idNumber: r.id!.id!, name: pv.name as string, relationToHead: pv.relationToHead as PersonInput['relationToHead'], sex: r.id!.sex ?? undefined,
          ethnicity: (pv.ethnicity as string | null) ?? undefined, education: (pv.education as PersonInput['education']) ?? null, schoolStage: (pv.schoolStage as PersonInput['schoolStage']) ?? undefined,
          healthStatus: (pv.healthStatus as PersonInput['healthStatus']) ?? undefined, labourSkill: labour, workPlace: (pv.workPlace as string | null) ?? null,
          residentMedicalInsurance: b('residentMedicalInsurance', true), employeeMedicalInsurance: b('employeeMedicalInsurance', false), criticalIllnessInsurance: b('criticalIllnessInsurance', true),
          medicalAssistance: b('medicalAssistance', false), residentPension: b('residentPension', false), employeePension: b('employeePension', false), dibao: b('dibao', false), tekun: b('tekun', false),
          ...nationalPersonFields(pv, r.id!),
        };
      });
      if (!v.householdType) defaulted.set('户类型', (defaulted.get('户类型') ?? 0) + 1);
      const risks = [1, 2, 3, 4, 5].map((k) => v[`risk${k}`]).filter((x): x is string => typeof x === 'string');
      const incomeKeys = ['wage', 'business', 'transfer', 'property', 'businessExpenses'] as const;
      const mapped = incomeKeys.filter((k) => report.columns.some((c) => c.key === k));
      const incomes: HouseholdInput['incomes'] = [];
      if (mapped.length) {
        const blank = mapped.filter((k) => v[k] === null || v[k] === undefined);
        if (blank.length === 0) {
          incomes.push({ year, wageFen: (v.wage as number) ?? 0, businessIncomeFen: (v.business as number) ?? 0, businessExpensesFen: (v.businessExpenses as number) ?? 0, propertyFen: (v.property as number) ?? 0, transferFen: (v.transfer as number) ?? 0, compliantOutOfPocketFen: Math.max(0, (v.compliantOutOfPocket as number) ?? 0) });
        } else problems.push({ sheet, row: head.row, column: null, code: 'INCOME_INCOMPLETE', level: 'warning', message: `收入列有空值(${blank.length} 项),空值不按0计算:本户 ${year} 年收入未导入` });
      }
      const input: HouseholdInput = {
        householdNo: no, villageCode: village.code, householdType: (v.householdType as HouseholdInput['householdType']) ?? 'ordinaryRural',
        monitoredCategory: (v.monitoredCategory as HouseholdInput['monitoredCategory']) ?? null, riskTypes: [...new Set(risks)] as HouseholdInput['riskTypes'],
        identifiedMonth: (v.identifiedMonth as string | null) ?? null, riskEliminated: v.riskEliminated === true, eliminationMode: (v.eliminationMode as 'assistance' | 'natural' | null) ?? null,
        eliminatedMonth: (v.eliminatedMonth as string | null) ?? null, farmlandMu: (v.farmlandMu as number | null) ?? 0, forestMu: (v.forestMu as number | null) ?? 0,
        housingAreaM2: (v.housingAreaM2 as number | null) ?? null, dangerousHouse: v.dangerousHouse === true, distanceToRoadKm: (v.distanceToRoadKm as number | null) ?? null,
        roadHardened: v.roadHardened !== false, electricity: v.electricity !== false, safeDrinkingWater: v.safeDrinkingWater !== false, sanitaryToilet: v.sanitaryToilet !== false,
        ...nationalHouseholdFields(v, year),
        members, incomes,
      };
      const z = householdInput.safeParse(input);
      if (!z.success) {
        for (const iss of z.error.issues) {
          const mi = iss.path[0] === 'members' ? Number(iss.path[1]) : -1;
          const row = mi >= 0 ? rows[mi]!.row : head.row;
          problems.push({ sheet, row, column: String(iss.path[iss.path.length - 1] ?? ''), code: 'VALUE_INVALID', level: 'error', message: iss.message });
        }
        rejectHousehold(idxs, 'HOUSEHOLD_INVALID', '本户有数据不符合登记要求,整户未导入');
        return;
      }
      planned.push({ no, members: members.length });
      if (keep && t.national) {
        const place = await placeNamesOf(this.ctx.db, village.code, placeCache);
        const header = headerEntries(report);
        const inc = z.data.incomes.find((x) => x.year === year) ?? null;
        rows.forEach((r, k) => {
          const m = z.data.members[k]!;
          const model = { ...m, idNumber: r.id!.id!, sex: m.sex ?? r.id!.sex!, birthDate: r.id!.birthDate! };
          const rendered = renderRow(t.columns, personRowValues(place, z.data, model, inc));
          out.nationalRows.push({ householdNo: no, householdId: null, idHash: this.ctx.ids.hash(r.id!.id!), sourceRow: r.row, keep: rowDiff(header, r.texts ?? [], rendered) });
        });
      }
      if (keep) households.push(input);
      if (batched && households.length >= batchSize) await sink!(households.splice(0, households.length));
    };
    const batchSize = Math.max(1, opts.batchHouseholds ?? BATCH_HOUSEHOLDS);
    const batched = keep && !!sink && lastIdx.size > batchSize;
    out.batched = batched;
    // pass 2: the same rows again, households built as their last row is read
    const again = await openTable(file.path, { fileName: file.fileName, sheet: opts.sheet, score, minScore: 2, fallbackToFirstRow: true, limits: this.ctx.config.readerLimits });
    const open = new Map<string, { idxs: number[]; rows: ParsedRow[] }>();
    let idx = 0;
    for await (const raw of again.rows) {
      const i = idx++;
      if (irows[i]?.row !== raw.row) throw fileError('FILE_CHANGED', '文件在读取过程中发生了变化,请重新上传', { sheet, row: raw.row });
      const no = irows[i]!.householdNo;
      if (!no) continue;
      if (keep && verdicts[i]!.status === 'held') {
        const hp = parseRow(t, mapping, again.header.columns, raw, sheet, asOf);
        const { idNumber: _x, ...values } = hp.values;
        out.held.push({ row: raw.row, householdNo: no, name: (hp.values.name as string | null) ?? null, id: hp.id?.id ?? null, reasons: [...hp.problems.filter((x) => x.level === 'hold').map((x) => x.code), ...verdicts[i]!.codes], values, consequences: consequences.get(i) ?? [] });
      }
      if (verdicts[i]!.status === 'accepted') {
        const g = open.get(no) ?? { idxs: [], rows: [] };
        g.idxs.push(i);
        g.rows.push(parseRow(t, mapping, again.header.columns, raw, sheet, asOf));
        open.set(no, g);
      }
      if (lastIdx.get(no) === i) {
        const g = open.get(no);
        open.delete(no);
        if (g) await build(no, g.idxs, g.rows);
      }
      if (opts.onProgress && i % 1000 === 0) opts.onProgress(Math.round((irows.length + i) / 2), irows.length);
    }
    if (idx !== irows.length) throw fileError('FILE_CHANGED', '文件在读取过程中发生了变化,请重新上传', { sheet });
    if (batched && households.length) await sink!(households.splice(0, households.length));
    const existing = new Set<string>();
    const repo = new IntakeRepository(this.ctx.db);
    for (let k = 0; k < planned.length; k += 5000) for (const n of await repo.existingHouseholdNos(planned.slice(k, k + 5000).map((x) => x.no))) existing.add(n);
    const c = report.counts;
    for (const h of planned) {
      if (existing.has(h.no)) {
        c.households.update++;
        c.update += h.members;
      } else {
        c.households.add++;
        c.add += h.members;
      }
    }
    c.hold = verdicts.filter((v) => v.status === 'held').length;
    c.reject = verdicts.filter((v) => v.status === 'rejected').length;
    for (const [column, n] of defaulted) problems.push({ sheet, row: null, column, code: 'FIELD_DEFAULTED', level: 'warning', message: column === '劳动技能' ? `${n} 行劳动技能未填,已按年龄推定(16–60岁普通劳动力,其余无劳动力),请核实` : `${n} 户户类型未填,已按“一般农户”导入,请核实` });
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    for (const p of problems) report.problems.push(p);
    report.heldRows = [...consequences].map(([i, c]) => ({ row: irows[i]!.row, householdNo: irows[i]!.householdNo, reasons: [...new Set([...problems.filter((p) => p.row === irows[i]!.row && p.level === 'hold').map((p) => p.code), ...verdicts[i]!.codes])], consequences: c }));
    return { ...out, households };
  }

  /** 12-digit village of a household: a code column, names 县/乡/村 under the scope, or the default. */
  private async resolveVillage(scope: Scope, v: Record<string, Value>, fallback: string | undefined, cache: Map<string, { code: string | null; message?: string }>): Promise<{ code: string | null; message?: string }> {
    const code = typeof v.villageCode === 'string' ? v.villageCode.trim() : null;
    const key = JSON.stringify([code, v.county, v.township, v.village, fallback]);
    const hit = cache.get(key);
    if (hit) return hit;
    const repo = new IntakeRepository(this.ctx.db);
    let result: { code: string | null; message?: string };
    if (code) result = /^\d{12}$/.test(code) ? { code } : { code: null, message: `村级区划代码“${code}”应为12位数字` };
    else if (typeof v.village === 'string' && typeof v.county === 'string') {
      const counties = (await repo.regionsByName('county', v.county, null)).filter((c) => inScope(scope, c.code) || (scope.regionCode !== null && c.code.startsWith(scope.regionCode)) || scope.regionCode === null || scope.regionCode.startsWith(c.code));
      let found: string | null = null;
      let message = `找不到县“${v.county}”`;
      for (const county of counties) {
        const towns = typeof v.township === 'string' ? await repo.regionsByName('township', v.township, county.code) : [];
        message = `在${county.name}找不到乡镇“${v.township ?? ''}”`;
        for (const town of towns) {
          const villages = await repo.regionsByName('village', v.village, town.code);
          message = `在${town.name}找不到村“${v.village}”`;
          if (villages.length === 1) found = villages[0]!.code;
          else if (villages.length > 1) message = `村名“${v.village}”在${town.name}有多个匹配,请使用村级区划代码列`;
        }
      }
      result = found ? { code: found } : { code: null, message };
    } else if (fallback) result = { code: fallback };
    else result = { code: null, message: '没有村级区划代码列,也没有县、乡、村名称;请补充,或导入时指定默认村' };
    if (result.code && !inScope(scope, result.code)) result = { code: null, message: `村级区划 ${result.code} 不在您的管辖范围内` };
    cache.set(key, result);
    return result;
  }

  /** Department list → matches and clue drafts. */
  private async planList(actor: Actor, t: ImportTemplate, parsed: ParsedRow[], report: ImportReport, out: Analysis): Promise<Analysis> {
    const sheet = report.sheet;
    const onePerPerson = t.kind !== 'medical' && t.kind !== 'disaster';
    const problems: IntakeProblem[] = [];
    const seen = new Map<string, number>();
    const usable: { p: ParsedRow; key: string; kind: 'lookup' | 'exchange' }[] = [];
    const c = report.counts;
    for (const p of parsed) {
      for (const x of p.problems) problems.push(x);
      const hash = typeof p.values.idHash === 'string' ? p.values.idHash : null;
      const status = p.problems.some((x) => x.level === 'error') ? 'rejected' : hash ? 'accepted' : p.id?.status ?? 'rejected';
      if (status === 'rejected') {
        c.reject++;
        if (!p.id && !hash && !p.problems.some((x) => x.level === 'error')) problems.push({ sheet, row: p.row, column: '身份证号', code: 'REQUIRED_MISSING', level: 'error', message: '身份证号为空' });
        continue;
      }
      if (status === 'held') {
        c.hold++;
        const { idNumber: _x, idHash: _h, ...values } = p.values;
        out.held.push({ row: p.row, householdNo: null, name: (p.values.name as string | null) ?? null, id: p.id?.id ?? null, reasons: p.problems.filter((x) => x.level === 'hold').map((x) => x.code), values });
        continue;
      }
      const key = hash ?? p.id!.id!;
      const prev = seen.get(key);
      if (prev !== undefined && onePerPerson) {
        c.duplicate++;
        problems.push({ sheet, row: p.row, column: '身份证号', code: 'DUPLICATE_IN_FILE', level: 'error', message: `与第 ${prev} 行是同一人,本行未导入` });
        continue;
      }
      if (prev === undefined) seen.set(key, p.row);
      usable.push({ p, key, kind: hash ? 'exchange' : 'lookup' });
    }
    c.add = usable.length;
    const repo = new IntakeRepository(this.ctx.db);
    const byLookup = await repo.personsByHash(actor.scope, [...new Set(usable.filter((u) => u.kind === 'lookup').map((u) => this.ctx.ids.hash(u.key)))]);
    const byExchange = new Map<string, MatchedPerson>();
    if (usable.some((u) => u.kind === 'exchange')) {
      let after = 0;
      for (;;) {
        const page = await repo.personsPage(actor.scope, after, 2000);
        if (!page.length) break;
        for (const person of page) byExchange.set(exchangeHash(this.ctx.ids.exchangeKey, this.ctx.ids.decrypt(person.idCipher)), person);
        after = page[page.length - 1]!.personId;
      }
    }
    const perPerson = new Map<number, { person: MatchedPerson; rows: number[]; values: Record<string, Value>[] }>();
    for (const u of usable) {
      const person = u.kind === 'lookup' ? byLookup.get(this.ctx.ids.hash(u.key)) : byExchange.get(u.key);
      // no ID number is stored; a person who does not match the registry is kept without the name either
      const { idNumber: _i, idHash: _h, name: _n, ...facts } = u.p.values;
      out.records.push({ row: u.p.row, personId: person?.personId ?? null, householdId: person?.householdId ?? null, countyCode: person?.countyCode ?? null, facts: person ? { name: u.p.values.name ?? null, ...facts } : facts });
      if (!person) continue;
      c.matched++;
      const g = perPerson.get(person.personId);
      if (g) {
        g.rows.push(u.p.row);
        g.values.push(u.p.values);
      } else perPerson.set(person.personId, { person, rows: [u.p.row], values: [u.p.values] });
    }
    const facts = await repo.facts([...new Set([...perPerson.values()].map((g) => g.person.householdId))], this.ctx.config.defaultYear);
    const asOf = today(this.ctx.clock);
    for (const g of perPerson.values()) {
      const f = facts.get(g.person.householdId);
      const list: ListFacts = { kind: t.kind, rows: g.rows, values: g.values };
      out.matches.push({ person: g.person, list });
      for (const draft of cluesFor(list, { ...g.person, netIncomeFen: f?.netIncomeFen ?? null, perCapitaNetIncomeFen: f?.perCapitaNetIncomeFen ?? null }, asOf)) {
        out.drafts.push({ person: g.person, row: g.rows[0]!, draft });
        report.clues.push({ row: g.rows[0]!, ruleId: draft.ruleId, riskType: draft.riskType, summary: draft.summary });
      }
    }
    c.clues = out.drafts.length;
    for (const p of problems) report.problems.push(p);
    return out;
  }
}

/** What is kept of one imported row of a national layout, before its batch and household ids are known. */
interface NationalRowDraft {
  householdNo: string | null;
  householdId: number | null;
  countyCode?: string;
  idHash: string | null;
  sourceRow: number;
  keep: RowKeep;
}

/** The header of a report as (column name, template key) pairs, in the file's order. */
const headerEntries = (r: ImportReport): HeaderEntry[] => r.columns.map((c) => [c.name, c.key]);

/**
 * The national_row rows of the households of `outs` (person layout): each draft of those households, with
 * its household id and county; drafts of other households stay for a later call.
 */
function nationalRowsOf(drafts: NationalRowDraft[], outs: readonly UpsertOutcome[], batchId: number, kind: string): Insertable<NationalRowTable>[] {
  const byNo = new Map(outs.map((o) => [o.householdNo, o]));
  const rows: Insertable<NationalRowTable>[] = [];
  const rest: NationalRowDraft[] = [];
  for (const d of drafts) {
    const o = d.householdNo === null ? undefined : byNo.get(d.householdNo);
    if (!o) {
      rest.push(d);
      continue;
    }
    rows.push({ batchId, kind, countyCode: o.countyCode, householdId: o.householdId, idHash: d.idHash, sourceRow: d.sourceRow, spellingsJson: JSON.stringify(d.keep.spellings), extraJson: JSON.stringify(d.keep.extra) });
  }
  drafts.splice(0, drafts.length, ...rest);
  return rows;
}

/** 县, 乡 and 村 names of a village code (from the loaded region tree), cached per analysis. */
async function placeNamesOf(db: ServiceContext['db'], villageCode: string, cache: Map<string, PlaceNames>): Promise<PlaceNames> {
  const hit = cache.get(villageCode);
  if (hit) return hit;
  const rows = await new RegionRepository(db).getMany([villageCode.slice(0, 6), villageCode.slice(0, 9), villageCode]);
  const name = (code: string) => rows.find((x) => x.code === code)?.name ?? null;
  const out = { county: name(villageCode.slice(0, 6)), township: name(villageCode.slice(0, 9)), village: name(villageCode), villageCode };
  cache.set(villageCode, out);
  return out;
}

/**
 * Keeps a row with a hold-level problem (a value outside its national vocabulary, …) among the held rows
 * of the analysis, with its values (never an ID number in clear) and the codes. Returns false when the
 * row has none.
 */
function holdRow(p: ParsedRow, out: Analysis): boolean {
  const reasons = p.problems.filter((x) => x.level === 'hold').map((x) => x.code);
  if (!reasons.length) return false;
  const { idNumber: _x, ...values } = p.values;
  out.held.push({ row: p.row, householdNo: typeof p.values.householdNo === 'string' ? p.values.householdNo : null, name: typeof p.values.name === 'string' ? p.values.name : null, id: p.id?.id ?? null, reasons, values });
  return true;
}

/** True when an error is an AppError of intake (bad_file). */
export const isIntakeError = (e: unknown) => e instanceof AppError && e.code === 'bad_file';


