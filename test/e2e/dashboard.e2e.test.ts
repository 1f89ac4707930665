/**
 * Browser test of the golden path in Debian's Chromium: dashboard (national) → province → … → county →
 * household list → household page with its verdicts. Saves test-results/dashboard.png and
 * test-results/household.png.
 *
 * The server under test is started by startE2eServer() (fresh embedded database, 5,000 invented persons),
 * or given by ZX_E2E_BASE_URL. The test fails, never skips, when it cannot run.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, signInAs } from './browser';
import { startE2eServer } from './server';
import type { Browser, Page } from 'playwright-core';

let server: Awaited<ReturnType<typeof startE2eServer>> | undefined;
beforeAll(async () => {
  server = await startE2eServer();
}, 240_000);
afterAll(async () => {
  await server?.close();
});

/** The base URL of the server under test (no trailing slash): the one started above, or ZX_E2E_BASE_URL. */
async function e2eBaseUrl(): Promise<string> {
  if (!server) throw new Error('e2e server did not start');
  return server.url.replace(/\/+$/, '');
}

const RESULTS = resolve(process.cwd(), 'test-results');
const STEP_TIMEOUT = 30_000;

/** Level of the dashboard on screen, once it has loaded. */
async function dashboardLevel(page: Page): Promise<string> {
  const dashboard = page.getByTestId('dashboard');
  await dashboard.waitFor({ timeout: STEP_TIMEOUT });
  return (await dashboard.getAttribute('data-level')) ?? '';
}

/** Clicks the first row of the child-region table and waits until the dashboard shows that region. */
async function drillIntoFirstChild(page: Page): Promise<string> {
  const firstRow = page.locator('[data-testid="child-table"] .ant-table-tbody tr.ant-table-row').first();
  await firstRow.waitFor({ timeout: STEP_TIMEOUT });
  const code = await firstRow.getAttribute('data-row-key');
  expect(code, 'child row carries its region code').toMatch(/^\d+$/);
  await firstRow.click();
  await page.locator(`[data-testid="dashboard"][data-region="${code}"]`).waitFor({ timeout: STEP_TIMEOUT });
  return code ?? '';
}

/** Fills the sign-in page (which the app shows when signed out) and waits until it is gone. */
test('dashboard → province → county → households → household', async () => {
  const base = await e2eBaseUrl();
  mkdirSync(RESULTS, { recursive: true });
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    page.on('pageerror', (err) => pageErrors.push(err.message));

    // 0. Signed out, the app opens the sign-in page; sign in as a national user.
    await page.goto(`${base}/`);
    await signInAs(page, server!.national);
    await page.screenshot({ path: resolve(RESULTS, 'after-sign-in.png') });

    // 1. National dashboard: the Chinese figures render.
    expect(await dashboardLevel(page)).toBe('national');
    const households = page.getByTestId('fig-households');
    await expect.poll(() => households.innerText(), { timeout: STEP_TIMEOUT }).toMatch(/户数[\s\S]*\d/);
    await expect.poll(() => page.getByTestId('fig-persons').innerText()).toMatch(/人数[\s\S]*\d/);
    await expect.poll(() => page.getByTestId('fig-monitored').innerText()).toContain('监测户');
    await expect.poll(() => page.getByTestId('fig-flagged').innerText()).toContain('风险预警户');
    await expect.poll(() => page.getByTestId('key-counties-loaded').innerText()).toMatch(/已载入国家重点帮扶县 \d+ \/ 160 个/);
    await page.getByTestId('chart-income').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('[data-testid="child-table"] .ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: STEP_TIMEOUT });
    await page.waitForTimeout(800); // let the chart animations finish before the screenshot
    await page.screenshot({ path: resolve(RESULTS, 'dashboard.png'), fullPage: true });

    // 2. Drill into a province, then down to a county (province → prefecture → county).
    await drillIntoFirstChild(page);
    expect(await dashboardLevel(page)).toBe('province');
    let county = '';
    for (let i = 0; i < 3 && (await dashboardLevel(page)) !== 'county'; i += 1) {
      county = await drillIntoFirstChild(page);
    }
    expect(await dashboardLevel(page), 'reached a county').toBe('county');
    await expect.poll(() => page.getByTestId('region-breadcrumb').innerText()).toContain('全国');

    // 3. Household list of the county.
    await page.getByTestId('view-households').click();
    await page.getByTestId('household-list').waitFor({ timeout: STEP_TIMEOUT });
    expect(new URL(page.url()).searchParams.get('region')).toBe(county);
    const firstHousehold = page.getByTestId('household-link').first();
    await firstHousehold.waitFor({ timeout: STEP_TIMEOUT });
    await expect.poll(() => page.getByTestId('household-total').innerText()).toMatch(/共 [\d,]+ 户/);

    // 4. The first household, with at least one verdict card.
    await firstHousehold.click();
    await page.getByTestId('household-page').waitFor({ timeout: STEP_TIMEOUT });
    await page.getByTestId('verdict-card').first().waitFor({ timeout: STEP_TIMEOUT });
    expect(await page.getByTestId('verdict-card').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('verdict-card').first().innerText()).toContain('如何解除');
    await page.screenshot({ path: resolve(RESULTS, 'household.png'), fullPage: true });

    // 5. The administrator's pages: users of the region and the audit log (with this sign-in in it).
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-page').waitFor({ timeout: STEP_TIMEOUT });
    await expect.poll(() => page.getByTestId('users-page').innerText(), { timeout: STEP_TIMEOUT }).toContain('e2e.county');
    await page.screenshot({ path: resolve(RESULTS, 'users.png'), fullPage: true });
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-page').waitFor({ timeout: STEP_TIMEOUT });
    await expect.poll(() => page.getByTestId('audit-page').innerText(), { timeout: STEP_TIMEOUT }).toContain('e2e.national');
    await page.screenshot({ path: resolve(RESULTS, 'audit.png'), fullPage: true });

    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  } finally {
    await browser?.close();
  }
}, 180_000);

test('a county user signs in, sees their county, and cannot open another county\'s household by its URL', async () => {
  const base = await e2eBaseUrl();
  mkdirSync(RESULTS, { recursive: true });
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${base}/households/${server!.foreignHouseholdId}`);
    await signInAs(page, server!.county);
    // back on the URL asked for: the household of another county answers like a missing one
    await page.waitForURL(`**/households/${server!.foreignHouseholdId}`, { timeout: STEP_TIMEOUT });
    await expect.poll(() => page.locator('body').innerText(), { timeout: STEP_TIMEOUT }).toContain('未找到该农户');
    expect(await page.getByTestId('household-page').count()).toBe(0);
    await page.screenshot({ path: resolve(RESULTS, 'foreign-household.png'), fullPage: true });
    // the dashboard opens on the user's own county
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByTestId('dashboard').getAttribute('data-region'), { timeout: STEP_TIMEOUT }).toBe(server!.county.regionCode);
    expect(await page.getByTestId('dashboard').getAttribute('data-level')).toBe('county');
    // a household of their own county: the full ID number is shown only after giving a reason
    await page.goto(`${base}/households`);
    await page.getByTestId('household-link').first().click();
    await page.getByTestId('household-page').waitFor({ timeout: STEP_TIMEOUT });
    const firstId = page.getByTestId('id-number').first();
    expect(await firstId.innerText()).toMatch(/\*{4,}/);
    await page.getByTestId('reveal-id').first().click();
    await page.getByPlaceholder('查看理由(至少4个字)').fill('核实家庭成员身份');
    await page.getByRole('button', { name: /查\s*看/ }).last().click();
    await expect.poll(() => firstId.innerText(), { timeout: STEP_TIMEOUT }).toMatch(/^\d{17}[\dX]$/);
    await page.screenshot({ path: resolve(RESULTS, 'revealed-id.png'), fullPage: true });
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  } finally {
    await browser?.close();
  }
}, 120_000);
