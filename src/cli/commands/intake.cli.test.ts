/**
 * The intake commands as a user runs them (a child process over a fresh embedded database):
 * `hash-ids` writes exchange hashes and no ID number; `import --dry-run --json` prints only the JSON
 * report on stdout (no progress mixed in); a bad file exits 2 with a Chinese message naming the problem;
 * `export-national` writes the five national tables.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { exchangeHash } from '../../server/intake/exchange';
import { pairOption, valueMapOption } from './intake';

const ROOT = resolve(__dirname, '../../..');
const FIX = join(ROOT, 'test/fixtures/intake');
const dir = mkdtempSync(join(tmpdir(), 'zx-cli-'));
const env = { ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', ZX_SEED_PERSONS: '0', LOG_LEVEL: 'silent', ZX_ID_KEY: '44'.repeat(32) };
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/zhenxing.js'), ...args], { env, encoding: 'utf8', cwd: ROOT, timeout: 60_000 });

describe('zhenxing intake commands', () => {
  it('bin/zhenxing.js runs from outside the checkout (tsx is resolved from the package, not the current directory)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/zhenxing.js'), '--help'], { env, encoding: 'utf8', cwd: tmpdir(), timeout: 60_000 });
    expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: zhenxing');
  });
  it('hash-ids replaces the ID column by exchange hashes', () => {
    const key = join(dir, 'exchange.key');
    expect(run('exchange-key', '--out', key).status).toBe(0);
    const out = join(dir, 'hashed.csv');
    const r = run('hash-ids', join(FIX, 'c06_dibao_gbk.csv'), '--column', '身份证号', '--key-file', key, '--out', out);
    expect(r.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const k = Buffer.from(readFileSync(key, 'utf8').trim(), 'hex');
    expect(text.split('\r\n')[0]).toBe('\ufeff姓名,身份证号哈希,保障类别,月保障金额');
    expect(text.split('\r\n')[1]).toBe(`王小明,${exchangeHash(k, '522633196702032412')},低保,450`);
  }, 180_000);
  it('import --dry-run --json prints the report only', () => {
    const r = run('import', join(FIX, 'c01_yibao_export.csv'), '--kind', 'medical', '--dry-run', '--json');
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout) as { dryRun: boolean; counts: { rows: number; reject: number }; problems: { row: number; column: string; code: string; message: string }[] };
    expect(rep.dryRun).toBe(true);
    expect(rep.counts).toMatchObject({ rows: 5, reject: 4 });
    expect(rep.problems[0]).toMatchObject({ row: 2, column: '身份证号', code: 'ID_SCIENTIFIC_NOTATION' });
  }, 180_000);
  it('export-national writes the five national tables, named as the national system names them, header on row 3', async () => {
    const out = join(dir, 'national');
    const r = run('export-national', '--out', out, '--reason', '迁移到新的服务器');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const names = ['（自定义）监测对象信息.xlsx', '（乡村建设）户信息.xlsx', '（务工月监测）已外出务工信息.xlsx', '计划外出务工信息.xlsx', '（自定义）行政村信息.xlsx'];
    expect(r.stdout.trim().split('\n')).toEqual(names.map((n) => `${join(out, n)}:0 行`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, names[0]!));
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('（自定义）监测对象信息');
    expect([1, 2, 3, 4, 5, 6].map((i) => ws.getRow(3).getCell(i).value)).toEqual(['县', '乡', '村', '村级区划代码', '户编号', '证件号码']);
  }, 180_000);
  it('a bad file exits 2 with the reason', () => {
    const p = join(dir, 'fake.xlsx');
    writeFileSync(p, 'not a workbook');
    const r = run('import', p, '--kind', 'medical');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('内容不是 Excel 工作簿');
  }, 180_000);
  it('check --catalogue lists the checks of a family with their source and hint; a wrong level exits 2', () => {
    const r = run('check', '--catalogue', '--family', 'plans', '--json');
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; zh: string; hint: string }[];
    expect(list.map((c) => c.id)).toEqual(['PLN-01', 'PLN-02', 'PLN-03', 'PLN-04', 'PLN-05', 'PLN-06']);
    expect(list[1]).toMatchObject({ zh: '计划务工但未填写就业服务需求', hint: '补录就业服务需求' });
    const bad = run('check', '--catalogue', '--level', 'nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--level');
  }, 180_000);
});

describe('import --map / --value-map / --default (issue 9 item 1)', () => {
  it('the option collectors build the mapping as the web sends it, and name a malformed value', () => {
    expect(pairOption('证号=身份证号', pairOption('人员名称=name'))).toEqual({ 人员名称: 'name', 证号: '身份证号' });
    expect(valueMapOption('救助类别:二类户=低保', valueMapOption('救助类别:重点户=低保'))).toEqual({ 救助类别: { 重点户: '低保', 二类户: '低保' } });
    expect(() => pairOption('人员名称')).toThrow('应为“列名=值”');
    expect(() => valueMapOption('重点户=低保')).toThrow('应为“列名:文件中的值=模板中的值”');
  });
  it('a 民政 list with its own columns and codes is read with --map and --value-map; a list without 在校状态 is asked for --default', () => {
    const f = join(dir, 'minzheng.csv');
    // invented person; the number is built with its check character (GB 11643-1999)
    writeFileSync(f, '人员名称,证号,救助类别\r\n某某,522633197003010112,重点户\r\n');
    const r = run('import', f, '--kind', 'dibao', '--dry-run', '--json', '--map', '人员名称=姓名', '--map', '证号=idNumber', '--value-map', '救助类别:重点户=低保');
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout) as { mappingComplete: boolean; columns: { key: string }[]; counts: { rows: number; add: number; reject: number }; valueMap: object };
    expect(rep.mappingComplete).toBe(true);
    expect(rep.columns.map((c) => c.key)).toEqual(['name', 'idNumber', 'category']);
    expect(rep.counts).toMatchObject({ rows: 1, add: 1, reject: 0 });
    expect(rep.valueMap).toEqual({ category: { 重点户: 'dibao' } });
    const e = join(dir, 'students.csv');
    writeFileSync(e, '学生姓名,学生身份证号\r\n某某,522633201506010316\r\n');
    const asked = run('import', e, '--kind', 'education', '--dry-run');
    expect(asked.stdout).toContain('名单没有“在校状态”列:如每一行都是“在校”,请加 --default 在校状态=在校 确认');
  }, 180_000);
});
