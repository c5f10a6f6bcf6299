/**
 * Layout checks run in the page: money texts out of view, and text fragments that overlap. Neither judges
 * closed <details>, aria-hidden subtrees, text for screen readers only, or the options of a select.
 */
import type { Page } from 'playwright-core';

/** Money texts of <main> not fully in view: outside the viewport or cut by a clipping or scrolling ancestor. */
export function moneyOutOfView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no <main>'];
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      const el = n.parentElement;
      if (!el || !/(Rp|IDR)\s?-?\d/.test(text)) continue;
      // A closed <details> hides all but its summary, at every level.
      if (el.closest('[aria-hidden="true"], .sr-only, select, details:not([open]) > :not(summary)')) continue;
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

/**
 * Pairs of text fragments in <main> whose boxes overlap by more than 2 px each way: each line box of each
 * text node, clipped to its clipping and scrolling ancestors (so cells scrolled out of a table's view are
 * not judged against what lies beside the table).
 */
export function overlappingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no <main>'];
    type Box = { l: number; t: number; r: number; b: number; node: number; text: string };
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    let node = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode(), node++) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!el || !text) continue;
      if (el.closest('[aria-hidden="true"], .sr-only, select, option, details:not([open]) > :not(summary)')) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      // The box every fragment of this node is clipped to.
      let clip = { l: -Infinity, t: -Infinity, r: Infinity, b: Infinity };
      for (let a: HTMLElement | null = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        clip = {
          l: Math.max(clip.l, c.left),
          t: Math.max(clip.t, c.top),
          r: Math.min(clip.r, c.right),
          b: Math.min(clip.b, c.bottom),
        };
      }
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        const b = {
          l: Math.max(r.left, clip.l),
          t: Math.max(r.top, clip.t),
          r: Math.min(r.right, clip.r),
          b: Math.min(r.bottom, clip.b),
        };
        if (b.r - b.l > 1 && b.b - b.t > 1) boxes.push({ ...b, node, text: text.slice(0, 30) });
      }
    }
    boxes.sort((a, b) => a.t - b.t);
    const out: string[] = [];
    for (let i = 0; i < boxes.length && out.length < 20; i++) {
      const a = boxes[i];
      for (let j = i + 1; j < boxes.length && boxes[j].t < a.b - 2; j++) {
        const b = boxes[j];
        if (b.node === a.node) continue;
        const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
        const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        if (w > 2 && h > 2)
          out.push(
            `"${a.text}" overlaps "${b.text}" (${Math.round(w)}×${Math.round(h)} px at ${Math.round(Math.max(a.l, b.l))},${Math.round(Math.max(a.t, b.t))})`,
          );
      }
    }
    return out;
  });
}

/**
 * Elements of <main> that hide their overflow and whose text with a digit does not fit: a figure cut by an
 * ellipsis, or by a box too small for it, either way.
 */
export function clippedFigures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no <main>'];
    const out: string[] = [];
    for (const el of main.querySelectorAll<HTMLElement>('*')) {
      if (el.closest('[aria-hidden="true"], .sr-only, select') || el.closest('details:not([open])')) continue;
      const s = getComputedStyle(el);
      const hidesX = s.overflowX === 'hidden' || s.overflowX === 'clip';
      const hidesY = s.overflowY === 'hidden' || s.overflowY === 'clip';
      if (!hidesX && !hidesY) continue;
      const text = (el.textContent ?? '').trim();
      if (!/\d/.test(text)) continue;
      const cutX = hidesX && el.scrollWidth > el.clientWidth + 1;
      const cutY = hidesY && el.scrollHeight > el.clientHeight + 1;
      if (cutX || cutY)
        out.push(
          `"${text.slice(0, 40)}" cut ${cutX ? 'sideways' : 'vertically'} by ${el.tagName.toLowerCase()}.${el.className}`,
        );
    }
    return out;
  });
}
