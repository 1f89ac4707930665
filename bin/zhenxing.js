#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so that `npx zhenxing …` works from a checkout — and from any
// directory: tsx is resolved from this package (import.meta.resolve from bin/), not from the current
// directory, whose node_modules may not have it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsx;
try {
  tsx = import.meta.resolve('tsx');
} catch {
  console.error(`找不到 tsx:请在 ${root} 中运行 npm install`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
