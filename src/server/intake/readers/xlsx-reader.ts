/**
 * .xlsx reader over exceljs's streaming WorkbookReader: the workbook is never loaded whole, shared
 * strings and styles are cached (styles tell date cells), formulas give their cached results, hidden
 * sheets are skipped and named. The zip guard (zip-guard.ts) runs first.
 *
 * exceljs 4.4.0 splits a multi-byte character at a chunk boundary into U+FFFD (issues #2063, #2084,
 * #2316): patches/exceljs+4.4.0.patch, applied by patch-package at `npm install`, fixes its SAX
 * decoding. The reader refuses to run when the patch is missing, rather than change names.
 */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { AppError, configError } from '../../errors';
import { fileError } from '../problems';
import type { Cell, RawRow, SheetInfo } from './cell';
import { columnLetter, DEFAULT_READER_LIMITS, type ReaderLimits } from './limits';
import { checkZip } from './zip-guard';

/** Converts one exceljs cell value to the readers' cell model. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return { t: 'empty' };
  if (typeof v === 'string') return v === '' ? { t: 'empty' } : { t: 'text', v };
  if (typeof v === 'number') return Number.isFinite(v) ? { t: 'number', v } : { t: 'error', v: '#NUM!' };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { t: 'error', v: '#VALUE!' } : { t: 'date', v: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined || o.result === null || o.result === '') return { t: 'empty', formula: 'noResult' };
      return { ...toCell(o.result), formula: 'cached' };
    }
    if ('error' in o) return { t: 'error', v: String(o.error) };
    if (Array.isArray(o.richText)) return toCell((o.richText as { text: string }[]).map((r) => r.text).join(''));
    if ('text' in o) return toCell(typeof o.text === 'string' ? o.text : (o.text as { richText?: { text: string }[] })?.richText?.map((r) => r.text).join('') ?? '');
  }
  return { t: 'text', v: String(v) };
}

let patchChecked: Promise<void> | undefined;

/**
 * Checks once that the installed exceljs decodes a character split across two chunks (the patch).
 * @throws config_error when it does not (node_modules installed without running patch-package)
 */
export function assertExceljsPatched(): Promise<void> {
  patchChecked ??= (async () => {
    const parseSax = createRequire(import.meta.url)('exceljs/lib/utils/parse-sax') as (it: AsyncIterable<Buffer>) => AsyncIterable<{ eventType: string; value: unknown }[]>;
    const xml = Buffer.from('<t>罗春梅</t>');
    async function* halves() {
      yield xml.subarray(0, 7);
      yield xml.subarray(7);
    }
    let text = '';
    for await (const events of parseSax(halves())) for (const e of events) if (e.eventType === 'text') text += String(e.value);
    if (text !== '罗春梅') throw configError('exceljs 未打补丁(会把跨数据块的汉字读成乱码);请在程序目录运行 npm install(会执行 patch-package)后再导入');
  })();
  return patchChecked;
}

/**
 * Rows of one sheet of a workbook: the `sheet`-th (1-based, workbook order), or the first visible one.
 * `onSheet` is told about every sheet (hidden ones included) as the stream reaches it. Bounded by the
 * reader limits (rows, columns up to the last non-empty cell, characters a cell).
 * @throws bad_file FILE_NOT_XLSX (not a workbook, or a damaged one), ZIP_BOMB_SUSPECTED, SHEET_NOT_FOUND,
 *   SHEET_HIDDEN, TOO_MANY_ROWS, TOO_MANY_COLUMNS, CELL_TOO_LONG
 */
export async function* readXlsxRows(path: string, opts: { sheet?: number; onSheet?: (s: SheetInfo, chosen: boolean) => void; limits?: ReaderLimits }): AsyncGenerator<RawRow> {
  const limits = opts.limits ?? DEFAULT_READER_LIMITS;
  await assertExceljsPatched();
  const names = await checkZip(path);
  if (!names.includes('xl/workbook.xml')) throw fileError('FILE_NOT_XLSX', '文件是 zip 压缩包但不是 Excel 工作簿(缺少工作簿目录 xl/workbook.xml)');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let index = 0;
  let chosenDone = false;
  let current: SheetInfo | null = null;
  const seen: SheetInfo[] = [];
  try {
    for await (const ws of reader) {
      const w = ws as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { name?: string; state?: string };
      index++;
      const info: SheetInfo = { index, name: w.name ?? `Sheet${index}`, hidden: !!w.state && w.state !== 'visible' };
      current = info;
      seen.push(info);
      const chosen = !chosenDone && (opts.sheet ? opts.sheet === index : !info.hidden);
      if (chosen && opts.sheet && info.hidden) throw fileError('SHEET_HIDDEN', `第 ${index} 个工作表“${info.name}”是隐藏的;请取消隐藏或选择其他工作表`);
      opts.onSheet?.(info, chosen);
      let read = 0;
      for await (const r of w) {
        if (!chosen) continue;
        if (++read > limits.maxRows) throw fileError('TOO_MANY_ROWS', `工作表超过 ${limits.maxRows.toLocaleString('en-US')} 行的上限(ZX_READER_MAX_ROWS);请拆分后分批导入`, { sheet: info.name, row: r.number });
        const vals = r.values ?? [];
        // a stray formatted cell far to the right leaves holes: the row ends at its last value
        let last = vals.length - 1;
        while (last >= 1 && (vals[last] === null || vals[last] === undefined)) last--;
        if (last > limits.maxColumns) throw fileError('TOO_MANY_COLUMNS', `这一行有 ${last} 列,超过 ${limits.maxColumns} 列的上限(ZX_READER_MAX_COLUMNS)`, { sheet: info.name, row: r.number });
        const cells: Cell[] = [];
        for (let i = 1; i <= last; i++) {
          const c = toCell(vals[i]);
          if (c.t === 'text' && (c.v as string).length > limits.maxCellChars) throw fileError('CELL_TOO_LONG', `${columnLetter(i - 1)} 列的单元格有 ${(c.v as string).length} 个字符,超过 ${limits.maxCellChars} 个字符的上限(ZX_READER_MAX_CELL_CHARS)`, { sheet: info.name, row: r.number });
          cells.push(c);
        }
        while (cells.length && cells[cells.length - 1]!.t === 'empty' && !cells[cells.length - 1]!.formula) cells.pop();
        yield { row: r.number, cells };
      }
      if (chosen) chosenDone = true;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // exceljs and its XML parser report in English and name their internals: the user gets where, not how
    throw fileError('FILE_NOT_XLSX', `Excel 工作簿已损坏或格式不规范,${current ? `读取工作表“${current.name}”时` : '读取工作簿目录时'}出错;请在 Excel 中打开后另存为 .xlsx 再导入`);
  }
  if (!chosenDone) {
    if (opts.sheet) throw fileError('SHEET_NOT_FOUND', `工作簿只有 ${seen.length} 个工作表,没有第 ${opts.sheet} 个`);
    throw fileError('SHEET_NOT_FOUND', `工作簿中没有可见的工作表${seen.length ? `(隐藏:${seen.map((s) => s.name).join('、')})` : ''}`);
  }
}
