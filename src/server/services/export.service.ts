/**
 * Exports of personal data (《个人信息保护法》第五十一条; issue 5): the household list with the list's
 * filters, inside the caller's region (an empty filter means the caller's scope, C19), needs the
 * personal.export permission, masks names by default (full names only when asked for AND the caller
 * has personal.view; ID numbers are never in this export), carries the exporting user and time in the file (presenters/export.ts), and is audited
 * as `export` with its row count. The same rules hold for the person list (ID numbers only in their
 * masked form, health status withheld without personal.view) and the risk-clue queue (health details
 * withheld without personal.view, presenters/intake.presenter.ts). CSV exports take an encoding: UTF-8
 * (default), GBK (refused with the cells it cannot hold, C07) or GB18030.
 */
import { beijingStamp } from '../../shared/time';
import type { HouseholdListItem } from '../../shared/api';
import type { RiskClueDto } from '../../shared/intake';
import { HEALTH_STATUS_ZH, HOUSEHOLD_TYPE_ZH, LABOUR_SKILL_ZH, MONITORED_CATEGORY_ZH, RELATION_TO_HEAD_ZH, RISK_TYPE_ZH, SCHOOL_STAGE_ZH, SEX_ZH } from '../../shared/enums';
import { HouseholdRepository } from '../repositories/household.repository';
import { narrow } from '../repositories/scope';
import { IntakeService } from './intake.service';
import type { HouseholdListQuery } from '../../shared/queries';
import { hasPermission } from '../domain/permissions';
import { forbidden, validationError } from '../errors';
import { csvContentType, toCsv, toXlsx, type CsvEncoding, type ExportColumn } from '../presenters/export';
import { maskHouseholdPage } from '../presenters/personal-data.presenter';
import { createHash } from 'node:crypto';
import { maskBirthDate, maskName } from '../domain/masking';
import type { Actor } from './actor';
import { AuditService } from './audit.service';
import { requireFullIdExport } from './full-id-export';
import { nowIso, type ServiceContext } from './context';
import { HouseholdService } from './household.service';

/** Largest export in rows (a larger one must be narrowed by filters); chosen here. */
export const MAX_EXPORT_ROWS = 200_000;

/** Columns of the household export. Money in yuan (fen / 100) as numbers. */
export const HOUSEHOLD_EXPORT_COLUMNS: ExportColumn<HouseholdListItem>[] = [
  { header: '户编号', kind: 'id', value: (h) => h.householdNo },
  { header: '县', kind: 'text', value: (h) => h.countyName },
  { header: '乡镇', kind: 'text', value: (h) => h.townshipName },
  { header: '村', kind: 'text', value: (h) => h.villageName },
  { header: '村级区划代码', kind: 'id', value: (h) => h.villageCode },
  { header: '户主姓名', kind: 'text', value: (h) => h.headName },
  { header: '户类型', kind: 'text', value: (h) => HOUSEHOLD_TYPE_ZH[h.householdType] },
  { header: '监测对象类别', kind: 'text', value: (h) => (h.monitoredCategory ? MONITORED_CATEGORY_ZH[h.monitoredCategory] : '') },
  { header: '家庭人口', kind: 'number', value: (h) => h.memberCount },
  { header: '人均纯收入(元)', kind: 'number', value: (h) => (h.perCapitaNetIncomeFen === null ? null : h.perCapitaNetIncomeFen / 100) },
  { header: '预警规则', kind: 'text', value: (h) => h.flaggedRules.join(',') },
];

/** A row of the person export, as the caller may see it. */
export interface PersonExportRow {
  householdNo: string;
  villageCode: string;
  name: string;
  idMasked: string;
  relationToHead: string;
  sex: string;
  birthDate: string;
  /** null when withheld (no personal.view) */
  healthStatus: string | null;
  labourSkill: string;
  schoolStage: string;
}

const zh = (m: Record<string, string>, k: string | null) => (k === null ? null : (m[k] ?? k));

const PERSON_EXPORT_TAIL: ExportColumn<PersonExportRow>[] = [
  { header: '健康状况', kind: 'text', value: (p) => (p.healthStatus === null ? '(无权查看)' : zh(HEALTH_STATUS_ZH, p.healthStatus)) },
  { header: '劳动技能', kind: 'text', value: (p) => zh(LABOUR_SKILL_ZH, p.labourSkill) },
  { header: '在校生状况', kind: 'text', value: (p) => zh(SCHOOL_STAGE_ZH, p.schoolStage) },
];

/**
 * Columns of the person export. Masked (default): the ID number by THE mask rule and the birth year only
 * beside it (domain/masking.ts); full (idNumber.reveal + personal.export + a reason): the number and the
 * date in full. `idMasked` then holds the full number (filled by ExportService.persons).
 */
export function personExportColumns(full: boolean): ExportColumn<PersonExportRow>[] {
  return [
    { header: '户编号', kind: 'id', value: (p) => p.householdNo },
    { header: '村级区划代码', kind: 'id', value: (p) => p.villageCode },
    { header: '姓名', kind: 'text', value: (p) => p.name },
    { header: full ? '证件号码' : '证件号码(脱敏)', kind: 'id', value: (p) => p.idMasked },
    { header: '与户主关系', kind: 'text', value: (p) => zh(RELATION_TO_HEAD_ZH, p.relationToHead) },
    { header: '性别', kind: 'text', value: (p) => zh(SEX_ZH, p.sex) },
    { header: full ? '出生日期' : '出生年份', kind: 'text', value: (p) => (full ? p.birthDate : maskBirthDate(p.birthDate)) },
    ...PERSON_EXPORT_TAIL,
  ];
}


/** Columns of the risk-clue export (the queue as the caller sees it). */
export const CLUE_EXPORT_COLUMNS: ExportColumn<RiskClueDto>[] = [
  { header: '线索编号', kind: 'number', value: (c) => c.id },
  { header: '村级区划代码', kind: 'id', value: (c) => c.villageCode },
  { header: '来源部门', kind: 'text', value: (c) => c.sourceDepartment },
  { header: '名单类型', kind: 'text', value: (c) => c.listKind },
  { header: '导入批次', kind: 'number', value: (c) => c.batchId },
  { header: '来源行', kind: 'number', value: (c) => c.sourceRow },
  { header: '规则', kind: 'text', value: (c) => c.ruleId },
  { header: '风险类型', kind: 'text', value: (c) => zh(RISK_TYPE_ZH, c.riskType) },
  { header: '线索摘要', kind: 'text', value: (c) => c.summary },
  { header: '状态', kind: 'text', value: (c) => ({ open: '待核实', verified: '已核实', dismissed: '已排除' })[c.status] ?? c.status },
  { header: '产生时间', kind: 'text', value: (c) => c.createdAt },
];

/** A produced export file. */
export interface ExportFile {
  body: Buffer;
  filename: string;
  contentType: string;
  rows: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class ExportService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The household list as CSV or XLSX.
   * `opts.fullNames`: names unmasked (needs personal.view as well).
   * @throws forbidden without personal.export (or personal.view for full names); validation_error above MAX_EXPORT_ROWS rows;
   *   unknown_region as the list
   */
  async households(actor: Actor, q: HouseholdListQuery, format: 'csv' | 'xlsx', opts: { fullNames?: boolean; encoding?: CsvEncoding } = {}): Promise<ExportFile> {
    if (!hasPermission(actor.roles, 'personal.export')) throw forbidden('没有导出个人信息的权限');
    if (opts.fullNames && !hasPermission(actor.roles, 'personal.view')) throw forbidden('没有查看完整姓名的权限');
    const list = new HouseholdService(this.ctx);
    const rows: HouseholdListItem[] = [];
    let cursor: string | undefined;
    for (;;) {
      const raw = await list.list(actor.scope, { ...q, cursor, limit: 200 });
      const page = opts.fullNames ? maskHouseholdPage(actor, raw) : { ...raw, items: raw.items.map((i) => ({ ...i, headName: maskName(i.headName) })) };
      rows.push(...page.items);
      if (rows.length > MAX_EXPORT_ROWS) throw validationError([{ field: 'region', message: `导出超过 ${MAX_EXPORT_ROWS} 行,请按区域或条件缩小范围` }]);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const filters = Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'cursor' && k !== 'limit' && k !== 'q'));
    return this.finish(actor, { title: '农户名单', target: 'household_list', file: 'households', region: q.region, columns: HOUSEHOLD_EXPORT_COLUMNS, rows, format, encoding: opts.encoding, filters, details: { names: opts.fullNames ? 'full' : 'masked' } });
  }

  /**
   * The persons of the caller's region (or of `region` inside it; a region outside gives an empty file)
   * as CSV or XLSX, one row per person ordered by household: ID numbers masked (never in full), names
   * masked unless `fullNames` (needs personal.view), health status withheld without personal.view.
   * Audited as `export` of `person_list` with the row count.
   * @throws forbidden without personal.export (or personal.view for full names); validation_error above
   *   MAX_EXPORT_ROWS rows, or for GBK with the names it cannot encode (see toCsv)
   */
  async persons(actor: Actor, q: { region?: string }, format: 'csv' | 'xlsx', opts: { fullNames?: boolean; encoding?: CsvEncoding; idNumbers?: 'masked' | 'full'; reason?: string } = {}): Promise<ExportFile> {
    const full = opts.idNumbers === 'full';
    // issue 9 item 10: full ID numbers only with idNumber.reveal + personal.export + a reason; a refusal is recorded
    const reason = full ? await requireFullIdExport(this.ctx, actor, opts.reason, { targetType: 'person_list', targetId: q.region ?? actor.regionCode, details: { format, filters: { region: q.region ?? null } } }) : null;
    if (!hasPermission(actor.roles, 'personal.export')) throw forbidden('没有导出个人信息的权限');
    const sees = hasPermission(actor.roles, 'personal.view');
    if (opts.fullNames && !sees) throw forbidden('没有查看完整姓名的权限');
    const scope = narrow(actor.scope, q.region);
    const rows: PersonExportRow[] = [];
    let after = 0;
    while (scope) {
      const page = await new HouseholdRepository(this.ctx.db).personExportPage(scope, after, 2000, full);
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      for (const { id: _id, idCipher, ...p } of page as ((typeof page)[number] & { idCipher?: string })[]) {
        rows.push({ ...p, idMasked: full && idCipher ? this.ctx.ids.decrypt(idCipher) : p.idMasked, name: opts.fullNames ? p.name : maskName(p.name), healthStatus: sees ? p.healthStatus : null });
      }
      if (rows.length > MAX_EXPORT_ROWS) throw validationError([{ field: 'region', message: `导出超过 ${MAX_EXPORT_ROWS} 行,请按区域缩小范围` }]);
    }
    rows.sort((a, b) => (a.householdNo < b.householdNo ? -1 : a.householdNo > b.householdNo ? 1 : 0));
    return this.finish(actor, {
      title: '人员名单', target: 'person_list', file: 'persons', region: q.region, columns: personExportColumns(full), rows, format, encoding: opts.encoding,
      filters: { region: q.region ?? null }, idNumbers: full ? 'full' : 'masked', reason, details: { names: opts.fullNames ? 'full' : 'masked' },
    });
  }

  /**
   * The risk-clue queue of the caller's region (optionally of one status) as CSV or XLSX, newest first;
   * health details withheld without personal.view. Audited as `export` of `risk_clue_list` with the row count.
   * @throws forbidden without personal.export; validation_error above MAX_EXPORT_ROWS rows or for GBK (see toCsv)
   */
  async clues(actor: Actor, q: { status?: 'open' | 'verified' | 'dismissed' }, format: 'csv' | 'xlsx', opts: { encoding?: CsvEncoding } = {}): Promise<ExportFile> {
    if (!hasPermission(actor.roles, 'personal.export')) throw forbidden('没有导出个人信息的权限');
    const svc = new IntakeService(this.ctx);
    const rows: RiskClueDto[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await svc.clues(actor, { status: q.status, limit: 1000, beforeId });
      rows.push(...page);
      if (rows.length > MAX_EXPORT_ROWS) throw validationError([{ field: 'status', message: `导出超过 ${MAX_EXPORT_ROWS} 行` }]);
      if (page.length < 1000) break;
      beforeId = page[page.length - 1]!.id;
    }
    return this.finish(actor, { title: '风险线索', target: 'risk_clue_list', file: 'clues', columns: CLUE_EXPORT_COLUMNS, rows, format, encoding: opts.encoding, filters: { status: q.status ?? null }, details: {} });
  }

  /**
   * Writes the file (user and time inside, see presenters/export.ts), audits it and names it. The audit
   * record (issue 9 item 10) carries the user and time (of the event), the scope (the user's region and
   * the region asked for), the filters, the row count, masked or full ID numbers, the reason of a full
   * export, and the SHA-256 (hex) of the exact bytes sent. Public: the 监测评价 exports use it too.
   */
  async finish<T>(actor: Actor, o: { title: string; target: string; file: string; region?: string; columns: ExportColumn<T>[]; rows: T[]; format: 'csv' | 'xlsx'; encoding?: CsvEncoding; filters?: Record<string, unknown>; idNumbers?: 'masked' | 'full'; reason?: string | null; details: Record<string, unknown> }): Promise<ExportFile> {
    const at = nowIso(this.ctx.clock);
    const meta = { title: o.title, exportedBy: actor.username, at };
    const body = o.format === 'csv' ? toCsv(o.columns, o.rows, meta, o.encoding) : await toXlsx(o.columns, o.rows, meta);
    await new AuditService(this.ctx).record(actor, {
      action: 'export', targetType: o.target, targetId: o.region ?? actor.regionCode, outcome: 'ok',
      details: {
        format: o.format, rows: o.rows.length, encoding: o.format === 'csv' ? (o.encoding ?? 'utf-8') : undefined, scope: actor.regionCode, filters: o.filters,
        idNumbers: o.idNumbers ?? 'masked', reason: o.reason ?? null, sha256: createHash('sha256').update(body).digest('hex'), ...o.details,
      },
    });
    return { body, rows: o.rows.length, filename: exportFileName(o.file, o.region ?? actor.regionCode, at, o.format), contentType: o.format === 'csv' ? csvContentType(o.encoding) : XLSX_TYPE };
  }
}

/**
 * The file name of an export: what, the region exported (the filter's region, else the user's, else
 * `national`) and the time in Beijing time, e.g. `households-522633-20260315180000.csv` (issue 16: an
 * export from a county's list was named `households-national-…`).
 */
export function exportFileName(what: string, region: string | null | undefined, at: string, ext: string): string {
  return `${what}-${region || 'national'}-${beijingStamp(at)}.${ext}`;
}
