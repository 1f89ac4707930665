/**
 * Exports of personal data (《个人信息保护法》第五十一条; issue 5): the household list with the list's
 * filters, inside the caller's region (an empty filter means the caller's scope, C19), needs the
 * personal.export permission, masks names by default (full names only when asked for AND the caller
 * has personal.view; ID numbers are never in this export), carries the exporting user and time in the file (presenters/export.ts), and is audited
 * as `export` with its row count.
 */
import type { HouseholdListItem } from '../../shared/api';
import { HOUSEHOLD_TYPE_ZH, MONITORED_CATEGORY_ZH } from '../../shared/enums';
import type { HouseholdListQuery } from '../../shared/queries';
import { hasPermission } from '../domain/permissions';
import { forbidden, validationError } from '../errors';
import { toCsv, toXlsx, type ExportColumn } from '../presenters/export';
import { maskHouseholdPage } from '../presenters/personal-data.presenter';
import { maskName } from '../domain/masking';
import type { Actor } from './actor';
import { AuditService } from './audit.service';
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

export class ExportService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The household list as CSV or XLSX.
   * `opts.fullNames`: names unmasked (needs personal.view as well).
   * @throws forbidden without personal.export (or personal.view for full names); validation_error above MAX_EXPORT_ROWS rows;
   *   unknown_region as the list
   */
  async households(actor: Actor, q: HouseholdListQuery, format: 'csv' | 'xlsx', opts: { fullNames?: boolean } = {}): Promise<{ body: Buffer; filename: string; contentType: string; rows: number }> {
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
    const at = nowIso(this.ctx.clock);
    const meta = { title: '农户名单', exportedBy: actor.username, at };
    const body = format === 'csv' ? toCsv(HOUSEHOLD_EXPORT_COLUMNS, rows, meta) : await toXlsx(HOUSEHOLD_EXPORT_COLUMNS, rows, meta);
    await new AuditService(this.ctx).record(actor, {
      action: 'export', targetType: 'household_list', targetId: q.region ?? actor.regionCode, outcome: 'ok',
      details: { format, rows: rows.length, names: opts.fullNames ? 'full' : 'masked', filters: Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'cursor' && k !== 'limit' && k !== 'q')) },
    });
    const stamp = at.slice(0, 19).replace(/[-:T]/g, '');
    return {
      body, rows: rows.length, filename: `households-${actor.regionCode ?? 'national'}-${stamp}.${format}`,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
}
