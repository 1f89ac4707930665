/**
 * Case c18: a 120,000-row person file generated at run time from test/fixtures/intake/c18_large_file_spec.json
 * (CSV, UTF-8 with BOM), previewed on SQLite: exact counts with spreadsheet row numbers, the whole file
 * checked before anything is written.
 *
 * Expected (from ../shared/cases/expected/c18.json, and the project's head rule): 120 rows with a wrong
 * check character held; 24 duplicate pairs (data rows i ≡ 2 mod 5000 repeat row i−1, the household's head)
 * → 48 rows held; because those heads are held, the other two members of each of the 24 households wait
 * with them (HOUSEHOLD_HEAD_HELD, 48 rows) so that no household is registered without its head. The case
 * counts 119,832 committed rows; here 119,832 − 48 = 119,784 rows in 30,000 − 24 = 29,976 households.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newTestServices } from '../../../test/harness';
import { mod11Check, VILLAGES } from '../../../test/fixtures/registry';
import type { Services } from '../container';
import { systemActor } from './actor';

const spec = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/intake/c18_large_file_spec.json'), 'utf8')) as { rows: number; columns: string[] };

/** The c18 file by its rules (see the spec's `rules`). */
function generate(path: string): void {
  const lines = ['\ufeff' + spec.columns.join(',')];
  const ids: string[] = [];
  for (let i = 1; i <= spec.rows; i++) {
    const area = i % 2 ? '522633' : '522632';
    const birth = new Date(Date.UTC(1940, 0, 1) + (i % 30000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const seq = String(Math.floor(i / 30000) * 100 + (i % 97) + 1).padStart(3, '0');
    const first17 = area + birth + seq;
    let id = first17 + mod11Check(first17);
    if (i % 1000 === 0) id = first17 + (id[17] === '1' ? '2' : '1');
    if (i % 5000 === 2) id = ids[i - 2]!;
    ids.push(id);
    const hh = `H${String(Math.floor((i - 1) / 4) + 1).padStart(6, '0')}`;
    const income = i % 777 === 0 ? -500 : (i * 37) % 20000;
    lines.push([i, area, hh, `测试${i}`, id, (i - 1) % 4 === 0 ? '户主' : '之子', income].join(','));
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n');
}

let services: Services;
let drop: () => Promise<void>;
const file = join(mkdtempSync(join(tmpdir(), 'zx-c18-')), 'c18.csv');
beforeAll(async () => {
  ({ services, drop } = await newTestServices('sqlite'));
  await services.regions.ensureReferenceData();
  generate(file);
}, 60_000);
afterAll(async () => {
  await drop?.();
});

it('c18: 120,000 rows streamed, every problem with its row, exact counts, nothing written by the preview', async () => {
  let progressCalls = 0;
  const r = await services.intake.preview(systemActor(), { path: file, fileName: 'c18.csv' }, { kind: 'national-person', village: VILLAGES.basha, onProgress: () => progressCalls++ });
  expect(r.counts.rows).toBe(120_000);
  expect(r.counts.hold).toBe(120 + 48 + 48);
  expect(r.counts.reject).toBe(0);
  expect(r.counts.add).toBe(119_784);
  expect(r.counts.households.add).toBe(29_976);
  const rowsOf = (code: string) => r.problems.filter((p) => p.code === code).map((p) => p.row);
  const bad = rowsOf('ID_BAD_CHECKSUM');
  expect(bad).toHaveLength(120);
  // spreadsheet rows: data row i is row i + 1
  expect(bad).toEqual(expect.arrayContaining([1001, 2001, 120001]));
  const dup = rowsOf('DUPLICATE_IN_HOUSEHOLD');
  expect(dup).toHaveLength(48);
  expect(dup).toEqual(expect.arrayContaining([2, 3, 5002, 5003]));
  expect(rowsOf('HOUSEHOLD_HEAD_HELD')).toHaveLength(48);
  expect(progressCalls).toBeGreaterThan(100);
  // the 119,856 distinct valid ID numbers: 120,000 − 120 wrong check characters − 24 repeats
  expect(new Set(r.problems.filter((p) => p.code === 'ID_BAD_CHECKSUM').map((p) => p.row)).size).toBe(120);
}, 180_000);
