/**
 * Browser test of the import page in Debian's Chromium, signed in as a data-entry user of 从江县 (session
 * cookie and CSRF token, issue 5): upload the c15 roster (default village) →
 * mapping and preview with its problems → commit with progress → result and history; then the
 * data-quality page and the clue queue. Saves test-results/intake-preview.png, intake-done.png,
 * quality.png and clues.png. Fails, never skips, when it cannot run.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, signInAs } from './browser';
import { startE2eServer } from './server';

let server: Awaited<ReturnType<typeof startE2eServer>> | undefined;
beforeAll(async () => {
  server = await startE2eServer();
}, 240_000);
afterAll(async () => {
  await server?.close();
});

const RESULTS = resolve(process.cwd(), 'test-results');
const FIX = resolve(__dirname, '../fixtures/intake');
const STEP = 30_000;

test('import page: upload → preview with problems → commit → history; quality and clue pages', async () => {
  const base = server!.url.replace(/\/+$/, '');
  mkdirSync(RESULTS, { recursive: true });
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 }, locale: 'zh-CN' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // signed out, the app opens the sign-in page: sign in as a data-entry user of 从江县 (like dashboard.e2e.test.ts)
    await page.goto(`${base}/intake`);
    await signInAs(page, server!.intake, STEP);
    await page.getByTestId('menu-intake').click();
    await page.getByTestId('import-page').waitFor({ timeout: STEP });
    await page.getByPlaceholder('默认村级区划代码(可选)').fill('522633100207');
    await page.locator('input[type=file]').setInputFiles(resolve(FIX, 'c15_roster.csv'));
    await page.getByTestId('preview-card').waitFor({ timeout: STEP });
    await expect.poll(() => page.getByTestId('problems-table').innerText(), { timeout: STEP }).toContain('PERSON_IN_MULTIPLE_HOUSEHOLDS');
    await expect.poll(() => page.getByTestId('preview-card').innerText()).toMatch(/新增\s*3/);
    await page.screenshot({ path: resolve(RESULTS, 'intake-preview.png'), fullPage: true });
    await page.getByTestId('commit-button').click();
    await page.getByTestId('import-result').waitFor({ timeout: STEP });
    await expect.poll(() => page.getByTestId('import-result').innerText()).toMatch(/新增 3.*待核实 7.*拒绝 3/);
    await expect.poll(() => page.getByText('c15_roster.csv').count()).toBeGreaterThan(1);
    await page.screenshot({ path: resolve(RESULTS, 'intake-done.png'), fullPage: true });

    await page.getByTestId('menu-checks').click();
    await page.getByTestId('quality-page').waitFor({ timeout: STEP });
    await expect.poll(() => page.getByTestId('quality-summary').innerText(), { timeout: 60_000 }).toMatch(/\d+ 户,发现 \d+ 条/);
    await page.locator('[data-testid="findings-table"] .ant-spin-spinning').waitFor({ state: 'detached', timeout: 60_000 });
    await page.screenshot({ path: resolve(RESULTS, 'quality.png'), fullPage: false });

    await page.getByTestId('menu-clues').click();
    await page.getByTestId('clue-page').waitFor({ timeout: STEP });
    await page.getByTestId('clue-table').waitFor({ timeout: STEP });
    await page.screenshot({ path: resolve(RESULTS, 'clues.png'), fullPage: false });
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  } finally {
    await browser?.close();
  }
}, 240_000);
