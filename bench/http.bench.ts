/**
 * HTTP benchmark (issue 15): the product's server and a hello-world Fastify run as child processes on
 * the same machine; autocannon (10 connections, BENCH_SECONDS each, default 10) loads each dashboard
 * level (summary and child table: nation, province, prefecture, county, township, village) and the first
 * household-list page of a county, and the hello-world route in the same run (just before and just after
 * each product figure; their mean is the reference; both servers warmed first); prints req/s, p50 and p99
 * latency and the ratio to hello-world (target: ≥ 30 % with p99 ≤ 50 ms), then times the national
 * data-quality view (GET /api/v1/intake/checks, one request). Asserts nothing.
 *
 *   BENCH_DIR=/tmp/zx1m npx tsx bench/http.bench.ts      # a database seeded by `BENCH_DIR=… npm run bench`
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { openRuntime } from '../src/server/bootstrap';
import { RegionRepository } from '../src/server/repositories/region.repository';
import { sql } from 'kysely';
import { table, timeIt } from './lib/report';

const dir = process.env.BENCH_DIR;
if (!dir && !process.env.BENCH_DATABASE_URL) throw new Error('BENCH_DIR (a seeded SQLite data folder) or BENCH_DATABASE_URL is required');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const env = { ...process.env, ZX_DATA_DIR: dir ?? '/tmp/zhenxing-http-bench', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', LOG_LEVEL: 'silent', ZX_ID_KEY: '22'.repeat(32), ZX_AUDIT_KEY: '23'.repeat(32) };

// the regions to load: the county with the most households, its first township and village
const rt = await openRuntime(env);
const year = rt.config.defaultYear;
const county = (await rt.db.selectFrom('household').select('countyCode').groupBy('countyCode').orderBy(sql`count(*)`, 'desc').limit(1).executeTakeFirstOrThrow()).countyCode;
const regions = new RegionRepository(rt.db);
const township = (await regions.children(county))[0]!.code;
const village = (await regions.children(township))[0]!.code;
await rt.close();

function start(cmd: string, args: string[]): Promise<{ child: ChildProcess; info: { port: number; cookie?: string } }> {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

async function load(url: string, headers: Record<string, string> = {}): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const r = await autocannon({ url, connections: 10, duration: seconds, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const server = await start('node', ['--import', 'tsx', 'bench/lib/serve.ts']);
const hello = await start('node', ['bench/lib/hello.mjs']);
const base = `http://127.0.0.1:${server.info.port}/api/v1`;
const auth = { cookie: server.info.cookie! };
try {
  // warm both up
  await load(`http://127.0.0.1:${hello.info.port}/`);
  const targets: [string, string][] = [];
  for (const [name, code] of [['national', ''], ['province', county.slice(0, 2)], ['prefecture', county.slice(0, 4)], ['county', county], ['township', township], ['village', village]] as const) {
    const q = code ? `region=${code}&year=${year}` : `year=${year}`;
    targets.push([`${name} summary`, `${base}/summary?${q}`], [`${name} child table`, `${base}/summary/children?${q}`]);
  }
  targets.push([`household list, first page of county ${county}`, `${base}/households?region=${county}&year=${year}`]);
  // warm the product too (compiled code paths, the per-process caches of figures and sessions), a second each
  for (const [, url] of targets) await autocannon({ url, connections: 10, duration: 1, headers: auth });
  const rows: string[][] = [];
  for (const [name, url] of targets) {
    // hello-world just before and just after the product, their mean as the reference: the load of the
    // shared machine changes within seconds
    const before = await load(`http://127.0.0.1:${hello.info.port}/`);
    const r = await load(url, auth);
    const after = await load(`http://127.0.0.1:${hello.info.port}/`);
    const ref = (before.rps + after.rps) / 2;
    const hw = `hello-world ${Math.round(ref).toLocaleString()} req/s (${Math.round(before.rps).toLocaleString()} before, ${Math.round(after.rps).toLocaleString()} after)`;
    rows.push([name, `${Math.round(r.rps).toLocaleString()} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`, hw, `${((100 * r.rps) / ref).toFixed(1)} %`]);
    process.stderr.write(`  ${name}: ${rows.at(-1)![1]} (${rows.at(-1)![3]} of hello-world)\n`);
  }
  const checks = await timeIt(() => fetch(`${base}/intake/checks?year=${year}`, { headers: auth }).then((r) => r.text()));
  rows.push(['national data-quality view (one request)', `${Math.round(checks.ms).toLocaleString()} ms, ${checks.result.length.toLocaleString()} bytes`, '—', '—']);
  console.log(`\n10 connections, ${seconds} s each (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} at the end)\n`);
  console.log(table(['request', 'product', 'reference, same run', 'product ÷ reference'], rows));
} finally {
  server.child.kill();
  hello.child.kill();
}
