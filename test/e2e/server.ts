/**
 * Starts the real server for browser tests: a fresh embedded database in a temporary folder, the
 * reference data, a small invented population (5,000 persons), the built web UI, on a free port.
 * `ZX_E2E_BASE_URL` points the tests at a server already running instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app';
import { openRuntime } from '../../src/server/bootstrap';
import { ensureWebBuilt } from '../../src/cli/commands/start';

export async function startE2eServer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.ZX_E2E_BASE_URL) return { url: process.env.ZX_E2E_BASE_URL.replace(/\/$/, ''), close: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'zhenxing-e2e-'));
  const rt = await openRuntime({ ...process.env, DATABASE_URL: '', ZX_DATA_DIR: dir, LOG_LEVEL: 'silent', ZX_ID_KEY: '11'.repeat(32) });
  await rt.services.regions.ensureReferenceData();
  await rt.services.seed.seed({ persons: 5000, seed: 7 });
  await ensureWebBuilt(() => {});
  const app = await buildApp(rt.services, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    close: async () => {
      await app.close();
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
