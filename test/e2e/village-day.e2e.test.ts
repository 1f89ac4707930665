/**
 * A village cadre's day on a 375-px phone (issue 16 item 2), over the demo county at work (the seed's
 * demo cases): the worklist → the case awaiting the village's verification → the step done → the
 * enrolled household's first measure. On every page the document is no wider than the viewport (tables
 * scroll inside themselves or show as cards). Screenshots at 375 × 812 and 1440 × 900 go to
 * docs/screenshots/ for a reviewer.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInAs } from './browser';
import { startE2eServer } from './server';

let server: Awaited<ReturnType<typeof startE2eServer>> | undefined;
beforeAll(async () => {
  server = await startE2eServer({ demoCases: 40 });
}, 300_000);
afterAll(async () => {
  await server?.close();
});

const SHOTS = resolve(process.cwd(), 'docs/screenshots');
const T = 30_000;

/** How far the page is wider than the viewport (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
}

test('a village cadre walks worklist → case → step → measure at 375 px without sideways scrolling', async () => {
  mkdirSync(SHOTS, { recursive: true });
  expect(server!.village, 'the e2e server has a village cadre (demo cases seeded)').not.toBeNull();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    for (const [w, h, tag] of [[375, 812, 'phone'], [1440, 900, 'desktop']] as const) {
      const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'zh-CN', isMobile: w < 600, hasTouch: w < 600 });
      const page = await ctx.newPage();
      await page.goto(`${server!.url}/`);
      await signInAs(page, server!.village!);
      await page.goto(`${server!.url}/workflow`);
      await page.getByTestId('worklist-page').waitFor({ timeout: T });
      await settle(page);
      expect(await overflow(page), `${tag} worklist`).toBeLessThanOrEqual(0);
      // the village is shown by name (its code only in the tooltip)
      const village = page.locator('[data-testid="worklist-page"] [data-region-code]').first();
      await village.waitFor({ timeout: T });
      expect(await village.innerText()).toMatch(/村/);
      expect(await village.getAttribute('data-region-code')).toBe(server!.village!.regionCode);
      await page.screenshot({ path: resolve(SHOTS, `${tag}-worklist.png`), fullPage: true });
      // the rules page (per-rule counts, names of regions) and the household list (search by ID/name)
      for (const [path, id, name] of [['/rules', 'rules-page', 'rules'], ['/households', 'household-list', 'households']] as const) {
        await page.goto(`${server!.url}${path}`);
        await page.getByTestId(id).waitFor({ timeout: T });
        await settle(page);
        expect(await overflow(page), `${tag} ${path}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: resolve(SHOTS, `${tag}-${name}.png`), fullPage: true });
      }
      await page.goto(`${server!.url}/workflow`);
      await page.getByTestId('worklist-page').waitFor({ timeout: T });
      if (tag === 'desktop') {
        await ctx.close();
        continue;
      }

      // the case awaiting the village's verification
      const row = page.locator('.ant-table-row, .work-card', { hasText: '入户核实' }).first();
      await row.locator('a[data-testid^="work-"]').click();
      await page.locator('[data-testid="case-page"][data-state="verification"]').waitFor({ timeout: T });
      await settle(page);
      expect(await overflow(page), 'case page').toBeLessThanOrEqual(0);
      await page.screenshot({ path: resolve(SHOTS, 'phone-case.png'), fullPage: true });

      // the step: verification with consent
      const form = page.getByTestId('step-form');
      await page.getByTestId('consent').check();
      await page.getByTestId('step-findings').fill('入户核实:家庭收入下降(演示)');
      await form.getByTestId('step-submit').click();
      await page.locator('[data-testid="case-page"][data-state="comparison"]').waitFor({ timeout: T });
      await settle(page);
      expect(await overflow(page), 'case page after the step').toBeLessThanOrEqual(0);
      // the next step is the township's: the cadre is told, not offered a form that would answer 403
      await page.getByTestId('step-not-yours').waitFor({ timeout: T });
      await page.screenshot({ path: resolve(SHOTS, 'phone-case-step-done.png'), fullPage: true });

      // the enrolled household awaiting its first measure, from the worklist
      await page.goto(`${server!.url}/workflow`);
      await page.getByTestId('worklist-page').waitFor({ timeout: T });
      await page.locator('.ant-table-row, .work-card', { hasText: '落实首项帮扶措施' }).first().locator('a[data-testid^="work-"]').click();
      await page.locator('[data-testid="case-page"][data-state="enrolled"]').waitFor({ timeout: T });
      const measures = page.getByTestId('measures');
      await measures.waitFor({ timeout: T });
      await page.getByTestId('measure-unit').fill('县人社局');
      await page.getByTestId('measure-amount').fill('abc');
      await page.getByTestId('measure-submit').click();
      await expect.poll(() => measures.innerText(), { timeout: T }).toContain('金额应为数字');
      await page.getByTestId('measure-amount').fill('1200');
      await page.getByTestId('measure-submit').click();
      await expect.poll(() => measures.innerText(), { timeout: T }).toContain('县人社局');
      await settle(page);
      expect(await overflow(page), 'case page with the measure').toBeLessThanOrEqual(0);
      await page.screenshot({ path: resolve(SHOTS, 'phone-measure.png'), fullPage: true });
      await ctx.close();
    }
  } finally {
    await browser?.close();
  }
}, 300_000);
