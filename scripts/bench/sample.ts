/**
 * The first visit of the built app in Chromium, each run in a new profile: what the server sends until the
 * service worker holds the app (gzipped, as our server sends it to a browser that accepts it), then
 * "Try sample data" from the click to the Overview's sales figure, and what that import's time went to.
 * Also the precache: its entries and their bytes, as files and gzipped.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../e2e/harness';
import { compressed, startServer } from '../serve.mjs';
import { buildApp, importTimings } from './appLoad';

export interface SampleBenchResult {
  precache: { entries: number; bytes: number; gzipBytes: number };
  /** Per run: bytes sent from the first navigation until the service worker is active (precache done). */
  firstVisitBytes: number[];
  /** Per run: bytes sent for the sample (the zip) after the click. */
  sampleBytes: number[];
  clickToOverviewMs: number[];
  /** Per run: the import's timings summed over its files' reports. */
  timings: Record<string, number>[];
}

/** The precache manifest of a build: every URL workbox stores on install. */
function precache(outDir: string): SampleBenchResult['precache'] {
  const sw = fs.readFileSync(path.join(outDir, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
  let bytes = 0;
  let gzipBytes = 0;
  for (const url of urls) {
    const file = path.join(outDir, url);
    if (!fs.existsSync(file)) continue;
    const b = fs.readFileSync(file);
    bytes += b.length;
    gzipBytes += gzipSync(b, { level: 9 }).length;
  }
  return { entries: urls.length, bytes, gzipBytes };
}

export async function benchSample(runs: number): Promise<SampleBenchResult> {
  const outDir = await buildApp();
  let sent = 0;
  const server = await startServer(0, outDir, { onSent: (n) => (sent += n) });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The server gzips in the background from its start: the runs begin once that is done.
  await compressed();
  const result: SampleBenchResult = {
    precache: precache(outDir),
    firstVisitBytes: [],
    sampleBytes: [],
    clickToOverviewMs: [],
    timings: [],
  };
  try {
    for (let run = 0; run < runs; run++) {
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'toko-sample-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        sent = 0;
        await page.goto(`${origin}/overview`);
        await page.waitForSelector('[data-testid="load-sample"]', { timeout: 120_000 });
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        result.firstVisitBytes.push(sent);
        sent = 0;
        const clicked = Date.now();
        await page.click('[data-testid="load-sample"]');
        await page.waitForSelector('[data-kpi="sales"][data-value]', { timeout: 300_000 });
        result.clickToOverviewMs.push(Date.now() - clicked);
        result.sampleBytes.push(sent);
        result.timings.push(await importTimings(page));
      } finally {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  return result;
}
