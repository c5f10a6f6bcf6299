/**
 * Every route with the sample data at 390×844 and 1280×800: the page never scrolls sideways, and every
 * rupiah amount in <main> lies inside the viewport and inside every ancestor that clips or scrolls sideways,
 * at scroll position 0. Tables are lists on the phone: each row's figures in view, the rest one tap away.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../src/app/pages';
import { appSession, open } from './harness';

const session = appSession();
const SHOTS = path.resolve('e2e/screenshots');

/** Money texts of <main> not fully in view: outside the viewport or cut by a clipping or scrolling ancestor. */
function moneyOutOfView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no <main>'];
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      const el = n.parentElement;
      if (!el || !/(Rp|IDR)\s?-?\d/.test(text)) continue;
      // Not judged: closed details, aria-hidden subtrees, text for screen readers only, options of a select.
      if (
        el.closest('[aria-hidden="true"], .sr-only, select') ||
        (el.closest('details:not([open])') && !el.closest('summary'))
      )
        continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const where = `${text.trim().slice(0, 40)} [${Math.round(r.left)}–${Math.round(r.right)}]`;
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
        out.push(`${where} outside the viewport (${window.innerWidth})`);
        continue;
      }
      for (let a = el; a && a !== document.body; a = a.parentElement as HTMLElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible') continue;
        const box = a.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
          out.push(
            `${where} cut by ${a.tagName.toLowerCase()}.${a.className} [${Math.round(box.left)}–${Math.round(box.right)}]`,
          );
          break;
        }
      }
    }
    return out;
  });
}

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
    it(`at ${w}×${h}: no sideways scroll, and every rupiah amount in view`, async () => {
      const page = await open(session.browser, session.app.origin, '/overview');
      await page.setViewportSize({ width: w, height: h });
      const problems: string[] = [];
      for (const p of PAGES) {
        await page.goto(`${session.app.origin}/${p}`);
        await page.waitForSelector(`[data-testid="page-${p}"]`, { timeout: 60_000 });
        // Let the sections that load after the page (forecasts, segments) arrive.
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(2500);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (scroll > 0) problems.push(`${p}: scrolls sideways by ${scroll}px`);
        for (const m of await moneyOutOfView(page)) problems.push(`${p}: ${m}`);
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
    // The same table is a table again on a laptop.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('table[data-testid="top-products"]').waitFor();
  });
});
