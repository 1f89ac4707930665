/**
 * What every browser test shares: launching Debian's Chromium through playwright-core with the flags
 * this machine needs, and signing in through the sign-in page.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags for headless Chromium here (no sandbox as root, no background networking on a closed network). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches /usr/bin/chromium (a test tool's own browser download does not work here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Fills the sign-in page (which a signed-out app opens) and waits until it is gone. */
export async function signInAs(page: Page, user: { username: string; password: string }, timeout = 30_000): Promise<void> {
  await page.getByTestId('sign-in').waitFor({ timeout });
  await page.getByTestId('sign-in-username').fill(user.username);
  await page.getByTestId('sign-in-password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in').waitFor({ state: 'detached', timeout });
}
