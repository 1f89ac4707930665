/** openRuntime refuses to start on PostgreSQL without a configured ID key (config_error naming ZX_ID_KEY). */
import { describe, expect, it } from 'vitest';
import { openRuntime } from './bootstrap';
import { PG_URL } from '../../test/harness';

describe('openRuntime', () => {
  it('refuses PostgreSQL without ZX_ID_KEY', async () => {
    await expect(openRuntime({ DATABASE_URL: PG_URL, ZX_DATA_DIR: '/tmp/zhenxing-bootstrap-test', LOG_LEVEL: 'silent' })).rejects.toMatchObject({ code: 'config_error', message: expect.stringContaining('ZX_ID_KEY') });
  });
});
