/**
 * The CLI answers usage errors in Chinese with exit code 2 (issue 16 item 12): unknown commands and
 * options, option values that are not numbers (naming the option, not "value"), a missing file (no raw
 * ENOENT), and a screening year without income data (no silent exit 0).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseUsageMessage, intOption, numberOption } from './command';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'zx-cli-usage-'));
const env = { ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', ZX_SEED_PERSONS: '0', LOG_LEVEL: 'silent', ZX_ID_KEY: '45'.repeat(32) };
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/zhenxing.js'), ...args], { env, encoding: 'utf8', cwd: ROOT, timeout: 60_000 });

describe('commander messages in Chinese', () => {
  it('translates each usage error by its code', () => {
    expect(chineseUsageMessage("error: unknown command 'scren'\n(Did you mean screen?)", 'commander.unknownCommand')).toBe('错误:未知命令“scren”(是否想输入 screen?)。运行 zhenxing --help 查看全部命令');
    expect(chineseUsageMessage("error: unknown option '--yeer'", 'commander.unknownOption')).toBe('错误:未知选项“--yeer”');
    expect(chineseUsageMessage("error: required option '--year <year>' not specified", 'commander.missingMandatoryOptionValue')).toBe('错误:必须提供选项 --year <year>');
    expect(chineseUsageMessage("error: option '--yuan <value>' argument 'abc' is invalid. 应为数字", 'commander.invalidArgument')).toBe('错误:选项 --yuan <value> 的取值“abc”无效:应为数字');
    expect(chineseUsageMessage("error: missing required argument 'file'", 'commander.missingArgument')).toBe('错误:缺少参数“file”');
  });
  it('number options refuse what is not a number', () => {
    expect(intOption(' 2025 ')).toBe(2025);
    expect(() => intOption('20x5')).toThrow('应为整数');
    expect(() => intOption('2025.5')).toThrow('应为整数');
    expect(() => intOption('')).toThrow('应为整数');
    expect(numberOption('7600.5')).toBe(7600.5);
    expect(() => numberOption('abc')).toThrow('应为数字');
  });
});

describe('zhenxing usage errors as a user meets them', () => {
  it('an unknown command is answered in Chinese with exit 2', () => {
    const r = run('scren', '--year', '2025');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('错误:未知命令“scren”');
    expect(r.stderr).toContain('screen');
  }, 180_000);
  it('--yuan abc names the option and the value', () => {
    const r = run('thresholds', 'set', '--province', '52', '--year', '2025', '--yuan', 'abc', '--source', '测试');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('选项 --yuan <value> 的取值“abc”无效');
    expect(r.stderr).not.toContain('value:');
  }, 180_000);
  it('a missing file is a Chinese message with exit 2, not a raw ENOENT', () => {
    const r = run('import', join(dir, '不存在.xlsx'), '--kind', 'medical');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`找不到文件或目录:${join(dir, '不存在.xlsx')}`);
    expect(r.stderr).not.toContain('ENOENT');
  }, 180_000);
  it('screening a year without income data says so and exits 2', () => {
    const r = run('screen', '--year', '2031');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('没有 2031 年的收入数据,未筛查');
  }, 180_000);
});
