/**
 * Benchmark of issue 17's crafted uploads against a listening server (embedded default, loopback only):
 * 20,000 and 200,000 rows of `,,,,,` (before: 18 s and over 18 minutes of a frozen server), a 20 MB
 * single line of 10 million columns (before: 210 s and 3.3 GB), and a generated 20,000-row person file
 * as a normal upload for comparison. For each: seconds of the preview, peak RSS of the process (the
 * parsing worker threads included), and the latency of another user's request (GET /api/v1/auth/me,
 * one every 20 ms) while the file is parsed. Prints its figures; asserts nothing.
 *
 *   npx tsx bench/hardening.bench.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/server/app';
import { openRuntime } from '../src/server/bootstrap';
import { closeParsing, warmParsing } from '../src/server/intake/readers/parse-worker';
import { systemActor } from '../src/server/services/actor';

const dir = mkdtempSync(join(tmpdir(), 'zhenxing-bench-hard-'));
const rt = await openRuntime({ ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', ZX_ID_KEY: '33'.repeat(32), ZX_SIGN_IN_RATE_PER_ADDRESS: '1000' });
const app = await buildApp(rt.services, { logger: false, web: false });
const base = await app.listen({ host: '127.0.0.1', port: 0 });

/** The crafted files, generated here (no real person). */
function files(): { name: string; label: string; bytes: Buffer }[] {
  const person = ['户编号,姓名,身份证号,与户主关系,劳动技能'];
  for (let i = 0; i < 20_000; i++) person.push(`P-${Math.floor(i / 4)},测试${i},52263319700101${String(1000 + (i % 9000)).slice(-3)}${i % 10},${i % 4 ? '之子' : '户主'},普通劳动力`);
  return [
    { name: 'commas-20k.csv', label: '20,000 rows of ",,,,,"', bytes: Buffer.from(',,,,,\n'.repeat(20_000)) },
    { name: 'commas-200k.csv', label: '200,000 rows of ",,,,,"', bytes: Buffer.from(',,,,,\n'.repeat(200_000)) },
    { name: 'wide.csv', label: '20 MB line of 10 million columns', bytes: Buffer.from('x,'.repeat(10_000_000)) },
    { name: 'persons-20k.csv', label: 'normal file: 20,000 persons (preview)', bytes: Buffer.from(person.join('\n') + '\n') },
  ];
}

try {
  await rt.services.regions.ensureReferenceData();
  const pw = 'Bench-Passw0rd-2026';
  await rt.services.accounts.createUser(systemActor(), { username: 'bench', regionCode: null, roles: ['admin', 'dataEntry'] }, { password: pw, mustChangePassword: false });
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: pw }) });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  warmParsing(rt.config.readerLimits);
  await new Promise((r) => setTimeout(r, 3000));
  console.log('file | bytes | preview answer | seconds | peak RSS | other request while parsing: n, median, max');
  for (const f of files()) {
    const p = join(dir, f.name);
    writeFileSync(p, f.bytes);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(p)]), f.name);
    const up = (await (await fetch(`${base}/api/v1/intake/uploads`, { method: 'POST', headers, body: form })).json()) as { uploadId: string };
    let peak = process.memoryUsage().rss;
    let done = false;
    const t0 = performance.now();
    const preview = fetch(`${base}/api/v1/intake/uploads/${up.uploadId}/preview`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'national-person', village: '522633100207' }) })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { details?: { code?: string } }; counts?: { rows: number } } }))
      .finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      await fetch(`${base}/api/v1/auth/me`, { headers });
      latencies.push(performance.now() - t);
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await preview;
    const secs = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const answer = res.status === 200 ? `200, ${res.body.counts?.rows} rows` : `${res.status} ${res.body.error?.details?.code}`;
    console.log(`${f.label} | ${f.bytes.length.toLocaleString('en-US')} | ${answer} | ${secs.toFixed(2)} | ${Math.round(peak / 1024 / 1024)} MiB | ${latencies.length}, ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, ${latencies.at(-1)?.toFixed(1)} ms`);
  }
} finally {
  await app.close();
  await closeParsing();
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
}
