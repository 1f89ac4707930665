/**
 * Browser test of the import preview's place mapping step at 375 px (a phone), in Debian's Chromium, signed in
 * as the data-entry user of 从江县 522633: an invented two-household file whose second row writes the village as
 * 岜沙 (a near miss of 岜沙村, 丙妹镇) is previewed, the mapping card lists it with the suggestion (not assigned),
 * the user picks the suggestion and previews again, and both households would be added. The page never
 * scrolls sideways. Saves test-results/places-mapping.png. Fails, never skips, when it cannot run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idNumber } from '../fixtures/registry';
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
const STEP = 30_000;
const overflow = (page: Page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

test('place names the code list does not hold are mapped in the preview, at 375 px', async () => {
  const base = server!.url.replace(/\/+$/, '');
  mkdirSync(RESULTS, { recursive: true });
  const file = join(mkdtempSync(join(tmpdir(), 'zx-e2e-places-')), '丙妹镇.csv');
  writeFileSync(file, [
    '县,乡,村,户编号,证件号码,姓名,与户主关系,户类型,劳动技能,健康状况,在校生状况,工资性收入,生产经营性收入,转移性收入,识别监测时间,监测对象类别,致贫/返贫风险1',
    `从江县,丙妹镇,岜沙村,PE-1,${idNumber('522633', '19700101', 701)},测试甲,户主,脱贫户,普通劳动力,健康,非在校生,12000,0,0,202304,脱贫不稳定户,因病`,
    `从江县,丙妹镇,岜沙,PE-2,${idNumber('522633', '19700101', 702)},测试乙,户主,脱贫户,普通劳动力,健康,非在校生,12000,0,0,202304,脱贫不稳定户,因病`,
  ].join('\n'));
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${base}/intake`);
    await signInAs(page, server!.intake, STEP);
    await page.getByTestId('import-page').waitFor({ timeout: STEP });
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('place-names-card').waitFor({ timeout: STEP });
    await expect.poll(() => page.getByTestId('place-names-card').innerText()).toContain('丙妹镇/岜沙');
    await expect.poll(() => page.getByTestId('preview-card').innerText()).toMatch(/新增\s*1/);
    expect(await overflow(page), 'mapping card').toBeLessThanOrEqual(0);
    await page.getByTestId('place-name-input').locator('input').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '岜沙' }).first().click();
    await page.getByTestId('place-names-apply').click();
    await expect.poll(() => page.getByTestId('preview-card').innerText(), { timeout: STEP }).toMatch(/新增\s*2/);
    expect(await overflow(page), 'after mapping').toBeLessThanOrEqual(0);
    await page.screenshot({ path: resolve(RESULTS, 'places-mapping.png'), fullPage: true });
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  } finally {
    await browser?.close();
  }
}, 240_000);
