/**
 * Browser test harness: Debian's chromium driven by playwright-core, a fresh profile per test file, the
 * built app served from dist/, and a guard that records every request leaving the app's origin.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer } from '../scripts/serve.mjs';

/** The sample files, and of them the Shopee exports: each is a stored import (the product master is not). */
export const SAMPLE_FILES = (
  JSON.parse(fs.readFileSync(path.resolve('sample-data/manifest.json'), 'utf8')) as { files: string[] }
).files;
export const SAMPLE_EXPORTS = SAMPLE_FILES.filter((f) => !f.startsWith('master_barang'));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The built-in PDF viewer extension of Chromium. */
const PDF_VIEWER = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

export interface App {
  origin: string;
  close(): Promise<void>;
}

export async function serveApp(): Promise<App> {
  const dist = path.resolve('dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` first');
  const server = await startServer(0, dist);
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Browser {
  context: BrowserContext;
  profile: string;
  /** Requests to anywhere but the app's origin (the app must make none). */
  external: string[];
  /** Console errors and uncaught exceptions of every page. */
  errors: string[];
  close(): Promise<void>;
}

export function newProfile(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'toko-e2e-'));
}

/** Launches chromium on a profile directory (a new empty one unless given: reuse it to test a restart). */
export async function launch(origin: string, profile = newProfile(), locale = 'id-ID'): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale,
  });
  const external: string[] = [];
  const errors: string[] = [];
  const watchPage = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${p.url()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  // Chromium's own PDF viewer (a built-in extension, not the network) opens reports in a tab.
  const local = (url: string) =>
    url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:') || url.startsWith(PDF_VIEWER);
  const watch = (url: string) => {
    if (!local(url)) external.push(url);
  };
  context.on('request', (r) => watch(r.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    watch(url);
    return route.abort();
  });
  return { context, profile, external, errors, close: () => context.close() };
}

/** Opens a path and waits until the engine is up (or has said why not). */
export async function open(b: Browser, origin: string, pathAndQuery: string): Promise<Page> {
  const page = b.context.pages()[0] ?? (await b.context.newPage());
  await page.goto(`${origin}${pathAndQuery}`);
  await page.waitForSelector(
    '[data-testid^="page-"], [data-testid="engine-failed"], [data-testid="engine-blocked"], [data-testid="engine-other-tab"]',
    {
      state: 'attached',
      timeout: 60_000,
    },
  );
  return page;
}

/** Every `data-kpi` element of the page as id -> data-value (and asserts there is one per id). */
export async function kpiValues(page: Page): Promise<Record<string, string>> {
  const pairs = await page.$$eval('[data-kpi]', (els) =>
    els.map((e) => [e.getAttribute('data-kpi') ?? '', e.getAttribute('data-value') ?? '']),
  );
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k in out) throw new Error(`two elements for data-kpi="${k}"`);
    out[k] = v;
  }
  return out;
}

/**
 * The built app served and a browser on a fresh profile for one test file, closed after it. Tests that
 * restart the browser assign `session.browser`.
 */
export function appSession(): { app: App; browser: Browser } {
  const session = {} as { app: App; browser: Browser };
  beforeAll(async () => {
    session.app = await serveApp();
    session.browser = await launch(session.app.origin);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.close();
  });
  return session;
}
