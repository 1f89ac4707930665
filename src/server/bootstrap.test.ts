/**
 * openRuntime refuses to start on PostgreSQL without configured keys: the ID key (ZX_ID_KEY) and the audit
 * chain's key (ZX_AUDIT_KEY, issue 17 point 4: servers sharing one database must share the chain key).
 */
import { describe, expect, it } from 'vitest';
import { openRuntime } from './bootstrap';
import { PG_URL } from '../../test/harness';

describe('openRuntime', () => {
  it('refuses PostgreSQL without ZX_ID_KEY', async () => {
    await expect(openRuntime({ DATABASE_URL: PG_URL, ZX_DATA_DIR: '/tmp/zhenxing-bootstrap-test', LOG_LEVEL: 'silent', ZX_AUDIT_KEY: 'ab'.repeat(32) })).rejects.toMatchObject({ code: 'config_error', message: expect.stringContaining('ZX_ID_KEY') });
  });
  it('refuses PostgreSQL without ZX_AUDIT_KEY, and generates no audit.key file', async () => {
    const dir = `/tmp/zhenxing-bootstrap-test-${process.pid}`;
    await expect(openRuntime({ DATABASE_URL: PG_URL, ZX_DATA_DIR: dir, LOG_LEVEL: 'silent', ZX_ID_KEY: 'cd'.repeat(32) })).rejects.toMatchObject({ code: 'config_error', message: expect.stringContaining('ZX_AUDIT_KEY') });
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${dir}/audit.key`)).toBe(false);
  });
});
