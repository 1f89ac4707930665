/**
 * The `zhenxing cases` commands, run as a child process over an embedded database prepared in a temporary
 * data folder (SQLite): `cases overdue --json` lists the overdue case, `cases close-notices --json` closes
 * the notice whose period ended, and a bad `--region` exits 2 with the Chinese message. Dates are set
 * relative to today because the CLI runs on the real clock.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../../server/bootstrap';
import { NATIONAL_SCOPE } from '../../server/repositories/scope';
import { systemActor } from '../../server/services/actor';
import { head, household, VILLAGES } from '../../../test/fixtures/registry';

const dir = mkdtempSync(join(tmpdir(), 'zx-cli-cases-'));
const env = { ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', ZX_SEED_PERSONS: '0', ZX_ID_KEY: '44'.repeat(32) };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), ...args], { env, encoding: 'utf8', timeout: 60_000 });

describe('zhenxing cases', () => {
  let overdueCase = 0;
  let noticeCase = 0;
  beforeAll(async () => {
    const rt = await openRuntime(env);
    try {
      await rt.services.regions.ensureReferenceData();
      const { ids } = await rt.services.registry.registerHouseholds(NATIONAL_SCOPE, [household('CLI-1', VILLAGES.basha, [head()]), household('CLI-2', VILLAGES.darong, [head()])]);
      const a = systemActor('test');
      // clue 20 days ago: verification was due 18 days ago
      overdueCase = (await rt.services.cases.openCase(a, { householdId: ids.get('CLI-1'), origin: 'departmentAlert', clueDate: daysAgo(20) })).id;
      let c = await rt.services.cases.openCase(a, { householdId: ids.get('CLI-2'), origin: 'selfReport', clueDate: daysAgo(10) });
      c = await rt.services.cases.recordStep(a, c.id, { step: 'verificationVisit', version: c.version, performedOn: daysAgo(9), consentSigned: true, riskFound: true });
      c = await rt.services.cases.recordStep(a, c.id, { step: 'informationComparison', version: c.version, performedOn: daysAgo(9) });
      c = await rt.services.cases.recordStep(a, c.id, { step: 'villageReview', version: c.version, performedOn: daysAgo(8), agreed: true });
      c = await rt.services.cases.postNotice(a, c.id, { version: c.version, postedOn: daysAgo(8), days: 5 });
      noticeCase = c.id;
    } finally {
      await rt.close();
    }
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists overdue cases with why', () => {
    const r = cli('cases', 'overdue', '--json');
    expect(r.status, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout) as { caseId: number; why: string; daysOverdue: number }[];
    // the notice ended 4 days ago (posted 8 days ago for 5 days); it was due to close 3 days ago
    expect(items.map((i) => [i.caseId, i.daysOverdue])).toEqual([[overdueCase, 18], [noticeCase, 3]]);
    expect(items[0]!.why).toBe(`入户核实已逾期 18 天(应于 ${daysAgo(18)} 前完成)`);
  });

  it('closes the notice whose period has passed', () => {
    const r = cli('cases', 'close-notices', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ closed: [noticeCase], skipped: [] });
    const again = cli('cases', 'close-notices');
    expect(again.stdout.trim()).toBe('已结束公示 0 件');
  });

  it('exits 2 with the reason for an unknown region', () => {
    const r = cli('cases', 'overdue', '--region', '99');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('区划代码 99 未载入');
  });
});
