// `npm test`: runs vitest once, then prints the plain closing line `N passed, N failed, N skipped` that
// CI reads (vitest's own summary is not read), and fails when no test ran at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const out = 'test-results/vitest.json';
if (existsSync(out)) rmSync(out);
const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], { stdio: 'inherit' });
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
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(r.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
