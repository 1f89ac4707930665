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
import { NationalExportService } from './national-export.service';
import type { RiskClueDto } from '../../shared/intake';
import { ageOn, normalizeIdNumber } from '../domain/id-number';
import { sameName } from '../domain/person-name';
import { maskIdNumber, redactIdNumbers } from '../domain/masking';
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
import { applyValueMap, enumKey, headerScorer, headerSignature, matchHeader, type ColumnMapping, type ValueMap } from '../intake/templates/mapping';
import type { ImportTemplate } from '../intake/templates/template';
import { nationalHouseholdFields, nationalPersonFields } from '../intake/national/registry-fields';
import { HouseholdRepository } from '../repositories/household.repository';
import { AuditRepository } from '../repositories/audit.repository';
import { IntakeRepository, type ImportBatchRow, type MatchedPerson } from '../repositories/intake.repository';
import { inScope, NATIONAL_SCOPE, type Scope } from '../repositories/scope';
import type { Actor } from './actor';
import { maskClue, maskHeldRow, type HeldRowDto } from '../presenters/intake.presenter';
import { nowIso, today, type ServiceContext } from './context';
import { CheckService } from './check.service';
import { requireFullIdExport } from './full-id-export';
import { RegistryService, type HouseholdSnapshot, type UpsertOutcome } from './registry.service';
import { PlaceService, type PlaceResolver } from './place.service';

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
  /** 12-digit village code for rows without place columns; rows with their own place columns must agree with it */
  village?: string;
  /** the preview's mapping step: "乡镇/村" → 12-digit village (or "乡镇/" → 9-digit township) code; remembered per county on commit */
  placeMapping?: Record<string, string>;
  /** a department's own code values (column → file value → template value): applied after the county's remembered map, remembered on commit (issue 9 item 1) */
  valueMap?: ValueMap;
  /** confirmed values of required columns the list lacks (column key or Chinese name → value): see ImportReport.proposedDefaults */
  defaults?: Record<string, string>;
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
  records: { row: number; personId: number | null; householdId: number | null; countyCode: string | null; guardianPersonId: number | null; facts: Record<string, Value> }[];
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
  /** spreadsheet row → the row's ID number (18-character form, or the normalised cell when it is not a number): masked and hashed into the row's problems, never shown */
  rowIds: Map<number, string>;
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
    opts = withFieldKeys(opts);
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
    if (a.report.mappingComplete && a.report.alreadyImportedBatchId === null) await new PlaceService(this.ctx).rememberMappings(actor, opts.placeMapping);
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
      await repo.insertProblems(this.storedProblems(id, a));
      if (opts.mapping && Object.keys(opts.mapping).length) await repo.saveMapping(r.kind, r.headerSignature, opts.mapping, actor.username, now);
      if (opts.valueMap && Object.keys(opts.valueMap).length) await repo.saveValueMapping(r.kind, countyOf(actor), r.valueMap, actor.username, now);
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
      await repo.insertDepartmentRecords(a.records.map((x) => ({ batchId: id, kind: r.kind, row: x.row, personId: x.personId, householdId: x.householdId, countyCode: x.countyCode, guardianPersonId: x.guardianPersonId, factsJson: JSON.stringify(x.facts) })));
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
      await repo.insertProblems([{ batchId, sheet: null, row: null, columnName: null, code, level: 'error', message: redactIdNumbers(e.message).slice(0, 2000) }]);
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
      await repo.insertProblems(this.storedProblems(batchId, a));
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
    // messages stored before issue 9 may name a number: redacted on the way out as well
    const problems = (await repo.problems(id)).map((p) => ({ sheet: p.sheet, row: p.row, column: p.columnName, code: p.code, level: p.level as IntakeProblem['level'], message: redactIdNumbers(p.message), idMasked: p.idMasked ?? null }));
    return { batch, problems };
  }

  /**
   * Rolls a committed import back, in one transaction with an audit event: households it added are
   * removed, households it updated get their state before (for the household kind, the fields it set),
   * clues and department-list records it raised go, and so do the work spells and village profiles it
   * stored. Handled work is never erased (issue 16 item 11): a batch one of whose clues staff verified or
   * dismissed, or opened a case from, is refused, naming those clues.
   * @throws not_found outside the scope; conflict when it is not committed, when a later import or an
   *   edit changed one of its households since (roll those back first), or when one of its clues was
   *   handled (details.clues: id, ruleId, status, caseId)
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
    const handled = await repo.handledCluesOfBatch(id);
    if (handled.length) {
      const zh = { verified: '已核实', dismissed: '已排除', open: '待核实' } as Record<string, string>;
      const list = handled.slice(0, 10).map((c) => `线索 ${c.id}(${c.ruleId},${zh[c.status] ?? c.status}${c.caseId !== null ? `,已据此立案 ${c.caseId}` : ''})`).join('、');
      throw conflict(`该批次产生的 ${handled.length} 条风险线索已经处理,回退会抹去处理结果,不能回退:${list}${handled.length > 10 ? ' 等' : ''}`, { clues: handled });
    }
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
      await t.deleteDepartmentRecordsOfBatch(id);
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

  /**
   * analyseFile, then every problem's message redacted of ID-like runs (a last net: no message names a
   * number in clear) and given the row's masked ID number (issue 9 item 9).
   */
  private async analyse(actor: Actor, file: ImportFile, opts: ImportOptions, keep = false, sink?: (hs: HouseholdInput[]) => Promise<void>, pending?: Pick<Analysis, 'nationalRows'>): Promise<Analysis> {
    const a = await this.analyseFile(actor, file, opts, keep, sink, pending);
    // a member found registered in another household is audited as the registry's refusal is (decision 0227): probing is visible
    const elsewhere = a.report.problems.filter((p) => p.code === 'PERSON_IN_OTHER_HOUSEHOLD').length;
    if (elsewhere) {
      await this.ctx.db.transaction().execute((trx) =>
        new AuditRepository(trx).append({ at: nowIso(this.ctx.clock), actor: actor.username, action: 'registration_duplicate_refused', targetType: 'import_file', targetId: null, regionCode: actor.scope.regionCode, outcome: 'denied', details: JSON.stringify({ persons: elsewhere, fileName: file.fileName, dryRun: !keep }) }),
      );
    }
    for (const p of a.report.problems) {
      p.message = redactIdNumbers(p.message);
      const id = p.row === null ? undefined : a.rowIds.get(p.row);
      p.idMasked = id ? maskIdNumber(id) : null;
    }
    return a;
  }

  /** Problems as stored: masked ID number and lookup hash of the row's number, never the number. */
  private storedProblems(batchId: number, a: Analysis) {
    return a.report.problems.slice(0, MAX_PROBLEMS).map((p) => {
      const id = p.row === null ? undefined : a.rowIds.get(p.row);
      return { batchId, sheet: p.sheet, row: p.row, columnName: p.column, code: p.code, level: p.level, message: p.message, idMasked: id ? maskIdNumber(id) : null, idHash: id ? this.ctx.ids.hash(id) : null };
    });
  }

  private async analyseFile(actor: Actor, file: ImportFile, opts: ImportOptions, keep = false, sink?: (hs: HouseholdInput[]) => Promise<void>, pending?: Pick<Analysis, 'nationalRows'>): Promise<Analysis> {
    const repo = new IntakeRepository(this.ctx.db);
    const bare = templateOf(opts.kind);
    opts = withFieldKeys(opts);
    const badKeys = Object.entries(opts.mapping ?? {}).filter(([, k]) => k !== '' && !bare.columns.some((c) => c.key === k));
    if (badKeys.length) throw validationError(badKeys.map(([col, k]) => ({ field: `mapping.${col}`, message: `“${k}”不是${bare.zh}的字段(可用:${bare.columns.map((c) => `${c.key}(${c.zh})`).join('、')})` })));
    // value maps: the county's remembered one, then the request's (issue 9 item 1)
    const given = applyValueMap(bare, opts.valueMap ?? {});
    if (given.errors.length) throw validationError(given.errors);
    const valueMap = mergeValueMaps((await repo.valueMapping(bare.kind, countyOf(actor))) ?? {}, given.map);
    const template = applyValueMap(bare, valueMap).template;
    const { sha256, bytes } = await fileDigest(file.path);
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
      missingColumns: [], proposedDefaults: [], valueMap, ambiguous: m.ambiguous, mappingComplete: false,
      alreadyImportedBatchId: (await repo.latestByHash(actor.scope, sha256, template.kind, 'committed'))?.id ?? null,
      counts: zeroCounts(), problems: [], skippedRows: table.skipped, clues: [], checks: null,
    };
    // a required column the list lacks: asked for, with the template's proposed value for the user to confirm (never assumed)
    const defaults = new Map<string, string>();
    for (const c of m.missing) {
      // (department lists and tables only: a person file's households are built from their own columns)
      const given = template.target === 'registry' ? undefined : Object.entries(opts.defaults ?? {}).find(([k]) => k === c.key || normalizeHeader(k) === normalizeHeader(c.zh))?.[1];
      const code = given === undefined ? undefined : (c.values?.[enumKey(given)] ?? (Object.values(c.values ?? {}).includes(given) ? given : undefined));
      if (given !== undefined && code === undefined) throw validationError([{ field: `defaults.${c.zh}`, message: `“${given}”不是“${c.zh}”的取值(可填:${Object.keys(c.values ?? {}).join('、')})` }]);
      if (c.proposedDefault !== undefined || code !== undefined) {
        report.proposedDefaults.push({ key: c.key, zh: c.zh, value: given ?? c.proposedDefault!, values: Object.keys(c.values ?? {}), confirmed: code !== undefined });
      }
      if (code !== undefined) {
        defaults.set(c.key, code);
        report.problems.push({ sheet: table.sheet.name, row: null, column: c.zh, code: 'COLUMN_DEFAULT_CONFIRMED', level: 'warning', message: `名单没有“${c.zh}”列,已按您确认的“${given}”导入每一行` });
        continue;
      }
      report.missingColumns.push(c.zh);
      report.problems.push({
        sheet: table.sheet.name, row: null, column: c.zh, code: 'COLUMN_MISSING', level: 'error',
        message: `缺少必填列“${c.zh}”(可用列名:${[c.zh, ...(c.synonyms ?? [])].join('、')})${c.proposedDefault !== undefined ? `;如名单中的人都是“${c.proposedDefault}”,可确认按该值导入` : ''}`,
      });
    }
    report.mappingComplete = report.missingColumns.length === 0;
    for (const [k, names] of Object.entries(m.ambiguous)) report.problems.push({ sheet: table.sheet.name, row: null, column: names.join('、'), code: 'COLUMN_AMBIGUOUS', level: 'warning', message: `“${template.columns.find((c) => c.key === k)!.zh}”可对应多列(${names.join('、')}),请在列对应中指定` });
    const empty: Analysis = { report, template, households: [], matches: [], records: [], drafts: [], held: [], spells: [], profiles: [], fieldUpdates: [], rowIds: new Map(), nationalRows: pending?.nationalRows ?? [] };
    if (!report.mappingComplete) {
      await table.rows.return(undefined);
      return empty;
    }
    const asOf = today(this.ctx.clock);
    const estimate = Math.max(1, Math.round(bytes / (table.format === 'csv' ? 120 : 40)));
    if (template.target === 'registry') return this.planRegistry(actor, template, file, opts, table, m.mapping, report, empty, keep, estimate, score, report.alreadyImportedBatchId === null ? sink : undefined);
    const parsed: ParsedRow[] = [];
    for await (const raw of table.rows) {
      const p = parseRow(template, m.mapping, table.header.columns, raw, table.sheet.name, asOf);
      for (const [k, code] of defaults) p.values[k] = code;
      parsed.push(p);
      rememberId(empty.rowIds, p);
      if (opts.onProgress && parsed.length % 1000 === 0) opts.onProgress(parsed.length, Math.max(estimate, parsed.length));
    }
    opts.onProgress?.(parsed.length, parsed.length);
    report.hiddenSheets = table.sheets.filter((s) => s.hidden).map((s) => s.name);
    for (const h of report.hiddenSheets) report.problems.push({ sheet: h, row: null, column: null, code: 'SHEET_HIDDEN_SKIPPED', level: 'warning', message: `隐藏工作表“${h}”未读取` });
    report.counts.rows = parsed.length;
    if (parsed.length === 0) throw fileError('FILE_NO_DATA', '表头下面没有数据行', { sheet: table.sheet.name });
    if (template.target === 'householdUpdate') return this.planHouseholdFields(actor, parsed, report, empty);
    if (template.target === 'workSpell') return this.planSpells(actor, template, parsed, report, empty);
    if (template.target === 'villageProfile') return this.planVillages(actor, parsed, report, empty, opts);
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
   * Village kind (（自定义）行政村信息) → village_profile rows: each village is found by its 村级区划代码, else by
   * the town + village names in the county (or the default village code of the import) inside the scope,
   * through the place resolver (decision 0161); a village not found is reported with row, column and the
   * specific code (VILLAGE_NOT_FOUND, AMBIGUOUS_VILLAGE, …). A village twice in the file keeps its first row.
   */
  private async planVillages(actor: Actor, parsed: ParsedRow[], report: ImportReport, out: Analysis, opts: ImportOptions): Promise<Analysis> {
    const sheet = report.sheet;
    const c = report.counts;
    const places = await new PlaceService(this.ctx).resolverFor(actor.scope, opts);
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
      const place = await this.resolveVillage(places, p.values, p.row, report);
      if (place.code === null) {
        c.reject++;
        report.problems.push({ sheet, row: p.row, column: place.column, code: place.problem, level: 'error', message: place.message });
        continue;
      }
      const prev = seen.get(place.code);
      if (prev !== undefined) {
        c.duplicate++;
        report.problems.push({ sheet, row: p.row, column: villageCol, code: 'DUPLICATE_IN_FILE', level: 'error', message: `与第 ${prev} 行是同一个村,本行未导入` });
        continue;
      }
      seen.set(place.code, p.row);
      const { county: _c, township: _t, village: _v, villageCode: _vc, collectiveIncome, ...figures } = p.values;
      out.profiles.push({ villageCode: place.code, countyCode: place.code.slice(0, 6), sourceRow: p.row, figuresJson: JSON.stringify(figures), collectiveIncomeFen: typeof collectiveIncome === 'number' ? collectiveIncome : null,
        ...keepOtherRow(NATIONAL_VILLAGE.columns, VILLAGE_KEYS, headerEntries(report), p.texts ?? [], p.values),
      });
    }
    c.add = out.profiles.length;
    report.placeNames = places.unmatched();
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
      rememberId(out.rowIds, p);
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
    const placeCache = new Map<string, PlaceNames>();
    const places = await new PlaceService(this.ctx).resolverFor(actor.scope, opts);
    await this.registryConflicts(actor, irows, verdicts, problems, sheet);
    const loadedVillages = new Map<string, boolean>();
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
      const village = await this.resolveVillage(places, v, head.row, report, problems);
      if (village.code === null) {
        rejectHousehold(idxs, village.problem, village.message, village.column);
        return;
      }
      // preview equals commit (issue 9 item 6): a well-formed code of a village not loaded would fail the registry's write of the whole file
      if (!(await this.villageLoaded(village.code, loadedVillages))) {
        rejectHousehold(idxs, 'VILLAGE_NOT_LOADED', `村级区划 ${village.code} 未载入区划表(可能已撤并或代码有误),本户未导入;请核对村级区划代码`, report.columns.find((x) => x.key === 'villageCode')?.name ?? '村级区划代码');
        return;
      }
      const members: PersonInput[] = rows.map((r) => {
        const pv = r.values;
        const birth = r.id!.birthDate!;
        if (typeof pv.birthDate === 'string' && pv.birthDate !== birth)
          problems.push({ sheet, row: r.row, column: '出生日期', code: 'AGE_ID_MISMATCH', level: 'warning', message: '出生日期列与身份证号中的出生日期不一致,以身份证号为准' });
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
    report.placeNames = places.unmatched();
    return { ...out, households };
  }

  /**
   * 12-digit village of a row through the place resolver (services/place.service.ts, rules in domain/places):
   * by code, else the full town + village path, else a remembered name mapping, else the default village.
   * A problem names the column it comes from; an old code mapped to the current one adds a warning.
   */
  private async resolveVillage(
    places: PlaceResolver, v: Record<string, Value>, row: number, report: ImportReport, warnings: IntakeProblem[] = report.problems,
  ): Promise<{ code: string; problem?: undefined } | { code: null; problem: string; message: string; column: string }> {
    const r = await places.resolve(v, row);
    const col = (key: string, zh: string) => report.columns.find((x) => x.key === key)?.name ?? zh;
    if (r.ok) {
      if (r.warning) warnings.push({ sheet: report.sheet, row, column: r.via === 'crosswalk' ? col('villageCode', '村级区划代码') : col('county', '县'), code: r.warning.code, level: 'warning', message: r.warning.message });
      return { code: r.code };
    }
    const column = typeof v.villageCode === 'string' && v.villageCode.trim() ? col('villageCode', '村级区划代码')
      : r.problem === 'TOWN_NOT_FOUND' || r.problem === 'AMBIGUOUS_TOWN' ? col('township', '乡')
      : r.problem === 'COUNTY_NOT_FOUND' || r.problem === 'COUNTY_MISSING' || (r.problem === 'VILLAGE_OPTION_DISAGREES' && !v.village) ? col('county', '县') : col('village', '村');
    return { code: null, problem: r.problem, message: r.message, column };
  }

  /**
   * Preview equals commit (issue 9 item 6): what the registry's write would refuse for the whole file is
   * found per household before the households are built, in the preview and the commit alike — a household
   * number used by a household outside the scope (HOUSEHOLD_NO_OUTSIDE_SCOPE), a member whose number is
   * registered in another household (PERSON_IN_OTHER_HOUSEHOLD). Every row of such a household is rejected.
   */
  private async registryConflicts(actor: Actor, irows: IntegrityRow[], verdicts: ReturnType<typeof checkIntegrity>, problems: IntakeProblem[], sheet: string): Promise<void> {
    const rowsOf = new Map<string, number[]>();
    irows.forEach((r, i) => {
      if (r.householdNo && verdicts[i]!.status === 'accepted' && r.id) rowsOf.set(r.householdNo, [...(rowsOf.get(r.householdNo) ?? []), i]);
    });
    if (!rowsOf.size) return;
    const repo = new HouseholdRepository(this.ctx.db);
    const existing = await repo.getByNos(NATIONAL_SCOPE, [...rowsOf.keys()]);
    const hashOf = new Map<number, string>();
    for (const idxs of rowsOf.values()) for (const i of idxs) hashOf.set(i, this.ctx.ids.hash(irows[i]!.id!));
    const owners = await repo.ownersOfIdHashes([...new Set(hashOf.values())]);
    for (const [no, idxs] of rowsOf) {
      const h = existing.get(no);
      const outside = h !== undefined && !inScope(actor.scope, h.villageCode);
      const elsewhere = idxs.filter((i) => {
        const o = owners.get(hashOf.get(i)!);
        return o !== undefined && o !== h?.id;
      });
      if (!outside && !elsewhere.length) continue;
      for (const i of idxs) {
        verdicts[i]!.status = 'rejected';
        const row = irows[i]!.row;
        if (outside) problems.push({ sheet, row, column: '户编号', code: 'HOUSEHOLD_NO_OUTSIDE_SCOPE', level: 'error', message: `户编号 ${no} 已被您管辖范围以外的农户使用,本户未导入` });
        else if (elsewhere.includes(i)) problems.push({ sheet, row, column: '身份证号', code: 'PERSON_IN_OTHER_HOUSEHOLD', level: 'error', message: '此身份证号已在其他户登记(同一人不能属于两户),本户未导入' });
        else problems.push({ sheet, row, column: null, code: 'HOUSEHOLD_INVALID', level: 'error', message: '本户有成员已在其他户登记,整户未导入' });
      }
    }
  }

  /** Whether a 12-digit code is a village of the loaded division table (the registry's own check), cached per import. */
  private async villageLoaded(code: string, cache: Map<string, boolean>): Promise<boolean> {
    let hit = cache.get(code);
    if (hit === undefined) {
      hit = (await new RegionRepository(this.ctx.db).getMany([code])).some((r) => r.level === 'village');
      cache.set(code, hit);
    }
    return hit;
  }

  /**
   * Department list → matches and clue drafts. A row is matched by its own ID number (the lookup hash,
   * or the exchange hash); then (issue 9):
   * - item 2: a listed name that is not the registered name (domain/person-name.ts: separator look-alikes
   *   and full/half width count as the same) holds the row as NAME_MISMATCH, with no clue; the registry's
   *   spelling is never changed;
   * - item 3: a guardian's ID number (student lists) links the guardian (department_record.guardian_person_id);
   *   rows of different students with one guardian are not duplicates;
   * - item 4: a 15-digit number is upgraded (the masked 18-digit form and the masked raw value are shown in
   *   the problem and the clue); a number whose first 17 digits are those of a registered number, where one
   *   of the two fails its check character, is held as POSSIBLE_MATCH for manual review, never linked.
   */
  private async planList(actor: Actor, t: ImportTemplate, parsed: ParsedRow[], report: ImportReport, out: Analysis): Promise<Analysis> {
    const sheet = report.sheet;
    const onePerPerson = t.kind !== 'medical' && t.kind !== 'disaster';
    const problems: IntakeProblem[] = [];
    const seen = new Map<string, number>();
    const usable: { p: ParsedRow; key: string; kind: 'lookup' | 'exchange' }[] = [];
    const c = report.counts;
    const idCol = report.columns.find((x) => x.key === 'idNumber')?.name ?? '身份证号';
    // never stored in list facts or held values: ID numbers (own, guardian's) and their hashes
    const strip = ({ idNumber: _i, idHash: _h, guardianIdNumber: _g, ...rest }: Record<string, Value>) => rest;
    const hold = (p: ParsedRow, codes: string[]) => {
      c.hold++;
      const { name: _n, ...values } = strip(p.values);
      out.held.push({ row: p.row, householdNo: null, name: (p.values.name as string | null) ?? null, id: p.id?.id ?? null, reasons: codes, values });
    };
    const checkFailed: ParsedRow[] = [];
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
        if (p.id?.errors.includes('ID_BAD_CHECKSUM')) checkFailed.push(p);
        else hold(p, p.problems.filter((x) => x.level === 'hold').map((x) => x.code));
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
    // item 4: numbers that share their first 17 digits with a registered number, one of the two failing its check character
    const near = [...checkFailed, ...usable.filter((u) => u.kind === 'lookup' && !byLookup.has(this.ctx.ids.hash(u.key))).map((u) => u.p)];
    const variants = (id: string) => [...'0123456789X'].map((ch) => id.slice(0, 17) + ch).filter((v) => v !== id);
    const nearHits = await repo.personsByHashAnyStatus(actor.scope, [...new Set(near.flatMap((p) => variants(p.id!.id!).map((v) => this.ctx.ids.hash(v))))]);
    const nearOf = (p: ParsedRow) => variants(p.id!.id!).map((v) => nearHits.get(this.ctx.ids.hash(v))).find((x) => x !== undefined && (x.idStatus !== 'valid' || p.id!.status !== 'accepted'));
    for (const p of checkFailed) {
      if (nearOf(p)) {
        hold(p, ['ID_BAD_CHECKSUM', 'POSSIBLE_MATCH']);
        problems.push({ sheet, row: p.row, column: idCol, code: 'POSSIBLE_MATCH', level: 'hold', message: '身份证号前17位与一名登记人员相同,但校验位不符:可能是同一人,请人工核实,系统不会自动关联' });
      } else hold(p, ['ID_BAD_CHECKSUM']);
    }
    const guardianHashes = [...new Set(usable.map((u) => u.p.values.guardianIdNumber).filter((g): g is string => typeof g === 'string').map((g) => this.ctx.ids.hash(g)))];
    const guardians = guardianHashes.length ? await repo.personsByHash(actor.scope, guardianHashes) : new Map<string, MatchedPerson>();
    const perPerson = new Map<number, { person: MatchedPerson; rows: number[]; values: Record<string, Value>[]; legacy: { upgraded: string; raw: string } | null }>();
    for (const u of usable) {
      const person = u.kind === 'lookup' ? byLookup.get(this.ctx.ids.hash(u.key)) : byExchange.get(u.key);
      const listed = typeof u.p.values.name === 'string' ? u.p.values.name : null;
      if (person && listed !== null && !sameName(listed, person.name)) {
        hold(u.p, ['NAME_MISMATCH']);
        problems.push({ sheet, row: u.p.row, column: report.columns.find((x) => x.key === 'name')?.name ?? '姓名', code: 'NAME_MISMATCH', level: 'hold', message: '身份证号与登记人员相同,但名单上的姓名与登记姓名不一致:已暂存待核实,不产生线索,登记姓名不变' });
        continue;
      }
      if (!person && u.kind === 'lookup') {
        const n = nearOf(u.p);
        if (n) {
          hold(u.p, ['POSSIBLE_MATCH']);
          problems.push({ sheet, row: u.p.row, column: idCol, code: 'POSSIBLE_MATCH', level: 'hold', message: '身份证号前17位与一名登记人员相同(登记号码校验位不符):可能是同一人,请人工核实,系统不会自动关联' });
          continue;
        }
      }
      c.add++;
      // the guardian, by the guardian's ID number, when the names agree
      let guardianPersonId: number | null = null;
      const gid = u.p.values.guardianIdNumber;
      if (typeof gid === 'string') {
        const g = guardians.get(this.ctx.ids.hash(gid));
        const gname = typeof u.p.values.guardianName === 'string' ? u.p.values.guardianName : null;
        const gcol = report.columns.find((x) => x.key === 'guardianIdNumber')?.name ?? '监护人身份证号';
        if (!g) problems.push({ sheet, row: u.p.row, column: gcol, code: 'GUARDIAN_NOT_IN_REGISTRY', level: 'warning', message: '登记中(您的管辖范围内)没有此监护人身份证号的人员,监护人未关联' });
        else if (gname !== null && !sameName(gname, g.name)) problems.push({ sheet, row: u.p.row, column: gcol, code: 'NAME_MISMATCH', level: 'warning', message: '监护人身份证号与登记人员相同,但姓名不一致:监护人未关联,请核实' });
        else guardianPersonId = g.personId;
      }
      // no ID number is stored; a person who does not match the registry is kept without the name either
      const { name: _n, ...facts } = strip(u.p.values);
      out.records.push({ row: u.p.row, personId: person?.personId ?? null, householdId: person?.householdId ?? null, countyCode: person?.countyCode ?? null, guardianPersonId, facts: person ? { name: u.p.values.name ?? null, ...facts } : facts });
      if (!person) continue;
      c.matched++;
      const legacy = u.p.id?.warnings.includes('ID_LEGACY_15') ? { upgraded: maskIdNumber(u.p.id.id!), raw: maskIdNumber(normalizeIdNumber(u.p.id.raw).value) } : null;
      const g = perPerson.get(person.personId);
      if (g) {
        g.rows.push(u.p.row);
        g.values.push(u.p.values);
        g.legacy ??= legacy;
      } else perPerson.set(person.personId, { person, rows: [u.p.row], values: [u.p.values], legacy });
    }
    const facts = await repo.facts([...new Set([...perPerson.values()].map((g) => g.person.householdId))], this.ctx.config.defaultYear);
    const asOf = today(this.ctx.clock);
    for (const g of perPerson.values()) {
      const f = facts.get(g.person.householdId);
      const list: ListFacts = { kind: t.kind, rows: g.rows, values: g.values };
      out.matches.push({ person: g.person, list });
      for (const found of cluesFor(list, { ...g.person, netIncomeFen: f?.netIncomeFen ?? null, perCapitaNetIncomeFen: f?.perCapitaNetIncomeFen ?? null }, asOf)) {
        // a 15-digit number: the clue shows the upgraded number and the raw value, both masked
        const draft = g.legacy ? { ...found, facts: { ...found.facts, legacyIdNumber: g.legacy }, summary: `${found.summary}(名单为15位旧身份证号 ${g.legacy.raw},已升位为 ${g.legacy.upgraded})` } : found;
        out.drafts.push({ person: g.person, row: g.rows[0]!, draft });
        report.clues.push({ row: g.rows[0]!, ruleId: draft.ruleId, riskType: draft.riskType, summary: draft.summary });
      }
    }
    c.clues = out.drafts.length;
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
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

/** The county a user's value maps are remembered for: the first 6 digits of the region, '' for a province or the nation. */
const countyOf = (actor: Actor) => (actor.scope.regionCode && actor.scope.regionCode.length >= 6 ? actor.scope.regionCode.slice(0, 6) : '');

/** Options whose mapping names template fields by key (a field may be given by its Chinese name: CLI --map 人员名称=姓名). */
function withFieldKeys(opts: ImportOptions): ImportOptions {
  if (!opts.mapping) return opts;
  const t = templateOf(opts.kind);
  return { ...opts, mapping: Object.fromEntries(Object.entries(opts.mapping).map(([col, k]) => [col, t.columns.find((c) => c.key === k || c.zh === k)?.key ?? k])) };
}

/** Two value maps, the second's entries winning. */
function mergeValueMaps(a: ValueMap, b: ValueMap): ValueMap {
  const out: ValueMap = {};
  for (const m of [a, b]) for (const [k, e] of Object.entries(m)) out[k] = { ...(out[k] ?? {}), ...e };
  return out;
}

/** Keeps a parsed row's ID number (the 18-character form, else the normalised cell) by row, for its problems. */
function rememberId(ids: Map<number, string>, p: ParsedRow): void {
  const id = p.id?.id ?? (p.id ? normalizeIdNumber(p.id.raw).value : '');
  if (id) ids.set(p.row, id);
}

/** True when an error is an AppError of intake (bad_file). */
export const isIntakeError = (e: unknown) => e instanceof AppError && e.code === 'bad_file';


/**
 * The registry inside the scope in the national person layout （自定义）监测对象信息, for moving data between
 * installations: NationalExportService.exportTable (spellings as imported, full ID numbers behind the
 * gate of services/full-id-export.ts: idNumber.reveal + personal.export + a reason, refusals recorded).
 * @throws forbidden (recorded) without the permissions or the reason
 */
export async function exportNationalLayout(ctx: ServiceContext, actor: Actor, path: string, opts: { year?: number; reason?: string } = {}): Promise<{ households: number; persons: number }> {
  const r = await new NationalExportService(ctx).exportTable(actor, 'national-person', path, opts);
  return { households: r.households ?? 0, persons: r.rows };
}
