/**
 * The 监测评价 menu on a freshly seeded server (issue 10 "done when"): the indicator catalogue, a reported
 * and approved (locked) period with who has not submitted, and an evaluation round with ranks; a county's
 * lost points; the threshold what-if with results. Desktop and a 375-px phone (no sideways scroll).
 * Saves test-results/evaluation-*.png.
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
const overflow = (page: Page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

test('catalogue, reported and approved period, ranked round, lost points and what-if — desktop and 375 px', async () => {
  mkdirSync(RESULTS, { recursive: true });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 812 }]] as const) {
      const page = await browser.newPage({ viewport, locale: 'zh-CN' });
      await page.goto(`${server!.url}/`);
      await signInAs(page, server!.national);
      await page.getByTestId('dashboard').waitFor({ timeout: 30_000 });

      await page.goto(`${server!.url}/evaluation/catalogue`);
      await page.getByTestId('catalogue-table').first().waitFor({ timeout: 30_000 });
      expect(await page.getByText('监测对象占农户比例').count()).toBeGreaterThan(0);
      expect(await overflow(page), `${name} catalogue`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: resolve(RESULTS, `evaluation-${name}-catalogue.png`), fullPage: true });

      await page.goto(`${server!.url}/evaluation/reporting`);
      await page.getByTestId('reporting-counties').waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('reporting-counties').getByText('已锁定').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('reporting-levels').getByText('全国').count()).toBeGreaterThan(0);
      expect(await overflow(page), `${name} reporting`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: resolve(RESULTS, `evaluation-${name}-reporting.png`), fullPage: true });

      await page.goto(`${server!.url}/evaluation/rounds`);
      await page.getByTestId('round-results').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
      const first = page.getByTestId('round-results').locator('tbody tr.ant-table-row').first();
      expect((await first.locator('td').first().innerText()).trim()).toBe('1');
      expect(await overflow(page), `${name} rounds`).toBeLessThanOrEqual(0);
      await first.locator('a').first().click();
      await page.getByTestId('lost-points').waitFor({ timeout: 30_000 });
      expect(await overflow(page), `${name} county page`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: resolve(RESULTS, `evaluation-${name}-county.png`), fullPage: true });

      await page.goto(`${server!.url}/evaluation/analysis?tab=what-if`);
      await page.getByTestId('what-if-threshold').fill('9000');
      await page.getByTestId('what-if-run').click();
      await page.getByTestId('what-if-townships').waitFor({ timeout: 60_000 });
      expect(await overflow(page), `${name} what-if`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: resolve(RESULTS, `evaluation-${name}-what-if.png`), fullPage: true });
      await page.close();
    }
  } finally {
    await browser?.close();
  }
}, 300_000);
