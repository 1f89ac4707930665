/**
 * The operator commands end to end on a fresh embedded database: `user create --admin` prints a one-time
 * password that signs in (and must be changed); `audit anchor` prints a checkpoint and appends it to the
 * data folder's anchor file; `audit verify` passes (exit 0), then detects one row changed with SQL
 * (exit 1, naming its id and what happened).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../../server/bootstrap';
import type { AuditVerifyReport } from '../../server/services/audit.service';
import { describeVerify } from './accounts';

const dir = mkdtempSync(join(tmpdir(), 'zhenxing-cli-acc-'));
const env = { ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', ZX_ID_KEY: '55'.repeat(32) };
const cli = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { env, encoding: 'utf8', timeout: 120_000 });

describe('zhenxing user create / audit verify', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an administrator with a one-time password, then verifies and catches a tampered audit row', async () => {
    const made = cli('user', 'create', '--admin', '--username', 'county.admin', '--region', '522633');
    expect(made.status, made.stderr).toBe(0);
    const password = /一次性密码:(\S{16})/.exec(made.stdout)?.[1];
    expect(password).toBeDefined();
    const rt = await openRuntime(env);
    try {
      const signed = await rt.services.accounts.signIn('county.admin', password!, { ip: '127.0.0.1' });
      expect(signed.user).toMatchObject({ regionCode: '522633', roles: ['admin'], mustChangePassword: true });
    } finally {
      await rt.close();
    }
    expect(cli('user', 'create', '--admin', '--username', 'county.admin').status).toBe(2); // taken: 409 → exit 2

    // the audit key lives in the data folder beside the database, never in it
    expect((statSync(join(dir, 'audit.key')).mode & 0o777).toString(8)).toBe('600');
    const anchored = cli('audit', 'anchor');
    expect(anchored.status, anchored.stderr).toBe(0);
    const line = anchored.stdout.trim().split('\n').at(-1)!;
    expect(JSON.parse(line)).toMatchObject({ id: expect.any(Number), hash: expect.stringMatching(/^k1:/), mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readFileSync(join(dir, 'audit-anchors.log'), 'utf8').trim()).toBe(line);
    const ok = cli('audit', 'verify');
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/审计日志完整:已校验 \d+ 条/);
    expect(ok.stdout).toContain('锚点:1 个检查点');
    const db = new Database(join(dir, 'zhenxing.db'));
    const first = db.prepare('select id from audit_event order by id limit 1').get() as { id: number };
    db.prepare("update audit_event set outcome = 'denied' where id = ?").run(first.id);
    db.close();
    const bad = cli('audit', 'verify', '--json');
    expect(bad.status).toBe(1);
    const report = JSON.parse(bad.stdout) as AuditVerifyReport;
    expect(report).toMatchObject({ ok: false, firstBrokenId: first.id, breaks: [{ id: first.id, kind: 'altered' }] });
    // the text form of the same report (what `audit verify` prints without --json)
    expect(describeVerify(report)).toContain(`id=${first.id}:内容被改动`);
  }, 300_000);
});
