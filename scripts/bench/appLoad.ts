/**
 * The built app in Chromium: first load from a warm cache (shell and Overview KPIs), Lighthouse in mobile
 * emulation (performance, accessibility, best practices) on three pages, and installability through the DevTools protocol.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../../e2e/harness';
import { startServer } from '../serve.mjs';

export interface AppLoadResult {
  /** First visit: click on "load sample data" to the Overview KPIs shown, and the import's own timings. */
  sampleImportMs: number;
  sampleTimings: Record<string, number>;
  shellMs: number[];
  kpiMs: number[];
  /** Click on Predictions in a loaded app to the sales forecast's figure (sample data, 18 months). */
  forecastMs: number[];
  /** The same from a cold page load (engine and ML worker start first). */
  forecastColdMs: number[];
  /** Lighthouse in its default mobile emulation, one run per page, with the sample data loaded. */
  lighthouse: LighthouseRun[];
  installabilityErrors: string[];
}

export const LIGHTHOUSE_ROUTES = ['overview', 'products', 'insights'] as const;

export interface LighthouseRun {
  route: string;
  /** Category scores, 0–1. */
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  /** Largest contentful paint, simulated on the throttled phone. */
  lcpMs: number | null;
  /** Total blocking time and cumulative layout shift. */
  tbtMs: number | null;
  cls: number | null;
  failedAudits: string[];
}

async function freePort(): Promise<number> {
  const s = await startServer(0, os.tmpdir());
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Where an import's time went, summed over the files' reports (the import log in IndexedDB). */
export function importTimings(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('toko-insight');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const reports = await new Promise<{ timings?: Record<string, number> }[]>((resolve) => {
      const q = db.transaction('importLog').objectStore('importLog').getAll();
      q.onsuccess = () => resolve(q.result);
    });
    db.close();
    const sums: Record<string, number> = {};
    for (const r of reports) for (const [k, v] of Object.entries(r.timings ?? {})) sums[k] = (sums[k] ?? 0) + v;
    return { files: reports.length, ...sums };
  });
}

/** A production build of the app in a new temporary directory. */
export async function buildApp(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toko-dist-'));
  // A Vite dev server started earlier in this process (the other benches) leaves NODE_ENV=development, which
  // would make this a development build: no service worker, so the first visit would never finish.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.resolve('vite.config.ts'),
      logLevel: 'error',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

export async function benchAppLoad(runs: number): Promise<AppLoadResult> {
  const outDir = await buildApp();
  const server = await startServer(0, outDir);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'toko-load-'));
  const port = await freePort();
  const proc = spawn(
    '/usr/bin/chromium',
    [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'],
    {
      stdio: 'ignore',
    },
  );
  try {
    let browser: Awaited<ReturnType<typeof chromium.connectOverCDP>> | null = null;
    for (let i = 0; i < 50 && !browser; i++) {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => null);
      if (!browser) await new Promise((r) => setTimeout(r, 200));
    }
    if (!browser) throw new Error('chromium did not start');
    const context = browser.contexts()[0];
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1280, height: 800 });
    // First visit: install the service worker and import the sample data.
    await page.goto(`${origin}/overview`);
    await page.waitForSelector('[data-testid="load-sample"]', { timeout: 60_000 });
    const clicked = Date.now();
    await page.click('[data-testid="load-sample"]');
    await page.waitForSelector('[data-kpi="sales"][data-value]', { timeout: 180_000 });
    const sampleImportMs = Date.now() - clicked;
    const sampleTimings = await importTimings(page);
    await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no service worker after 60 s: is this a development build?')), 60_000),
        ),
      ]).then(() => undefined),
    );
    const installability = await (await context.newCDPSession(page)).send('Page.getInstallabilityErrors');
    const shellMs: number[] = [];
    const kpiMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${origin}/overview`, { waitUntil: 'commit' });
      const shell = await page.waitForFunction(
        () => (document.querySelector('.topbar') ? performance.now() : 0),
        undefined,
        {
          polling: 'raf',
          timeout: 30_000,
        },
      );
      const kpi = await page.waitForFunction(
        () => (document.querySelector('[data-kpi="sales"]')?.getAttribute('data-value') ? performance.now() : 0),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      shellMs.push(Number(await shell.jsonValue()));
      kpiMs.push(Number(await kpi.jsonValue()));
    }
    // The Predictions page, opened from the navigation of a loaded app; each load is a fresh page, so the
    // forecast is fitted again every time. Also from a cold start (the engine and the ML worker start too).
    const forecastMs: number[] = [];
    const forecastColdMs: number[] = [];
    const shownAt = () =>
      page.waitForFunction(
        () =>
          document.querySelector('[data-kpi="forecast_sales"]')?.getAttribute('data-value') ? performance.now() : 0,
        undefined,
        {
          polling: 'raf',
          timeout: 60_000,
        },
      );
    for (let i = 0; i < Math.min(runs, 5); i++) {
      await page.goto(`${origin}/overview`);
      await page.waitForSelector('[data-kpi="sales"][data-value]');
      await page.waitForTimeout(1500);
      const t0 = await page.evaluate(() => performance.now());
      await page.click('[data-testid="nav-predictions"]');
      forecastMs.push(Number(await (await shownAt()).jsonValue()) - t0);
      await page.goto(`${origin}/predictions`, { waitUntil: 'commit' });
      forecastColdMs.push(Number(await (await shownAt()).jsonValue()));
    }
    // Lighthouse opens its own tab: this one must let go of the database first. Its defaults: a phone
    // (Moto G Power, 412 px) on a throttled network and CPU, simulated.
    await page.goto('about:blank');
    const lighthouseRuns: LighthouseRun[] = [];
    for (const route of LIGHTHOUSE_ROUTES) {
      const result = await lighthouse(`${origin}/${route}`, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        disableStorageReset: true,
      });
      const lhr = result?.lhr;
      lighthouseRuns.push({
        route,
        performance: lhr?.categories.performance?.score ?? null,
        accessibility: lhr?.categories.accessibility?.score ?? null,
        bestPractices: lhr?.categories['best-practices']?.score ?? null,
        lcpMs: lhr?.audits['largest-contentful-paint']?.numericValue ?? null,
        tbtMs: lhr?.audits['total-blocking-time']?.numericValue ?? null,
        cls: lhr?.audits['cumulative-layout-shift']?.numericValue ?? null,
        failedAudits: lhr
          ? Object.values(lhr.audits)
              .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
              .map((a) => `${a.id}: ${a.title}`)
          : [],
      });
    }
    await browser.close();
    return {
      sampleImportMs,
      sampleTimings,
      shellMs,
      kpiMs,
      forecastMs,
      forecastColdMs,
      lighthouse: lighthouseRuns,
      installabilityErrors: installability.installabilityErrors.map((e) => e.errorId),
    };
  } finally {
    proc.kill();
    await new Promise((r) => server.close(r));
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
