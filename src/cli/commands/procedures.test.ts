/**
 * `zhenxing procedures check --json`, run as a child process: every procedure file and notice rule of
 * data/ loads (the five procedures of the work areas and the two monitoring procedures, seven notice rules).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('zhenxing procedures check --json lists every procedure and notice rule', () => {
  const env = { ...process.env, ZX_DATA_DIR: mkdtempSync(join(tmpdir(), 'zx-cli-proc-')), DATABASE_URL: '', LOG_LEVEL: 'silent' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), 'procedures', 'check', '--json'], { env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { procedures: { name: string; steps: string[] }[]; noticeRules: string[] };
  expect(out.procedures.map((p) => p.name)).toEqual(['monitoring-identification', 'monitoring-elimination', 'asset-disposal', 'points-claim', 'project-library', 'public-welfare-post', 'yulu-subsidy']);
  expect(out.procedures.find((p) => p.name === 'points-claim')!.steps).toEqual(['claim', 'groupCheck', 'committeeReview', 'publicNotice']);
  expect(out.noticeRules).toEqual(['monitoring', 'project', 'funds', 'assetIncome', 'points', 'postPayment', 'yulu']);
}, 90_000);
