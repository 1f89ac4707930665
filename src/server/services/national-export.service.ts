/**
 * Export of the registry in the national system's layouts (issue 8 item 4): the five tables
 * （自定义）监测对象信息, （乡村建设）户信息, （务工月监测）已外出务工信息, 计划外出务工信息 and （自定义）行政村信息, each
 * as an .xlsx named like the national system's file (`<table>.xlsx`), its title and the exporting unit and
 * time above, the header on row 3 in the column order of the latest import of the table (the template's
 * order when none), and every value spelled as it was imported (intake/national/layout.ts): a county's
 * file → import → export gives the same rows. Values changed in the product since are written in the
 * vocabulary's preferred spelling; columns the product does not know come back as they came.
 *
 * Rows: persons in the order of their last import (then the others by household number); 户信息 one row
 * per household; work spells and plans every stored row, in import order; village profiles the current
 * one of each village. Full ID numbers (and 残疾人证 numbers, phones) are in the files: the caller needs
 * idNumber.reveal, personal.export and a reason (services/full-id-export.ts; a refusal is recorded), and
 * every file is audited with its scope, row counts, the reason and its SHA-256.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomeData } from '../../shared/registry';
import { validationError } from '../errors';
import { requireFullIdExport } from './full-id-export';
import { fileDigest } from './intake.service';
import { personRowValues, renderRow, rowCells, SPELL_KEYS, VILLAGE_KEYS, type HeaderEntry, type HouseholdModel, type PersonModel, type PlaceNames, type RowKeep } from '../intake/national/layout';
import { NATIONAL_PERSON } from '../intake/templates/national';
import { NATIONAL_HOUSEHOLD, NATIONAL_VILLAGE, NATIONAL_WORK_PLAN, NATIONAL_WORK_SPELL } from '../intake/templates/national-other';
import type { ImportTemplate } from '../intake/templates/template';
import type { Value } from '../intake/rows';
import { writeXlsx } from '../presenters/export';
import { AuditRepository } from '../repositories/audit.repository';
import { HouseholdRepository, type HouseholdRow } from '../repositories/household.repository';
import { MeasureRepository, type MeasureRow } from '../repositories/measure.repository';
import { NationalRepository } from '../repositories/national.repository';
import { RegionRepository } from '../repositories/region.repository';
import type { PersonTable } from '../db/schema';
import type { Actor } from './actor';
import { nowIso, type ServiceContext } from './context';

/** The five national tables, in the order the system lists them, by import kind. */
export const NATIONAL_TABLES: readonly ImportTemplate[] = [NATIONAL_PERSON, NATIONAL_HOUSEHOLD, NATIONAL_WORK_SPELL, NATIONAL_WORK_PLAN, NATIONAL_VILLAGE];
/** Kinds of the national tables. */
export type NationalKind = 'national-person' | 'national-household' | 'national-work' | 'national-work-plan' | 'national-village';

/** What an export wrote. */
export interface NationalExportResult {
  kind: string;
  fileName: string;
  path: string;
  rows: number;
  /** the person table: how many households its rows belong to */
  households?: number;
}

type Cell = string | number | null;
const nbool = (v: number | null) => (v === null || v === undefined ? null : Number(v) === 1);
const num = (v: number | string | null) => (v === null || v === undefined ? null : Number(v));

/** The file name the national system gives a table's export. */
export const nationalFileName = (t: ImportTemplate) => `${t.zh}.xlsx`;

export class NationalExportService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Writes the five tables into `dir` (created when missing). Returns what each file holds.
   * @param opts.year income year of the person table's income columns for households without a recorded
   *   income year (default: the configured default year)
   * @throws forbidden without personal.export and idNumber.reveal
   */
  async exportAll(actor: Actor, dir: string, opts: { year?: number; reason?: string } = {}): Promise<NationalExportResult[]> {
    const reason = await this.authorise(actor, 'all', opts);
    await mkdir(dir, { recursive: true });
    const out: NationalExportResult[] = [];
    for (const t of NATIONAL_TABLES) out.push(await this.write(actor, t, join(dir, nationalFileName(t)), opts.year, reason));
    return out;
  }

  /**
   * Writes one table to `path` (.xlsx).
   * @throws validation_error for a kind that is not a national table; forbidden as exportAll
   */
  async exportTable(actor: Actor, kind: string, path: string, opts: { year?: number; reason?: string } = {}): Promise<NationalExportResult> {
    const t = NATIONAL_TABLES.find((x) => x.kind === kind);
    if (!t) throw validationError([{ field: 'kind', message: `“${kind}”不是全国系统的表,可选:${NATIONAL_TABLES.map((x) => `${x.kind}(${x.zh})`).join('、')}` }]);
    return this.write(actor, t, path, opts.year, await this.authorise(actor, kind, opts));
  }

  private async write(actor: Actor, t: ImportTemplate, path: string, year: number | undefined, reason: string): Promise<NationalExportResult> {
    const kind = t.kind;
    const opts = { year };
    const header = await this.header(actor, t);
    const rows =
      kind === 'national-person' ? await this.personRows(actor, header, opts.year ?? this.ctx.config.defaultYear)
      : kind === 'national-household' ? await this.householdRows(actor, header)
      : kind === 'national-village' ? await this.villageRows(actor, header)
      : await this.spellRows(actor, t, header);
    const numeric = header.map(([, key]) => {
      const c = key ? t.columns.find((x) => x.key === key) : undefined;
      return c?.type === 'money' || c?.type === 'int' || c?.type === 'decimal';
    });
    const cells: Cell[][] = rows.map((r) => r.map((v, i) => (v === '' ? null : numeric[i] && String(Number(v)) === v ? Number(v) : v)));
    const at = nowIso(this.ctx.clock);
    await writeXlsx(path, [{
      name: t.sheetName, titleRows: [t.zh, `导出单位:${actor.regionCode ?? '全国'}        导出时间:${at.slice(0, 10)}`], header: header.map(([n]) => n), rows: cells,
      textColumns: numeric.flatMap((n, i) => (n ? [] : [i])),
    }]);
    const households = kind === 'national-person' ? new Set(rows.map((r) => r[header.findIndex(([, k]) => k === 'householdNo')])).size : undefined;
    const { sha256 } = await fileDigest(path);
    await this.ctx.db.transaction().execute((trx) =>
      new AuditRepository(trx).append({
        at, actor: actor.username, action: 'export', targetType: 'household', targetId: null, regionCode: actor.scope.regionCode, outcome: 'ok',
        details: JSON.stringify({ layout: kind, scope: actor.scope.regionCode, filters: { year: year ?? null }, households, rows: cells.length, idNumbers: 'full', reason, sha256 }),
      }),
    );
    return { kind, fileName: nationalFileName(t), path, rows: cells.length, ...(households === undefined ? {} : { households }) };
  }

  /** The gate of full ID numbers (services/full-id-export.ts): returns the reason. @throws forbidden (recorded) */
  private authorise(actor: Actor, layout: string, opts: { year?: number; reason?: string }): Promise<string> {
    return requireFullIdExport(this.ctx, actor, opts.reason, { targetType: 'household', targetId: actor.scope.regionCode, details: { layout, filters: { year: opts.year ?? null } } });
  }

  /** The header of the latest import of the table inside the scope, or the template's columns. */
  private async header(actor: Actor, t: ImportTemplate): Promise<HeaderEntry[]> {
    const json = await new NationalRepository(this.ctx.db).latestHeader(actor.scope, t.kind);
    if (json) return JSON.parse(json) as HeaderEntry[];
    return t.columns.filter((c) => !c.ignored && !(t.kind === 'national-person' && c.key === 'businessExpenses')).map((c) => [c.zh, c.key]);
  }

  private clear = (c: string | null | undefined) => (c ? this.ctx.ids.decrypt(c) : null);

  /** 县/乡/村 names of villages (from the region tree). */
  private async places(codes: readonly string[]): Promise<Map<string, PlaceNames>> {
    const all = [...new Set(codes.flatMap((c) => [c.slice(0, 6), c.slice(0, 9), c]))];
    const names = new Map<string, string>();
    for (let i = 0; i < all.length; i += 1000) for (const r of await new RegionRepository(this.ctx.db).getMany(all.slice(i, i + 1000))) names.set(r.code, r.name);
    return new Map(codes.map((c) => [c, { county: names.get(c.slice(0, 6)) ?? null, township: names.get(c.slice(0, 9)) ?? null, village: names.get(c) ?? null, villageCode: c }]));
  }

  /** Every household inside the scope, by pages, with `fn` called per page. */
  private async eachPage(actor: Actor, fn: (hs: HouseholdRow[]) => Promise<void>): Promise<void> {
    const repo = new HouseholdRepository(this.ctx.db);
    let after = 0;
    for (;;) {
      const ids = await repo.idsPage(actor.scope, after, 1000);
      if (!ids.length) break;
      after = ids[ids.length - 1]!;
      await fn(await repo.getMany(actor.scope, ids));
    }
  }

  private householdModel(h: HouseholdRow, measures: readonly MeasureRow[]): HouseholdModel {
    return {
      householdNo: h.householdNo, villageCode: h.villageCode, householdType: h.householdType as HouseholdModel['householdType'], monitoredCategory: h.monitoredCategory as HouseholdModel['monitoredCategory'],
      riskTypes: (h.riskTypes ? h.riskTypes.split(',') : []) as HouseholdModel['riskTypes'], identifiedMonth: h.identifiedMonth, riskEliminated: Number(h.riskEliminated) === 1,
      eliminationMode: h.eliminationMode as HouseholdModel['eliminationMode'], eliminatedMonth: h.eliminatedMonth, farmlandMu: Number(h.farmlandMu), forestMu: Number(h.forestMu),
      housingAreaM2: num(h.housingAreaM2), dangerousHouse: Number(h.dangerousHouse) === 1, distanceToRoadKm: num(h.distanceToRoadKm), roadHardened: Number(h.roadHardened) === 1,
      electricity: Number(h.electricity) === 1, safeDrinkingWater: Number(h.safeDrinkingWater) === 1, sanitaryToilet: Number(h.sanitaryToilet) === 1,
      returnedFarmlandMu: num(h.returnedFarmlandMu), orchardMu: num(h.orchardMu), grasslandMu: num(h.grasslandMu), waterSurfaceMu: num(h.waterSurfaceMu),
      memberUninsured: nbool(h.memberUninsured), fullSupport: nbool(h.fullSupport), housingDamagedAfter: nbool(h.housingDamagedAfter), waterDamagedAfter: nbool(h.waterDamagedAfter),
      outOfSchoolAfter: nbool(h.outOfSchoolAfter), recordedPerCapitaIncomeFen: num(h.recordedPerCapitaIncomeFen), recordedIncomeYear: h.recordedIncomeYear,
      phone: this.clear(h.phoneCipher), collectorName: h.collectorName, collectorPhone: this.clear(h.collectorPhoneCipher), developmentalMeasures: h.developmentalMeasures,
      recordedMeasures: measures.map((m) => ({ kind: m.kind as HouseholdModel['recordedMeasures'][number]['kind'], subKind: m.subKind as HouseholdModel['recordedMeasures'][number]['subKind'], text: m.note })),
    };
  }

  private personModel(p: PersonTable): PersonModel {
    return {
      idNumber: this.ctx.ids.decrypt(p.idCipher), certificateNumber: this.clear(p.certCipher), idType: p.idType as PersonModel['idType'], name: p.name, relationToHead: p.relationToHead as PersonModel['relationToHead'],
      sex: p.sex, birthDate: p.birthDate, ethnicity: p.ethnicity, education: p.education as PersonModel['education'], schoolStage: p.schoolStage as PersonModel['schoolStage'],
      healthStatus: p.healthStatus as PersonModel['healthStatus'], disabilityGrade: p.disabilityGrade, labourSkill: p.labourSkill as PersonModel['labourSkill'], workPlace: p.workPlace,
      residentMedicalInsurance: Number(p.residentMedicalInsurance) === 1, employeeMedicalInsurance: Number(p.employeeMedicalInsurance) === 1, criticalIllnessInsurance: Number(p.criticalIllnessInsurance) === 1,
      medicalAssistance: Number(p.medicalAssistance) === 1, residentPension: Number(p.residentPension) === 1, employeePension: Number(p.employeePension) === 1, dibao: Number(p.dibao) === 1, tekun: Number(p.tekun) === 1,
      disabilityCategory: p.disabilityCategory, outOfSchool: nbool(p.outOfSchool), dropoutReason: p.dropoutReason, notEnrolledReason: p.notEnrolledReason, employmentChannel: p.employmentChannel,
      tekunSupportFen: num(p.tekunSupportFen), workMonths: num(p.workMonths), phone: this.clear(p.phoneCipher),
    };
  }

  /** （自定义）监测对象信息: one row per person, household fields repeated. */
  private async personRows(actor: Actor, header: HeaderEntry[], year: number): Promise<string[][]> {
    const out: { order: [number, number, string, number]; cells: string[] }[] = [];
    const repo = new HouseholdRepository(this.ctx.db);
    const nat = new NationalRepository(this.ctx.db);
    await this.eachPage(actor, async (hs) => {
      const ids = hs.map((h) => h.id);
      const persons = await repo.membersWithProtectedColumns(actor.scope, ids);
      const incomeOf = new Map((await repo.incomes(actor.scope, ids)).map((r) => [`${r.householdId}|${r.year}`, r]));
      const measures = await new MeasureRepository(this.ctx.db).nationalOf(ids);
      const places = await this.places(hs.map((h) => h.villageCode));
      const kept = new Map<string, { batchId: number; sourceRow: number; keep: RowKeep }>();
      for (const r of await nat.rowsOf(actor.scope, 'national-person', ids)) {
        const k = `${r.householdId}|${r.idHash}`;
        if (!kept.has(k)) kept.set(k, { batchId: r.batchId, sourceRow: r.sourceRow, keep: { spellings: JSON.parse(r.spellingsJson), extra: JSON.parse(r.extraJson) } });
      }
      const byH = new Map(hs.map((h) => [h.id, { h, model: this.householdModel(h, measures.get(h.id) ?? []) }]));
      for (const p of persons) {
        const { h, model } = byH.get(p.householdId)!;
        const y = h.recordedIncomeYear ?? year;
        const inc = incomeOf.get(`${h.id}|${y}`);
        const income: IncomeData | null = inc ? { year: y, wageFen: Number(inc.wageFen), businessIncomeFen: Number(inc.businessIncomeFen), businessExpensesFen: Number(inc.businessExpensesFen), propertyFen: Number(inc.propertyFen), transferFen: Number(inc.transferFen), compliantOutOfPocketFen: Number(inc.compliantOutOfPocketFen) } : null;
        const rendered = renderRow(NATIONAL_PERSON.columns, personRowValues(places.get(h.villageCode)!, model, this.personModel(p), income));
        const k = kept.get(`${h.id}|${p.idHash}`);
        out.push({ order: k ? [0, k.batchId, '', k.sourceRow] : [1, 0, h.householdNo, p.id], cells: rowCells(header, rendered, k?.keep) });
      }
    });
    return sortRows(out);
  }

  /** （乡村建设）户信息: one row per household. */
  private async householdRows(actor: Actor, header: HeaderEntry[]): Promise<string[][]> {
    const out: { order: [number, number, string, number]; cells: string[] }[] = [];
    const repo = new HouseholdRepository(this.ctx.db);
    const nat = new NationalRepository(this.ctx.db);
    const toilet = NATIONAL_HOUSEHOLD.columns.filter((c) => c.key === 'sanitaryToilet');
    await this.eachPage(actor, async (hs) => {
      const ids = hs.map((h) => h.id);
      const kept = new Map<number, { batchId: number; sourceRow: number; keep: RowKeep }>();
      for (const r of await nat.rowsOf(actor.scope, 'national-household', ids)) if (!kept.has(r.householdId!)) kept.set(r.householdId!, { batchId: r.batchId, sourceRow: r.sourceRow, keep: { spellings: JSON.parse(r.spellingsJson), extra: JSON.parse(r.extraJson) } });
      const places = await this.places(hs.map((h) => h.villageCode));
      const heads = new Map((await repo.membersWithProtectedColumns(actor.scope, ids)).filter((p) => p.relationToHead === 'head').map((p) => [p.householdId, p]));
      for (const h of hs) {
        const k = kept.get(h.id);
        const values: Record<string, Value> = { sanitaryToilet: Number(h.sanitaryToilet) === 1 };
        if (k) {
          out.push({ order: [0, k.batchId, '', k.sourceRow], cells: rowCells(header, renderRow(toilet, values), k.keep) });
          continue;
        }
        const pl = places.get(h.villageCode)!;
        const head = heads.get(h.id);
        const full = renderRow(NATIONAL_HOUSEHOLD.columns, { ...values, county: pl.county, township: pl.township, village: pl.village, householdNo: h.householdNo, idNumber: head ? this.clear(head.certCipher) ?? this.ctx.ids.decrypt(head.idCipher) : null, householdType: h.householdType });
        out.push({ order: [1, 0, h.householdNo, h.id], cells: rowCells(header, full, undefined) });
      }
    });
    return sortRows(out);
  }

  /** （务工月监测）已外出务工信息 / 计划外出务工信息: every stored row, in import order. */
  private async spellRows(actor: Actor, t: ImportTemplate, header: HeaderEntry[]): Promise<string[][]> {
    const nat = new NationalRepository(this.ctx.db);
    const spells = await nat.spells(actor.scope, t.kind === 'national-work-plan' ? 'workPlan' : 'workSpell');
    const persons = await nat.personsByHash(actor.scope, [...new Set(spells.map((s) => s.idHash))]);
    const stored = t.columns.filter((c) => SPELL_KEYS.has(c.key));
    const rows: string[][] = [];
    for (const s of spells) {
      const p = persons.get(s.idHash);
      if (!p) continue;
      const values: Record<string, Value> = {
        idNumber: this.clear(p.certCipher) ?? this.ctx.ids.decrypt(p.idCipher), working: nbool(s.working), startMonth: s.startMonth, endMonth: s.endMonth, workCounty: s.workCounty,
        monthlyWage: num(s.monthlyWageFen), channel: s.channel, industry: s.industry, employer: s.employer, transportSubsidy: num(s.transportSubsidyFen), serviceNeed: s.serviceNeed,
      };
      if (s.spellingsJson) {
        rows.push(rowCells(header, renderRow(stored, values), { spellings: JSON.parse(s.spellingsJson), extra: JSON.parse(s.extraJson ?? '{}') }));
        continue;
      }
      const pl = (await this.places([s.villageCode])).get(s.villageCode)!;
      rows.push(rowCells(header, renderRow(t.columns, { ...values, county: pl.county, township: pl.township, village: pl.village, householdNo: p.householdNo }), undefined));
    }
    return rows;
  }

  /** （自定义）行政村信息: the current profile of each village. */
  private async villageRows(actor: Actor, header: HeaderEntry[]): Promise<string[][]> {
    const profiles = await new NationalRepository(this.ctx.db).currentProfiles(actor.scope);
    const places = await this.places(profiles.map((v) => v.villageCode));
    const stored = NATIONAL_VILLAGE.columns.filter((c) => VILLAGE_KEYS.has(c.key));
    return profiles.map((v) => {
      const values: Record<string, Value> = { ...(JSON.parse(v.figuresJson) as Record<string, Value>), collectiveIncome: num(v.collectiveIncomeFen) };
      if (v.spellingsJson) return rowCells(header, renderRow(stored, values), { spellings: JSON.parse(v.spellingsJson), extra: JSON.parse(v.extraJson ?? '{}') });
      const pl = places.get(v.villageCode)!;
      return rowCells(header, renderRow(NATIONAL_VILLAGE.columns, { ...values, county: pl.county, township: pl.township, village: pl.village }), undefined);
    });
  }
}

/** Rows in their import order (batch, source row), then the rows never imported by household number and id. */
function sortRows(rows: { order: [number, number, string, number]; cells: string[] }[]): string[][] {
  rows.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2].localeCompare(b.order[2]) || a.order[3] - b.order[3]);
  return rows.map((r) => r.cells);
}
