/**
 * Writes a kind's template as .xlsx (exceljs streaming writer): the title rows and header as in the
 * real files (the national person table has its header on row 3), ID columns formatted as text so that
 * Excel cannot turn numbers into 5.2E+17, and a second sheet 填写说明 listing each column's type, unit,
 * variants accepted and allowed values.
 */
import ExcelJS from 'exceljs';
import type { ImportTemplate } from './template';

const TYPE_ZH: Record<string, string> = {
  text: '文本', id: '身份证号(文本格式,18位)', idHash: '身份证号哈希(64位十六进制)', name: '姓名', date: '日期(2022-03-05)', month: '年月(202304)',
  money: '金额', int: '整数', decimal: '数字', bool: '是/否', enum: '从列表中选择',
};

/** Writes the template of `t` to `path`. */
export async function writeTemplate(t: ImportTemplate, path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet(t.sheetName);
  const cols = t.columns;
  ws.columns = cols.map((c) => ({ width: Math.max(10, [...c.zh].length * 2 + 2), style: c.type === 'id' || c.type === 'idHash' || c.type === 'text' ? { numFmt: '@' } : {} }));
  for (const title of t.titleRows) ws.addRow([title]).commit();
  const header = ws.addRow(cols.map((c) => (c.required ? `*${c.zh}` : c.zh)));
  header.font = { bold: true };
  header.commit();
  ws.commit();
  const notes = wb.addWorksheet('填写说明');
  notes.addRow(['列名', '类型', '单位', '必填', '可用的其他列名', '可填的值', '说明']).commit();
  for (const c of cols) {
    notes
      .addRow([
        c.zh, TYPE_ZH[c.type] ?? c.type, c.type === 'money' ? (c.unit === 'wanYuan' ? '万元' : '元(表头写“（万元）”则按万元)') : '', c.required ? '是' : '',
        (c.synonyms ?? []).join('、'), c.values ? Object.keys(c.values).join('、') : '', c.ignored ? '可识别,不入库' : (c.note ?? ''),
      ])
      .commit();
  }
  notes.addRow([]).commit();
  notes.addRow([`来源:${t.source}`]).commit();
  notes.commit();
  await wb.commit();
}
