/**
 * The place commands as a user runs them (a child process over a fresh embedded database): `places code`
 * follows the crosswalk (华亭县 620824 → 华亭市 620881, 民函〔2018〕109号); `import --dry-run` lists the names the
 * code list does not hold with the option that maps them; `--place-map` maps them; `--village` that disagrees
 * with the row's own 县/乡/村 is an error naming row and column. 华亭市 is not a designated key county. The file
 * is invented; places by hand from data/regions/divisions-west-2023.csv.gz.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idNumber } from '../../../test/fixtures/registry';
import { collectPlaceMap } from './places';

const ROOT = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'zx-cli-places-'));
const env = { ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', ZX_SEED_PERSONS: '0', LOG_LEVEL: 'silent', ZX_ID_KEY: '45'.repeat(32) };
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/zhenxing.js'), ...args], { env, encoding: 'utf8', cwd: ROOT, timeout: 120_000 });
const file = join(dir, '华亭.csv');
writeFileSync(file, [
  '县,乡,村,户编号,证件号码,姓名,与户主关系,户类型,劳动技能,健康状况,在校生状况,工资性收入,生产经营性收入,转移性收入,识别监测时间,监测对象类别,致贫/返贫风险1',
  `华亭市,安口镇,前峰,C-1,${idNumber('620881', '19700101', 601)},测试甲,户主,脱贫户,普通劳动力,健康,非在校生,12000,0,0,202304,脱贫不稳定户,因病`,
  `华亭市,安口镇,阳安村,C-2,${idNumber('620881', '19700101', 602)},测试乙,户主,脱贫户,普通劳动力,健康,非在校生,12000,0,0,202304,脱贫不稳定户,因病`,
].join('\n'));

describe('zhenxing places and import --place-map', () => {
  it('--place-map values are collected; a malformed one is refused', () => {
    expect(collectPlaceMap('安口镇/前峰=620881101200', collectPlaceMap('安口/=620881101'))).toEqual({ '安口/': '620881101', '安口镇/前峰': '620881101200' });
    expect(() => collectPlaceMap('前峰=620881101200')).toThrow();
    expect(() => collectPlaceMap('安口镇/前峰=6208811012')).toThrow();
  });
  it('places code follows the crosswalk with date, kind and document', () => {
    const r = run('places', 'code', '620824');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('620824 现为 620881');
    expect(r.stdout).toContain('2018-07-02 更名/改设:华亭县 620824 → 华亭市 620881(民函〔2018〕109号)');
  }, 180_000);
  it('import --dry-run lists unmatched names; --place-map maps them; --village must agree', () => {
    const plain = run('import', file, '--kind', 'national-person', '--year', '2025', '--dry-run');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('华亭市 安口镇/前峰(第 2 行) 相近:安口镇前峰村委会 620881101200');
    const mapped = run('import', file, '--kind', 'national-person', '--year', '2025', '--dry-run', '--json', '--place-map', '安口镇/前峰=620881101200');
    expect(mapped.status).toBe(0);
    expect((JSON.parse(mapped.stdout) as { counts: unknown }).counts).toMatchObject({ rows: 2, add: 2, reject: 0 });
    const v = run('import', file, '--kind', 'national-person', '--year', '2025', '--dry-run', '--json', '--place-map', '安口镇/前峰=620881101200', '--village', '620881101201');
    const rep = JSON.parse(v.stdout) as { counts: unknown; problems: { row: number; column: string; code: string }[] };
    expect(rep.counts).toMatchObject({ rows: 2, add: 1, reject: 1 });
    expect(rep.problems.find((p) => p.code === 'VILLAGE_OPTION_DISAGREES')).toMatchObject({ row: 2, column: '村' });
  }, 300_000);
});
