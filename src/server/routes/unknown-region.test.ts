/**
 * A region code that is not in the loaded tree is a 400 unknown_region on every read that takes a
 * region, never an empty 200 (fresh-clone finding: timeliness and checks answered zeros for 999999).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../test/harness';
import type { Services } from '../container';

forEachDialect('unknown region codes', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  let app: Awaited<ReturnType<typeof newTestApp>>;
  let headers: Record<string, string>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    app = await newTestApp(services);
    headers = await testAuthHeaders(app, services, {});
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it.each(['/api/v1/timeliness', '/api/v1/worklist', '/api/v1/cases/overdue', '/api/v1/intake/checks', '/api/v1/households', '/api/v1/summary'])('%s?region=999999 is 400 unknown_region', async (url) => {
    const res = await app.inject({ method: 'GET', url: `${url}?region=999999`, headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_region');
  });
});
