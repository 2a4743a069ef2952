import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium: the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless chromium with a fresh profile, scripts on or off. */
export async function launchChromium(options: { javaScript: boolean }): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Debian's chromium is not installed at ${CHROMIUM}: .ci/run installs it (apt-get install chromium); no browser is downloaded.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-records-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    javaScriptEnabled: options.javaScript,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface LoadedPage {
  page: Page;
  /** Every request the page made, the page file's own included, and every one the router saw. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

/** Opens a local file with every request recorded and all but the file itself refused. */
export async function openFile(browser: Browser, file: string): Promise<LoadedPage> {
  const url = pathToFileURL(file).href;
  const page = await browser.context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort('blockedbyclient')));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, errors };
}
