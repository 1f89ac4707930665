// `npm test`: runs vitest once, then prints the plain closing line `N passed, N failed, N skipped` that
// CI reads (vitest's own summary is not read), and fails when no test ran at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

mkdirSync('test-results', { recursive: true });
const out = 'test-results/vitest.json';
if (existsSync(out)) rmSync(out);
// the API tests' server log (test/harness.ts): scanned after the run for ID numbers in clear (issue 9)
const logDir = join('test-results', 'server-logs');
rmSync(logDir, { recursive: true, force: true });
const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ZX_TEST_SERVER_LOG_DIR: logDir } });
let passed = 0, failed = 0, skipped = 0;
if (existsSync(out)) {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  passed = j.numPassedTests ?? 0;
  // failed tests, plus files that failed without any failed test (a crash on import or in a hook)
  const brokenFiles = (j.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed = (j.numFailedTests ?? 0) + brokenFiles;
  skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
} else {
  failed = 1;
}
// the same shape as the server's redaction (src/server/domain/masking.ts ID_LIKE): 15 digits, or 17 and a digit or X
const ID_LIKE = /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)/;
let logLines = 0;
for (const f of existsSync(logDir) ? readdirSync(logDir) : []) {
  const lines = readFileSync(join(logDir, f), 'utf8').split('\n');
  logLines += lines.length;
  const hit = lines.findIndex((l) => ID_LIKE.test(l));
  if (hit >= 0) {
    failed += 1;
    console.log(`FAIL server log ${join(logDir, f)} line ${hit + 1} holds an ID number in clear`);
  }
}
console.log(`server log scanned: ${logLines} lines`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(r.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
