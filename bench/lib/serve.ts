/**
 * The product's server for the HTTP bench: opens the database of ZX_DATA_DIR (or DATABASE_URL), creates
 * a national bench user, listens on a free port without request logging, signs in, and prints one JSON
 * line `{ "port": …, "cookie": "zx_session=…" }` on stdout. Bench code only.
 */
import { openRuntime } from '../../src/server/bootstrap';
import { buildApp } from '../../src/server/app';
import { systemActor } from '../../src/server/services/actor';

const rt = await openRuntime({ ...process.env, LOG_LEVEL: 'silent' });
const username = `bench_${process.pid}`;
const password = 'Bench-Passw0rd-2026';
await rt.services.accounts.createUser(systemActor('bench'), { username, regionCode: null, roles: ['admin', 'reviewer', 'countyApprover'] }, { password, mustChangePassword: false });
const app = await buildApp(rt.services, { logger: false, web: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
console.log(JSON.stringify({ port, cookie }));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
