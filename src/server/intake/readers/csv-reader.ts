/**
 * CSV (and delimited .txt) reader: detects the encoding (see encoding.ts) and the delimiter (`,` `\t`
 * `|` `;`, whichever the first line holds most of), decodes the whole byte stream with iconv-lite and
 * parses it with csv-parse, one record at a time (memory stays flat whatever the file size).
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { fileError } from '../problems';
import type { Cell, RawRow } from './cell';
import { detectEncoding, iconvName, SAMPLE_BYTES, type TextEncoding } from './encoding';
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

/**
 * Rows of a CSV file as text cells, numbered as spreadsheet rows (record 1 = row 1; a quoted field
 * spanning lines stays one row). Blank lines are yielded as rows with no cells, so numbering matches.
 * @throws bad_file ENCODING_GUESS_WRONG when a decoded row holds U+FFFD (the guessed encoding does not
 *   fit the bytes there), CSV_MALFORMED with the row for a broken quote
 */
export async function* readCsvRows(path: string, info: CsvInfo, sheetName: string): AsyncGenerator<RawRow> {
  const parser = createReadStream(path)
    .pipe(iconv.decodeStream(iconvName(info.encoding)))
    .pipe(parse({ delimiter: info.delimiter, relax_column_count: true, skip_empty_lines: false, relax_quotes: true, info: true, bom: true }));
  let row = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      row = rec.info.records;
      const cells: Cell[] = rec.record.map((v) => (v === '' ? { t: 'empty' } : { t: 'text', v }));
      if (rec.record.some((v) => v.includes('\ufffd')))
        throw fileError('ENCODING_GUESS_WRONG', `按 ${info.encoding} 解码后出现无法识别的字符;请确认文件编码(UTF-8 或 GB18030/GBK)后重新导出`, { sheet: sheetName, row });
      yield { row, cells: cells.length === 1 && cells[0]!.t === 'empty' ? [] : cells };
    }
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith?.('CSV_')) throw fileError('CSV_MALFORMED', `CSV 格式错误(${(e as Error).message})`, { sheet: sheetName, row: row + 1 });
    throw e;
  }
}
