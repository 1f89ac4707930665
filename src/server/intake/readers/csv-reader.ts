/**
 * CSV (and delimited .txt) reader: detects the encoding (see encoding.ts) and the delimiter (`,` `\t`
 * `|` `;`, whichever the first line holds most of), decodes the whole byte stream with iconv-lite and
 * parses it with csv-parse, one record at a time (memory stays flat whatever the file size). Bounded by
 * the reader limits: a physical line longer than maxRecordChars is refused before csv-parse builds it
 * (a line of commas has no field long enough for csv-parse's own `max_record_size`), and so are records
 * with too many columns, cells too long and files with too many rows.
 */
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../errors';
import { textProblem } from '../../domain/text';
import { fileError } from '../problems';
import type { Cell, RawRow } from './cell';
import { detectEncoding, iconvName, SAMPLE_BYTES, type TextEncoding } from './encoding';
import { columnLetter, DEFAULT_READER_LIMITS, maxRecordChars, type ReaderLimits } from './limits';
import { headBytes } from './sniff';

/** What the reader found out about a CSV file. */
export interface CsvInfo {
  encoding: TextEncoding;
  delimiter: string;
}

/** Encoding and delimiter of a CSV file, from its first bytes. */
export async function inspectCsv(path: string): Promise<CsvInfo> {
  const sample = await headBytes(path, SAMPLE_BYTES);
  const encoding = detectEncoding(sample);
  const text = iconv.decode(sample, iconvName(encoding));
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = [',', '\t', '|', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { encoding, delimiter: best[1] > 0 ? best[0] : ',' };
}

/** Chinese messages of csv-parse's error codes (its own messages are English and name its internals). */
const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合(某个单元格以双引号开头,但直到文件末尾也没有对应的结束引号)',
  CSV_INVALID_CLOSING_QUOTE: '双引号位置不正确(结束引号后面紧跟了其他字符)',
  CSV_INVALID_OPENING_QUOTE: '双引号位置不正确(单元格中间出现了开始引号)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '双引号位置不正确(结束引号后面紧跟了其他字符)',
  CSV_MAX_RECORD_SIZE: '这一行内容过长',
};

/** Refuses a physical line longer than `max` characters before the CSV parser builds it. */
class LineGuard extends Transform {
  private run = 0;
  private line = 1;
  constructor(private readonly max: number) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }
  override _transform(chunk: string, _enc: BufferEncoding, done: TransformCallback): void {
    const s = String(chunk);
    let from = 0;
    for (let nl = s.indexOf('\n'); nl !== -1; nl = s.indexOf('\n', from)) {
      if (this.run + nl - from > this.max) return done(tooLong(this.line, this.max));
      this.run = 0;
      this.line++;
      from = nl + 1;
    }
    this.run += s.length - from;
    if (this.run > this.max) return done(tooLong(this.line, this.max));
    done(null, s);
  }
}

const tooLong = (line: number, max: number) =>
  fileError('ROW_TOO_LONG', `第 ${line} 行(物理行)超过 ${max.toLocaleString('en-US')} 个字符,文件结构异常;单元格上限见 ZX_READER_MAX_CELL_CHARS、列数上限见 ZX_READER_MAX_COLUMNS`);

/**
 * Rows of a CSV file as text cells, numbered as spreadsheet rows (record 1 = row 1; a quoted field
 * spanning lines stays one row). Blank lines are yielded as rows with no cells, so numbering matches.
 * @throws bad_file ENCODING_GUESS_WRONG when a decoded row holds U+FFFD (the guessed encoding does not
 *   fit the bytes there), CSV_MALFORMED with the row for a broken quote, TOO_MANY_ROWS, TOO_MANY_COLUMNS,
 *   CELL_TOO_LONG, ROW_TOO_LONG beyond the limits
 */
export async function* readCsvRows(path: string, info: CsvInfo, sheetName: string, limits: ReaderLimits = DEFAULT_READER_LIMITS): AsyncGenerator<RawRow> {
  const file = createReadStream(path);
  const decode = iconv.decodeStream(iconvName(info.encoding));
  const guard = new LineGuard(maxRecordChars(limits));
  const parser = parse({ delimiter: info.delimiter, relax_column_count: true, skip_empty_lines: false, relax_quotes: true, bom: true, max_record_size: maxRecordChars(limits) });
  // .pipe() does not carry errors along: any stage's error ends the parser the loop reads
  for (const s of [file, decode, guard] as NodeJS.EventEmitter[]) s.on('error', (e: Error) => parser.destroy(e));
  file.pipe(decode).pipe(guard).pipe(parser);
  let row = 0;
  const utf16 = info.encoding.startsWith('utf-16');
  try {
    // every record counts, blank lines too (skip_empty_lines is off), so the count is the spreadsheet row;
    // csv-parse's own `info` would cost an object per record (a third of the time on rows of commas)
    for await (const fields of parser as AsyncIterable<string[]>) {
      row++;
      if (row > limits.maxRows) throw fileError('TOO_MANY_ROWS', `文件超过 ${limits.maxRows.toLocaleString('en-US')} 行的上限(ZX_READER_MAX_ROWS);请拆分后分批导入`, { sheet: sheetName, row });
      let last = fields.length - 1;
      while (last >= 0 && fields[last] === '') last--;
      if (last + 1 > limits.maxColumns) throw fileError('TOO_MANY_COLUMNS', `这一行有 ${last + 1} 列,超过 ${limits.maxColumns} 列的上限(ZX_READER_MAX_COLUMNS)`, { sheet: sheetName, row });
      const cells: Cell[] = new Array(last + 1);
      let bad = false;
      for (let i = 0; i <= last; i++) {
        const v = fields[i]!;
        if (v.length > limits.maxCellChars) throw fileError('CELL_TOO_LONG', `${columnLetter(i)} 列的单元格有 ${v.length} 个字符,超过 ${limits.maxCellChars} 个字符的上限(ZX_READER_MAX_CELL_CHARS)`, { sheet: sheetName, row });
        if (v.includes('\ufffd')) bad = true;
        // NUL, or a lone surrogate (only UTF-16 input can carry one), would be stored as other text
        if (v.includes('\u0000') || (utf16 && textProblem(v))) throw fileError('CELL_INVALID_CHARACTERS', `${columnLetter(i)} 列的单元格${textProblem(v)}`, { sheet: sheetName, row });
        cells[i] = v === '' ? { t: 'empty' } : { t: 'text', v };
      }
      if (bad) throw fileError('ENCODING_GUESS_WRONG', `按 ${info.encoding} 解码后出现无法识别的字符;请确认文件编码(UTF-8 或 GB18030/GBK)后重新导出`, { sheet: sheetName, row });
      yield { row, cells };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code?.startsWith('CSV_')) throw fileError('CSV_MALFORMED', `CSV 格式错误:${CSV_ERRORS[code] ?? '无法按 CSV 规则拆分这一行(请在 Excel 中打开并另存为 CSV 或 .xlsx)'}`, { sheet: sheetName, row: row + 1 });
    throw fileError('FILE_UNREADABLE', '文件读取中断或内容无法解码;请重新导出后上传');
  } finally {
    parser.destroy();
    file.destroy();
  }
}
