/**
 * `zhenxing indicators snapshot` and `zhenxing evaluation compute`, run as a child process over an
 * embedded database prepared in a temporary data folder with the hand-counted registry: the snapshot
 * stores 从江县's values (JC10 = 3, see indicator.service.test.ts), the round computes its ranks, a bad
 * period exits 2 with the Chinese message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../../server/bootstrap';
import { NATIONAL_SCOPE } from '../../server/repositories/scope';
import { systemActor } from '../../server/services/actor';
import { listRegistry } from '../../../test/fixtures/list-registry';

const dir = mkdtempSync(join(tmpdir(), 'zx-cli-ind-'));
const env = { ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', ZX_SEED_PERSONS: '0', ZX_ID_KEY: '45'.repeat(32) };
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), ...args], { env, encoding: 'utf8', timeout: 60_000 });

describe('zhenxing indicators / evaluation', () => {
  let roundId = 0;
  beforeAll(async () => {
    const rt = await openRuntime(env);
    try {
      await rt.services.regions.ensureReferenceData();
      await rt.services.registry.registerHouseholds(NATIONAL_SCOPE, listRegistry());
      roundId = (await rt.services.evaluation.createRound(systemActor('t'), { kind: 'zhongdian-jiance', year: 2025, regionCode: '52', counties: ['522633', '522632'], weights: { M1: 25, M2: 30, M3: 30, M4: 15, M5: 0 }, gradeLines: { good: 85, fairlyGood: 70, fair: 60 }, seed: 5 })).id;
    } finally {
      await rt.close();
    }
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a snapshot and computes a round', async () => {
    const s = cli('indicators', 'snapshot', '--set', 'monitoring', '--period', '2025', '--region', '522633', '--json');
    expect(s.status, s.stderr).toBe(0);
    const snap = JSON.parse(s.stdout) as { id: number; values: number };
    expect(snap.values).toBe(15);
    const rt = await openRuntime(env);
    try {
      const v = await rt.services.indicators.snapshotValues(NATIONAL_SCOPE, snap.id, ['522633']);
      expect(v.values.find((x) => x.indicatorId === 'JC10')!.value).toBe(3);
    } finally {
      await rt.close();
    }
    const c = cli('evaluation', 'compute', '--round', String(roundId), '--json');
    expect(c.status, c.stderr).toBe(0);
    // by hand in src/server/routes/evaluation/evaluation.routes.test.ts: 522633 55, 522632 45
    expect((JSON.parse(c.stdout) as { countyCode: string; score: number; rank: number }[]).map((r) => [r.countyCode, r.score, r.rank])).toEqual([['522633', 55, 1], ['522632', 45, 2]]);
  }, 180_000);

  it('exits 2 with the reason for a bad period', () => {
    const r = cli('indicators', 'snapshot', '--set', 'monitoring', '--period', '2025-13');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('报告期应为');
  }, 180_000);
});
