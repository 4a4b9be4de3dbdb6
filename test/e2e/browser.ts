/**
 * Driving Debian's Chromium (installed by .ci/run) with playwright-core against the real
 * server, started in-process on a free port over a freshly ingested archive.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/index.js';
import { repoRoot } from '../helpers/paths.js';
import { buildTestArchive, type TestArchive } from '../server/fixture.js';
import { ensureWebBuilt } from '../server/web-build.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = join(repoRoot, 'artifacts', 'e2e');

export interface Site {
  url: string;
  archive: TestArchive;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const staticDir = ensureWebBuilt();
  const archive = await buildTestArchive();
  const app: FastifyInstance = await buildServer({ archive: archive.archive, staticDir });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(artifactsDir, { recursive: true });
  return {
    url,
    archive,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await archive.close();
    },
  };
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and dialogs (a dialog would mean injected script ran). */
  problems: string[];
  close(): Promise<void>;
}

export async function openPage(site: Site, viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
  const context = await site.browser.newContext({ viewport, baseURL: site.url });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, context, problems, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
