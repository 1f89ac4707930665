/**
 * Benchmark of data intake. Generates, at run time into a temporary folder, a 1,000,000-row person CSV
 * and a 200,000-row .xlsx in the national layout (two title rows, header on row 3; invented persons,
 * valid ID numbers, 4 persons per household), then measures each phase in its own child process so that
 * its peak RSS is its own:
 *   bare-csv / bare-xlsx  the bare parsers (iconv-lite + csv-parse; exceljs streaming WorkbookReader), counting rows
 *   read-csv / read-xlsx  the product's readers and row parsing (header detection, value parsers), streamed
 *   preview-xlsx / preview-csv  the whole dry run (integrity over the file, households built and validated)
 *   commit-xlsx           (BENCH_COMMIT=1) the commit of the 200,000-row file into a fresh SQLite database
 * Prints rows per second and peak RSS per phase; asserts nothing. BENCH_HEAP_MB caps the V8 heap of each
 * phase (default 6144): with a generous cap V8 collects lazily and RSS shows garbage, with a small cap
 * (e.g. 512) a phase that completes shows that its live memory is bounded.
 *
 *   npx tsx bench/intake.bench.ts                      # 1,000,000 CSV rows, 200,000 xlsx rows
 *   BENCH_CSV_ROWS=200000 BENCH_XLSX_ROWS=50000 npx tsx bench/intake.bench.ts
 *   BENCH_HEAP_MB=512 BENCH_PHASES=preview-xlsx,preview-csv npx tsx bench/intake.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const HEADER = ['村级区划代码', '户编号', '证件号码', '姓名', '与户主关系', '户类型', '劳动技能', '健康状况', '在校生状况', '工资性收入', '生产经营性收入', '转移性收入', '识别监测时间', '监测对象类别', '致贫/返贫风险1'];
const VILLAGES = ['522633100207', '522633100208', '522633101001'];
const REL = ['户主', '配偶', '之子', '之女'];

/** Row i (0-based) of the generated population. */
function row(i: number): (string | number)[] {
  const day = i % 24000;
  const d = new Date(Date.UTC(1940, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `522633${d}${String(Math.floor(i / 24000) + 1).padStart(3, '0')}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(first17[k]) * WEIGHTS[k]!;
  const h = Math.floor(i / 4);
  const monitored = h % 10 === 0;
  return [VILLAGES[h % 3]!, `B${String(h).padStart(7, '0')}`, first17 + CHECK[sum % 11], `测试${i % 1000}`, REL[i % 4]!, h % 2 ? '脱贫户' : '一般农户', '普通劳动力', '健康', '非在校生',
    (i * 37) % 20000, 1000, 500, monitored ? '202304' : '', monitored ? '边缘易致贫户' : '', monitored ? '因病' : ''];
}

async function genCsv(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('\ufeff' + HEADER.join(',') + '\r\n');
  for (let i = 0; i < n; i++) if (!out.write(row(i).join(',') + '\r\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

async function genXlsx(path: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('监测对象信息');
  ws.addRow(['（自定义）监测对象信息']).commit();
  ws.addRow(['导出时间:2025-12-31']).commit();
  ws.addRow(HEADER).commit();
  for (let i = 0; i < n; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
}

/** One phase, run inside a child process: prints { rows, ms }. */
async function phase(name: string, file: string): Promise<void> {
  const t = performance.now();
  let rows = 0;
  if (name === 'bare-csv') {
    for await (const _ of createReadStream(file).pipe(iconv.decodeStream('utf-8')).pipe(parse({ relax_column_count: true }))) rows++;
    rows--; // header
  } else if (name === 'bare-xlsx') {
    const r = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const ws of r) for await (const _ of ws as AsyncIterable<unknown>) rows++;
    rows -= 3;
  } else if (name.startsWith('read-')) {
    const { openTable } = await import('../src/server/intake/readers/table');
    const { parseRow } = await import('../src/server/intake/rows');
    const { headerScorer, matchHeader } = await import('../src/server/intake/templates/mapping');
    const { NATIONAL_PERSON } = await import('../src/server/intake/templates/national');
    const tb = await openTable(file, { fileName: file, score: headerScorer(NATIONAL_PERSON) });
    const m = matchHeader(NATIONAL_PERSON, tb.header);
    for await (const raw of tb.rows) {
      parseRow(NATIONAL_PERSON, m.mapping, tb.header.columns, raw, 's', '2026-03-15');
      rows++;
    }
  } else {
    const { openRuntime } = await import('../src/server/bootstrap');
    const { systemActor } = await import('../src/server/services/actor');
    const dir = mkdtempSync(join(tmpdir(), 'zx-bench-db-'));
    const rt = await openRuntime({ ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', ZX_ID_KEY: '33'.repeat(32) });
    await rt.services.regions.ensureReferenceData();
    const t0 = performance.now();
    const opts = { kind: 'national-person', year: 2025 };
    const f = { path: file, fileName: file.split('/').pop()! };
    const r = name.startsWith('preview') ? await rt.services.intake.preview(systemActor('bench'), f, opts) : await rt.services.intake.commit(systemActor('bench'), f, opts);
    rows = r.counts.rows;
    console.log(JSON.stringify({ rows, ms: Math.round(performance.now() - t0), counts: r.counts }));
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  console.log(JSON.stringify({ rows, ms: Math.round(performance.now() - t) }));
}

async function main(): Promise<void> {
  const csvRows = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
  const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'zx-intake-bench-'));
  const csv = join(dir, 'persons.csv');
  const xlsx = join(dir, 'persons.xlsx');
  let t = performance.now();
  await genCsv(csv, csvRows);
  await genXlsx(xlsx, xlsxRows);
  console.log(`generated ${csvRows.toLocaleString()} CSV rows (${(statSync(csv).size / 1024 / 1024).toFixed(1)} MB) and ${xlsxRows.toLocaleString()} xlsx rows (${(statSync(xlsx).size / 1024 / 1024).toFixed(1)} MB) in ${Math.round(performance.now() - t)} ms`);
  const phases: [string, string][] = [['bare-csv', csv], ['read-csv', csv], ['bare-xlsx', xlsx], ['read-xlsx', xlsx], ['preview-xlsx', xlsx], ['preview-csv', csv]];
  if (process.env.BENCH_COMMIT === '1') phases.push(['commit-xlsx', xlsx]);
  const only = process.env.BENCH_PHASES?.split(',');
  console.log('| phase | rows | seconds | rows/s | peak RSS |\n|---|---|---|---|---|');
  for (const [name, file] of phases.filter(([n]) => !only || only.includes(n))) {
    const p = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, `--max-old-space-size=${process.env.BENCH_HEAP_MB ?? 6144}`, '--import', 'tsx', import.meta.filename, '--phase', name, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const kb = Number(/MAXRSS (\d+)/.exec(p.stderr)?.[1] ?? 0);
    if (p.status !== 0) {
      console.log(`| ${name} | failed (exit ${p.status}) | | | ${Math.round(kb / 1024)} MiB |`);
      process.stderr.write(p.stderr.slice(-2000));
      continue;
    }
    const res = JSON.parse(p.stdout.trim().split('\n').pop()!) as { rows: number; ms: number };
    console.log(`| ${name} | ${res.rows.toLocaleString()} | ${(res.ms / 1000).toFixed(1)} | ${Math.round(res.rows / (res.ms / 1000)).toLocaleString()} | ${Math.round(kb / 1024)} MiB |`);
  }
  rmSync(dir, { recursive: true, force: true });
}

const i = process.argv.indexOf('--phase');
if (i > 0) await phase(process.argv[i + 1]!, process.argv[i + 2]!);
else await main();
