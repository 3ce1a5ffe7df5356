import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); `npx playwright install` cannot download one here. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const inCi = Boolean(process.env.CI);
const installed = existsSync(CHROMIUM);

/**
 * Browser tests run wherever Chromium is installed. On a laptop without it they are skipped,
 * loudly; under CI (`CI` set, as .ci/run does) a missing browser fails them instead.
 */
export const describeInBrowser: jest.Describe = installed || inCi ? describe : describe.skip;
if (!installed && !inCi) console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

export async function launchChromium(): Promise<Browser> {
  if (!installed) throw new Error(`${CHROMIUM} is not installed; CI needs it (.ci/run installs it with apt-get install -y chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
