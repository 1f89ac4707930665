/**
 * Browser test of the procedure engine and the notice module in Debian's Chromium: the catalogue of
 * procedures at /procedures; a 项目库 record opened from the form and carried on its generic page through
 * 村级申报 → 乡镇审核 → 县级论证 → 入库公示 (10 days, posted on the page) → 县级审定 → 已入库 by the national
 * operator (admin: records every step on behalf of the level concerned); the notice's A4 print page; the
 * worklist tab of every procedure. Dates are in the past relative to today (the server's real clock) so that
 * the notice period has passed. Saves test-results/procedure-record.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
const T = 30_000;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Does the default (first) action of the step awaited on `date`, or the action titled `action`; waits for `next`. */
async function act(page: Page, date: string, next: string, action?: string) {
  const form = page.getByTestId('act-form');
  if (action) {
    await form.getByTestId('act-action').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: action }).first().click();
  }
  await form.getByTestId('act-date').fill(date);
  await form.getByTestId('act-submit').click();
  await page.locator(`[data-testid="record-state"][data-state="${next}"]`).waitFor({ timeout: T });
}

/** Opens a 项目库 record from the form of /procedures (the page is open); returns its id. */
async function openRecord(page: Page, village: string, subject: string, title: string): Promise<number> {
  await page.getByTestId('open-procedure').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '项目库入库' }).first().click();
  await page.getByTestId('open-subject').fill(subject);
  await page.getByTestId('open-title').fill(title);
  await page.getByTestId('open-region').fill(village);
  await page.locator('input[type="date"]').first().fill(daysAgo(20));
  await page.getByTestId('open-record').click();
  await page.locator('[data-testid="record-state"][data-state="declaration"]').waitFor({ timeout: T });
  return Number(/records\/(\d+)/.exec(page.url())![1]);
}

test('项目库 record through its generic page, notice printed, worklist of every procedure', async () => {
  const base = server!.url.replace(/\/+$/, '');
  mkdirSync(RESULTS, { recursive: true });
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${base}/procedures`);
    await signInAs(page, server!.national);
    await page.getByTestId('procedures-page').waitFor({ timeout: T });
    await page.getByTestId('procedure-project-library').waitFor({ timeout: T });
    const hh = (await (await page.request.get(`${base}/api/v1/households?limit=1`)).json()) as { items: { villageCode: string }[] };
    const village = hh.items[0]!.villageCode;

    // open a record from the form
    await openRecord(page, village, 'E2E-P-1', '端到端测试产业路');

    await act(page, daysAgo(19), 'townshipReview');
    await act(page, daysAgo(18), 'countyAssessment');
    await act(page, daysAgo(17), 'publicNotice');
    // post the notice: 10 days from 16 days ago, ends 7 days ago
    await page.getByTestId('notice-posted-on').fill(daysAgo(16));
    await page.getByTestId('notice-days').fill('10');
    await page.getByTestId('notice-issuer').fill('测试县乡村振兴局');
    await page.getByTestId('notice-objections-to').fill('县乡村振兴局(监督电话12317)');
    await page.getByTestId('post-notice').click();
    await page.getByTestId('notice-card').waitFor({ timeout: T });
    await act(page, daysAgo(1), 'countyApproval');
    await act(page, daysAgo(0), 'stored');
    await expect.poll(() => page.getByTestId('record-state').innerText()).toBe('已入库');
    await page.screenshot({ path: resolve(RESULTS, 'procedure-record.png'), fullPage: true });

    const href = await page.getByTestId('notice-print').getAttribute('href');
    const print = await page.request.get(`${base}${href}`);
    expect(print.status()).toBe(200);
    const html = await print.text();
    expect(html).toContain('@page { size: A4 portrait');
    expect(html).toContain('端到端测试产业路');
    expect(html).toContain(`公示期为 10 天(${daysAgo(16)} 至 ${daysAgo(7)})`);

    // the worklist of every procedure shows a record left at its first step
    await page.goto(`${base}/procedures`);
    await page.getByTestId('procedures-page').waitFor({ timeout: T });
    const open = await openRecord(page, village, 'E2E-P-2', '端到端测试待办项目');
    await page.goto(`${base}/workflow`);
    await page.getByTestId('tab-all-procedures').click();
    await page.getByTestId(`all-project-library-${open}`).waitFor({ timeout: T });
    expect(pageErrors).toEqual([]);
  } finally {
    await browser?.close();
  }
}, 240_000);
