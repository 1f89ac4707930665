/**
 * Phones (issue 16 items 1–2): at 375 × 812 every page of the menu is reached through the drawer, and no
 * page is wider than the screen (document width ≤ viewport: tables scroll inside themselves). Saves
 * test-results/phone-*.png for a reviewer to look at.
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
const WIDTH = 375;

/** How far the page is wider than the viewport (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}

/** Opens the drawer and follows the menu entry with the test id; waits for the page to settle. */
async function viaDrawer(page: Page, testId: string): Promise<void> {
  await page.getByTestId('nav-drawer-open').click();
  await page.getByTestId(testId).click();
  await page.getByTestId('nav-drawer').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
}

test('a national user on a 375-px phone reaches every menu page through the drawer, and no page scrolls sideways', async () => {
  mkdirSync(RESULTS, { recursive: true });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await page.goto(`${server!.url}/`);
    await signInAs(page, server!.national);
    await page.getByTestId('dashboard').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    // the side menu is not shown on a phone: the drawer button is
    expect(await page.getByTestId('nav-sider').count()).toBe(0);
    expect(await overflow(page), 'dashboard').toBeLessThanOrEqual(0);
    await page.screenshot({ path: resolve(RESULTS, 'phone-dashboard.png'), fullPage: true });

    await page.getByTestId('nav-drawer-open').click();
    await page.getByTestId('nav-drawer').waitFor({ timeout: 10_000 });
    const ids = await page.locator('[data-testid="nav-drawer"] a[data-testid^="menu-"]').evaluateAll((as) => as.map((a) => a.getAttribute('data-testid') ?? ''));
    await page.screenshot({ path: resolve(RESULTS, 'phone-drawer.png') });
    await page.keyboard.press('Escape');
    expect(ids).toEqual(expect.arrayContaining(['menu-dashboard', 'menu-households', 'menu-clues', 'menu-workflow', 'menu-rules', 'menu-intake', 'menu-checks', 'menu-users', 'menu-audit']));

    const wide: string[] = [];
    for (const id of ids) {
      await viaDrawer(page, id);
      const o = await overflow(page);
      if (o > 0) wide.push(`${id} +${o}px`);
      await page.screenshot({ path: resolve(RESULTS, `phone-${id.replace('menu-', '')}.png`), fullPage: true });
    }
    expect(wide, 'pages wider than the phone').toEqual([]);
  } finally {
    await browser?.close();
  }
}, 240_000);
