/**
 * Reports to .xlsx for county staff: an import's problems (sheet, row, column, code, level, message)
 * with a summary sheet, and a check run's findings with counts per check and per region.
 */
import type { CheckReport } from '../services/check.service';
import type { ImportReport } from '../services/intake.service';
import { writeXlsx } from '../presenters/export';

const LEVEL_ZH = { error: '拒绝', hold: '待核实', warning: '提示' } as const;

/** Writes the problems of an import report (preview or commit) to `path`. */
export async function writeProblemsXlsx(r: ImportReport, path: string): Promise<void> {
  const c = r.counts;
  await writeXlsx(path, [
    {
      name: '问题清单', header: ['工作表', '行', '列', '代码', '处理', '说明'], textColumns: [3],
      rows: r.problems.map((p) => [p.sheet, p.row, p.column, p.code, LEVEL_ZH[p.level], p.message]),
    },
    {
      name: '概要', header: ['项目', '值'],
      rows: [
        ['文件', r.fileName], ['导入类型', r.kindZh], ['SHA-256', r.sha256], ['工作表', r.sheet], ['隐藏工作表(未读取)', r.hiddenSheets.join('、') || '无'],
        ['表头所在行', r.headerRows.join('、')], ['数据行', c.rows], ['新增', c.add], ['更新', c.update], ['未变', c.unchanged], ['待核实', c.hold], ['拒绝', c.reject], ['重复', c.duplicate],
        ['匹配到登记人员', c.matched], ['风险线索', c.clues],
      ],
    },
  ]);
}

/** Writes a check run to `path`: findings, counts per check, counts per region. */
export async function writeCheckXlsx(r: CheckReport, path: string): Promise<void> {
  const zh = new Map(r.checks.map((c) => [c.id, c.zh]));
  await writeXlsx(path, [
    { name: '核查结果', header: ['核查项', '名称', '户编号', '县', '村', '成员', '文件行', '事实'], textColumns: [2, 3, 4], rows: r.findings.map((f) => [f.checkId, zh.get(f.checkId) ?? '', f.householdNo, f.countyCode, f.villageCode, f.member, f.sourceRow ?? null, f.facts]) },
    { name: '按核查项', header: ['核查项', '类别', '层级', '名称', '政策含义', '来源', '修改提示', '发现数'], rows: r.checks.map((c) => [c.id, c.familyZh, c.level, c.zh, c.meaning, c.source, c.hint, c.findings]) },
    { name: '按区域', header: ['区划代码', '农户数', '发现数'], textColumns: [0], rows: r.byRegion.map((b) => [b.regionCode, b.households, b.findings]) },
  ]);
}
