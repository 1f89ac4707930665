/**
 * Exports of every table of the 监测评价 pages (issue 10 item 7), through the one export helper
 * (ExportService.finish: user and time in the file, formula injection neutralised, audited with the row
 * count). Aggregate tables need no permission beyond reading them; tables that list households (sample
 * households, what-if households, the households behind a reconciliation) need `personal.export`.
 */
import type { ExportColumn } from '../../presenters/export';
import type { CsvEncoding } from '../../presenters/export';
import { hasPermission } from '../../domain/permissions';
import { forbidden, validationError } from '../../errors';
import type { EVALUATION_EXPORT_TABLES } from '../../../shared/indicators';
import type { Actor } from '../actor';
import type { ServiceContext } from '../context';
import { ExportService, type ExportFile } from '../export.service';
import { IndicatorService } from '../indicators/indicator.service';
import { ReportingService } from '../indicators/reporting.service';
import { AnalysisService } from './analysis.service';
import { EvaluationService } from './evaluation.service';

type Table = (typeof EVALUATION_EXPORT_TABLES)[number];
/** The query of an export: the parameters of the table's page. */
export interface EvaluationExportQuery {
  format: 'csv' | 'xlsx';
  encoding?: CsvEncoding;
  set?: string;
  period?: string;
  region?: string;
  id?: number;
  county?: string;
  year?: number;
  thresholdYuan?: number;
  nearThresholdMarginPercent?: number;
  largeFallPercent?: number;
  medicalSpendingSharePercent?: number;
}

type Row = Record<string, string | number | null>;
const text = (header: string, key: string): ExportColumn<Row> => ({ header, kind: 'text', value: (r) => r[key] });
const num = (header: string, key: string): ExportColumn<Row> => ({ header, kind: 'number', value: (r) => r[key] });
const code = (header: string, key: string): ExportColumn<Row> => ({ header, kind: 'id', value: (r) => r[key] });

export class EvaluationExportService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The file of one table.
   * @throws validation_error naming the parameter a table needs and did not get; forbidden for household
   *   tables without personal.export; the errors of the table's service otherwise
   */
  async export(actor: Actor, table: Table, q: EvaluationExportQuery): Promise<ExportFile> {
    const need = <K extends keyof EvaluationExportQuery>(k: K): NonNullable<EvaluationExportQuery[K]> => {
      const v = q[k];
      if (v === undefined || v === null) throw validationError([{ field: k, message: `导出“${table}”须提供此参数` }]);
      return v as NonNullable<EvaluationExportQuery[K]>;
    };
    const personal = () => {
      if (!hasPermission(actor.roles, 'personal.export')) throw forbidden('导出农户名单须有导出个人信息的权限');
    };
    const ind = new IndicatorService(this.ctx);
    const built = await (async (): Promise<{ title: string; columns: ExportColumn<Row>[]; rows: Row[] }> => {
      switch (table) {
        case 'catalogue':
          return {
            title: '监测指标目录',
            columns: [text('指标集', 'set'), code('编号', 'id'), text('名称', 'name'), text('公式', 'formula'), text('单位', 'unit'), text('周期', 'period'), text('报告层级', 'levels'), text('方向', 'direction'), text('出处', 'source'), num('版本', 'version')],
            rows: ind.catalogue().sets.flatMap((s) => s.indicators.map((d) => ({ set: s.name, id: d.id, name: d.name, formula: d.formula, unit: d.unit, period: d.period, levels: d.levels.join('、'), direction: d.direction, source: d.source, version: d.version }))),
          };
        case 'values':
        case 'snapshot': {
          const values = table === 'values'
            ? await ind.named(need('set'), await ind.compute(actor.scope, need('set'), need('period'), q.region ?? null))
            : (await ind.snapshotValues(actor.scope, need('id'))).values;
          return {
            title: table === 'values' ? '监测指标值(实时)' : `监测指标快照 #${q.id}`,
            columns: [code('区划代码', 'regionCode'), text('区域', 'regionName'), code('指标', 'indicatorId'), text('名称', 'indicatorName'), num('值', 'value'), text('单位', 'unit'), num('分子', 'numerator'), num('分母', 'denominator'), text('来源', 'origin'), num('定义版本', 'definitionVersion')],
            rows: values.map((v) => ({ ...v, origin: v.origin === 'reported' ? '填报' : '计算' })),
          };
        }
        case 'reporting':
        case 'reporting-levels': {
          const st = await new ReportingService(this.ctx).status(actor, need('id'));
          if (table === 'reporting') {
            return {
              title: `报送状态 ${st.period.setId} ${st.period.period}`,
              columns: [code('县代码', 'countyCode'), text('县', 'countyName'), text('状态', 'stateLabel'), num('快照', 'snapshotId'), text('锁定层级', 'lockedLevel'), text('最后操作人', 'updatedBy'), text('时间', 'updatedAt')],
              rows: st.counties.map((c) => ({ ...c })),
            };
          }
          return {
            title: `分级报送情况 ${st.period.setId} ${st.period.period}`,
            columns: [text('层级', 'level'), code('区划代码', 'regionCode'), text('区域', 'regionName'), num('县数', 'counties'), ...Object.entries(st.states).map(([k, label]) => num(label, k)), text('未报送的县', 'notSubmitted')],
            rows: st.levels.map((l) => ({ level: l.level, regionCode: l.regionCode, regionName: l.regionName, counties: l.counties, ...l.byState, notSubmitted: l.notSubmitted.map((c) => c.name).join('、') })),
          };
        }
        case 'results':
        case 'lost-points': {
          const results = await new EvaluationService(this.ctx).results(actor.scope, need('id'));
          if (table === 'results') {
            return {
              title: `评价结果 #${q.id}`,
              columns: [num('名次', 'rank'), code('县代码', 'countyCode'), text('县', 'countyName'), num('得分', 'score'), text('等次', 'grade'), num('失分', 'lostPoints'), num('指标快照', 'snapshotId')],
              rows: results.map((r) => ({ rank: r.rank, countyCode: r.countyCode, countyName: r.countyName, score: r.score, grade: r.grade, lostPoints: r.lostPoints, snapshotId: r.snapshotId })),
            };
          }
          return {
            title: `评价失分明细 #${q.id}`,
            columns: [code('县代码', 'countyCode'), text('县', 'countyName'), code('评价项', 'itemId'), text('名称', 'name'), num('权重', 'weight'), num('取值', 'value'), num('得分', 'score'), num('失分', 'lost'), text('说明', 'note')],
            rows: results.filter((r) => !q.county || r.countyCode === q.county).flatMap((r) => r.items.map((i) => ({ countyCode: r.countyCode, countyName: r.countyName, ...i }))),
          };
        }
        case 'samples': {
          personal();
          const rows = await new EvaluationService(this.ctx).samples(actor.scope, need('id'), q.county);
          return { title: `抽样农户 #${q.id}`, columns: [code('县代码', 'countyCode'), text('层', 'stratum'), num('抽取顺序', 'drawOrder'), code('户编号', 'householdNo'), code('村代码', 'villageCode')], rows: rows.map((r) => ({ ...r })) };
        }
        case 'what-if':
        case 'what-if-townships': {
          const params = Object.fromEntries((['nearThresholdMarginPercent', 'largeFallPercent', 'medicalSpendingSharePercent'] as const).filter((k) => q[k] !== undefined).map((k) => [k, q[k]!]));
          const w = await new AnalysisService(this.ctx).whatIf(actor, { regionCode: q.region ?? null, year: need('year'), thresholdYuan: q.thresholdYuan, params });
          if (table === 'what-if-townships') {
            return { title: '阈值模拟:各乡镇进出与工作量', columns: [code('乡镇代码', 'townshipCode'), text('乡镇', 'townshipName'), num('新进入预警', 'entering'), num('退出预警', 'leaving'), num('核查工作量(人次)', 'workload')], rows: w.townships.map((t) => ({ ...t })) };
          }
          personal();
          return {
            title: '阈值模拟:进出预警的农户',
            columns: [code('户编号', 'householdNo'), code('乡镇代码', 'townshipCode'), code('村代码', 'villageCode'), text('变化', 'change'), text('现触发规则', 'rulesNow'), text('模拟后触发规则', 'rulesThen')],
            rows: w.households.map((h) => ({ householdNo: h.householdNo, townshipCode: h.townshipCode, villageCode: h.villageCode, change: h.change === 'enter' ? '进入' : '退出', rulesNow: h.rulesNow.join(','), rulesThen: h.rulesThen.join(',') })),
          };
        }
        case 'triage': {
          const t = await new AnalysisService(this.ctx).triage(actor, { countyCode: need('county'), year: need('year') });
          return {
            title: `线索来源成效 ${q.county} ${q.year}`,
            columns: [text('来源', 'sourceLabel'), code('乡镇代码', 'townshipCode'), text('乡镇', 'townshipName'), num('线索', 'clues'), num('纳入监测', 'enrolled'), num('未结', 'open'), num('纳入比例(%)', 'enrolledPercent')],
            rows: t.lines.map((l) => ({ ...l })),
          };
        }
        case 'reconcile': {
          const r = await new AnalysisService(this.ctx).reconcile(actor, { countyCode: need('county'), setId: need('set'), period: need('period') });
          personal();
          return {
            title: `跨层级核对 ${q.county} ${q.period}`,
            columns: [text('持有方', 'label'), num('快照', 'snapshotId'), code('指标', 'indicatorId'), text('名称', 'indicatorName'), num('现值', 'now'), num('上级持有值', 'held'), code('户编号', 'householdNo'), text('原因', 'cause')],
            rows: r.holders.flatMap((h) => [
              ...h.differences.map((d) => ({ label: h.label, snapshotId: h.snapshotId, indicatorId: d.indicatorId, indicatorName: d.indicatorName, now: d.now, held: d.held, householdNo: null, cause: null })),
              ...h.households.map((x) => ({ label: h.label, snapshotId: h.snapshotId, indicatorId: null, indicatorName: null, now: null, held: null, householdNo: x.householdNo, cause: x.cause === 'rules' ? '规则或监测范围变化' : '数据变化' })),
            ]),
          };
        }
      }
    })();
    return new ExportService(this.ctx).finish(actor, { title: built.title, target: `evaluation_${table}`, file: `jcpj-${table}`, columns: built.columns, rows: built.rows, format: q.format, encoding: q.encoding, details: { table, ...q } });
  }
}
