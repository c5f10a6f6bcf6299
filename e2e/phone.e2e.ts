/**
 * Every route with the sample data at 390×844 and 1280×800: the page never scrolls sideways, and every
 * rupiah amount in <main> lies inside the viewport and inside every ancestor that clips or scrolls sideways,
 * at scroll position 0. Tables are lists on the phone: each row's figures in view, the rest one tap away.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../src/app/pages';
import { appSession, open } from './harness';
import { clippedFigures, moneyOutOfView, overlappingText } from './layout';

const session = appSession();
const SHOTS = path.resolve('e2e/screenshots');

describe('every page on a phone and a laptop', () => {
  it('loads the sample data', async () => {
    const page = await open(session.browser, session.app.origin, '/overview');
    await page.click('[data-testid="load-sample"]');
    await page.waitForSelector('[data-testid="overview-kpis"]', { timeout: 170_000 });
  });

  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    it(`at ${w}×${h}: no sideways scroll, every rupiah in view, nothing cut or overlapping`, async () => {
      const page = await open(session.browser, session.app.origin, '/overview');
      await page.setViewportSize({ width: w, height: h });
      const problems: string[] = [];
      for (const p of PAGES) {
        await page.goto(`${session.app.origin}/${p}`);
        await page.waitForSelector(`[data-testid="page-${p}"]`, { timeout: 60_000 });
        // Let the sections that load after the page (forecasts, segments) arrive.
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(2500);
        // Judge what arrives, not the skeletons that hold its place.
        await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), null, {
          timeout: 120_000,
        });
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (scroll > 0) problems.push(`${p}: scrolls sideways by ${scroll}px`);
        for (const m of await moneyOutOfView(page)) problems.push(`${p}: ${m}`);
        for (const m of await clippedFigures(page)) problems.push(`${p}: ${m}`);
        for (const m of await overlappingText(page)) problems.push(`${p}: ${m}`);
        await page.screenshot({ path: path.join(SHOTS, `page-${p}-${w}.png`), fullPage: true });
      }
      expect(problems).toEqual([]);
    });
  }

  it('a table is a list on the phone: its figures in view, the other columns one tap away, sorted by a picker', async () => {
    const page = await open(session.browser, session.app.origin, '/overview');
    await page.setViewportSize({ width: 390, height: 844 });
    const list = page.locator('ul[data-testid="top-products"]');
    await list.waitFor();
    expect(await page.locator('table[data-testid="top-products"]').count()).toBe(0);
    const sales = await list.locator('.row-card').first().locator('dd').allTextContents();
    expect(sales.some((t) => /Rp\s?\d/.test(t))).toBe(true);
    // Sorted by a figure through the picker, largest first: the units of the cards go down.
    const picker = page.locator('[data-testid="top-products-sort"]');
    const options = await picker
      .locator('option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    const byUnits = options.find((o) => /^(Produk terjual|Units sold) ↓$/.test(o.text));
    if (!byUnits) throw new Error(`no "units, largest first" in ${JSON.stringify(options)}`);
    await picker.selectOption(byUnits.value);
    const label = byUnits.text.replace(/ ↓$/, '');
    const units = await list.evaluate(
      (ul, l) =>
        [...ul.querySelectorAll('.row-card')].map((c) => {
          const dt = [...c.querySelectorAll('dt')].find((d) => d.textContent === l);
          return Number((dt?.nextElementSibling?.textContent ?? '').replace(/\D/g, ''));
        }),
      label,
    );
    expect(units.length).toBeGreaterThan(1);
    expect(units).toEqual([...units].sort((a, b) => b - a));
    // The phone's download holds every column and every row, not the figures its cards show.
    const csv = page.waitForEvent('download');
    await page.click('[data-testid="top-products-csv"]');
    const lines = fs
      .readFileSync((await (await csv).path()) as string, 'utf8')
      .trim()
      .split('\r\n');
    // The same table is a table again on a laptop, with the columns and rows of that download.
    await page.setViewportSize({ width: 1280, height: 800 });
    const table = page.locator('table[data-testid="top-products"]');
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers.length).toBeGreaterThan(3);
    expect(lines[0].split(',')).toHaveLength(headers.length);
    expect(lines).toHaveLength(Number(await table.getAttribute('data-rows')) + 1);
  });

  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    it(`at ${w}×${h}: a tap on a heat cell shows its exact figure, the arrows move on`, async () => {
      const page = await open(session.browser, session.app.origin, '/sales');
      await page.setViewportSize({ width: w, height: h });
      const readout = page.locator('[data-testid="heatmap-readout"]');
      const cells = page.locator('[data-testid="heatmap"] .heat-cell');
      await cells.first().waitFor({ timeout: 60_000 });
      const hint = await readout.textContent();
      // The busiest cell: its title (the exact figure) shows in the readout once tapped.
      const busiest = await cells.evaluateAll((bs) => {
        const n = (b: Element) => Number((b.firstChild?.textContent ?? '').replace(/\D/g, '')) || 0;
        return bs.reduce((best, b, i) => (n(b) > n(bs[best]) ? i : best), 0);
      });
      const cell = cells.nth(busiest);
      await cell.click();
      const title = await cell.getAttribute('title');
      expect(title).toMatch(/\d/);
      await expect.poll(() => readout.textContent()).toBe(title);
      expect(title).not.toBe(hint);
      expect(await cell.getAttribute('aria-pressed')).toBe('true');
      // The arrows select a neighbour in the same row, and its figure follows.
      const [r, c] = ((await cell.getAttribute('data-cell')) ?? '').split('-').map(Number);
      const right = page.locator(`[data-testid="heatmap"] [data-cell="${r}-${c + 1}"]`);
      const hasRight = (await right.count()) > 0;
      const next = hasRight ? right : page.locator(`[data-testid="heatmap"] [data-cell="${r}-${c - 1}"]`);
      await page.keyboard.press(hasRight ? 'ArrowRight' : 'ArrowLeft');
      await expect.poll(() => next.evaluate((b) => b === document.activeElement)).toBe(true);
      await expect.poll(() => readout.textContent()).toBe(await next.getAttribute('title'));
      expect(await cell.getAttribute('aria-pressed')).toBe('false');
    });
  }
});
