/**
 * Benchmark of accounts and audit on the embedded default: sign-in (argon2id verify, m = 19 MiB, t = 2),
 * session lookup per request, audit append, `audit verify` over the whole chain, key rotation per
 * person. Prints its figures; asserts nothing.
 *
 *   npx tsx bench/accounts.bench.ts            # 20,000 audit events, 20,000 persons
 *   BENCH_EVENTS=100000 npx tsx bench/accounts.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime } from '../src/server/bootstrap';
import { systemActor } from '../src/server/services/actor';

const events = Number(process.env.BENCH_EVENTS ?? 20_000);
const persons = Number(process.env.BENCH_PERSONS ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'zhenxing-bench-acc-'));
const rt = await openRuntime({ ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', ZX_ID_KEY: '33'.repeat(32) });
const s = rt.services;
const ms = (t: number) => performance.now() - t;
try {
  await s.regions.ensureReferenceData();
  const pw = 'Bench-Passw0rd-2026';
  await s.accounts.createUser(systemActor(), { username: 'bench', regionCode: '522633', roles: ['reviewer'] }, { password: pw, mustChangePassword: false });
  let t = performance.now();
  let token = '';
  for (let i = 0; i < 10; i++) token = (await s.accounts.signIn('bench', pw, { ip: '127.0.0.1' })).token;
  console.log(`sign-in (argon2id verify + session + audit): ${(ms(t) / 10).toFixed(1)} ms each (10 runs)`);
  t = performance.now();
  for (let i = 0; i < 1000; i++) await s.accounts.authenticate(token);
  console.log(`session lookup per request: ${(ms(t) / 1000).toFixed(3)} ms (1,000 runs)`);
  t = performance.now();
  for (let i = 0; i < events; i++) await s.audit.record('bench', { action: 'bench', targetType: 'bench', targetId: i, outcome: 'ok', details: { i } });
  console.log(`audit append (own transaction): ${Math.round(events / (ms(t) / 1000))} events/s (${events.toLocaleString()} events)`);
  t = performance.now();
  const v = await s.audit.verify();
  console.log(`audit verify: ${v.checked.toLocaleString()} entries in ${Math.round(ms(t))} ms (${Math.round(v.checked / (ms(t) / 1000)).toLocaleString()} entries/s), intact=${v.firstBrokenId === null && v.headMatches}`);
  const r = await s.seed.seed({ persons, seed: 1 });
  t = performance.now();
  const k = await s.keys.rotate(systemActor(), Buffer.alloc(32, 0x44));
  console.log(`key rotation: ${k.persons.toLocaleString()} persons in ${Math.round(ms(t))} ms (${Math.round(k.persons / (ms(t) / 1000)).toLocaleString()} persons/s; seeded ${r.persons})`);
} finally {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
}
