import type { Currency } from '../kernel/currency';
import { msOfDay } from '../kernel/days';
import { createEffect, For, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { locale, resolvedTheme } from '../app/state';
import { formatCompactMoney, formatCount, formatDate, formatPercent } from '../format/number';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS colour or a custom property such as `var(--chart-1)`. */
  color: string;
  kind: 'line' | 'bars';
  unit: 'money' | 'count' | 'ratio';
  dashed?: boolean;
  /** Draw no line: the series only bounds a band (its values still show in the tooltip). */
  hidden?: boolean;
}

export interface ChartHandle {
  /** The chart as a PNG data URL (axes included), for reports. */
  toPNG(): string;
}

export interface ChartProps {
  /** Bucket start dates, `YYYY-MM-DD`; or category labels when `categorical`. */
  x: string[];
  /** The x values are labels (ranks, names), not dates. */
  categorical?: boolean;
  series: ChartSeries[];
  currency: Currency;
  height?: number;
  /** The accessible name of the chart. */
  title: string;
  onReady?: (handle: ChartHandle) => void;
  /** Shaded bands between two series (indexes into `series`), such as forecast intervals. */
  bands?: { upper: number; lower: number; color: string }[];
}

function cssVar(el: Element, value: string): string {
  const m = /^var\((--[\w-]+)\)$/.exec(value);
  return m ? getComputedStyle(el).getPropertyValue(m[1]).trim() || '#888' : value;
}

/**
 * The one chart wrapper of the app (uPlot): time on x, money on the left axis and counts on the right,
 * following the container's width, the theme and the language, with a tooltip and a PNG snapshot.
 */
export function Chart(props: ChartProps) {
  let host!: HTMLDivElement;
  let tooltip!: HTMLDivElement;
  let plot: uPlot | undefined;

  const build = () => {
    plot?.destroy();
    const loc = locale();
    resolvedTheme(); // rebuild on theme change
    const text = cssVar(host, 'var(--muted)');
    const grid = cssVar(host, 'var(--border)');
    const money = (v: number) => formatCompactMoney(v, props.currency, loc);
    const xs = props.categorical ? props.x.map((_, i) => i + 1) : props.x.map((d) => msOfDay(d) / 1000);
    const xLabel = (v: number) =>
      props.categorical
        ? (props.x[Math.round(v) - 1] ?? '')
        : formatDate(new Date(v * 1000).toISOString().slice(0, 10), loc, 'short');
    const fmtOf = (unit: ChartSeries['unit']) =>
      unit === 'money'
        ? money
        : unit === 'ratio'
          ? (v: number) => formatPercent(v, loc)
          : (v: number) => formatCount(v, loc);
    // The first unit gets the left axis, a second one the right axis.
    const units = [...new Set(props.series.map((s) => s.unit))];
    const axis = (scale: string, side: 0 | 1 | 2 | 3, fmt: (v: number) => string): uPlot.Axis => ({
      scale,
      side,
      stroke: text,
      grid: { stroke: grid, width: 1, show: side === 3 },
      ticks: { stroke: grid, width: 1 },
      values: (_u, splits) => splits.map(fmt),
      size: 76,
    });
    const opts: uPlot.Options = {
      width: Math.max(200, host.clientWidth),
      height: props.height ?? 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: false },
      // The last x label is centred on the plot's right edge: without a right axis, leave it half its width.
      padding: [
        null,
        units.length > 1
          ? null
          : props.categorical
            ? 3.6 * Math.min(24, props.x[props.x.length - 1]?.length ?? 0) + 6
            : 24,
        null,
        null,
      ],
      cursor: { points: { size: 6 }, drag: { x: false, y: false } },
      scales: {
        x: { time: !props.categorical },
        money: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
        count: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
        ratio: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        {
          stroke: text,
          grid: { show: false },
          ticks: { stroke: grid, width: 1 },
          // Category labels (SKUs) are wider than dates: ticks keep the longest apart (about 7 px a character).
          ...(props.categorical
            ? { space: Math.max(50, 7 * Math.min(24, Math.max(0, ...props.x.map((l) => l.length))) + 16) }
            : {}),
          values: (_u, splits) => splits.map((s) => (Number.isInteger(s) || !props.categorical ? xLabel(s) : '')),
        },
        ...units.slice(0, 2).map((u, i) => axis(u, i === 0 ? 3 : 1, fmtOf(u))),
      ],
      series: [
        {},
        ...props.series.map((s) => {
          const color = cssVar(host, s.color);
          return {
            label: s.label,
            scale: s.unit,
            stroke: color,
            width: s.kind === 'line' && !s.hidden ? 2 : 0,
            dash: s.dashed ? [6, 4] : undefined,
            fill: s.kind === 'bars' ? `${color}bb` : undefined,
            paths: s.kind === 'bars' ? uPlot.paths.bars?.({ size: [0.7, 64] }) : undefined,
            points: { show: false },
          } satisfies uPlot.Series;
        }),
      ],
      bands: props.bands?.map((b) => ({
        series: [b.upper + 1, b.lower + 1] as [number, number],
        fill: `${cssVar(host, b.color)}33`,
      })),
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
              tooltip.style.display = 'none';
              return;
            }
            // Labels and categories can come from a file: they are set as text, never parsed as markup.
            const el = (tag: string, text: string, cls?: string) => {
              const e = document.createElement(tag);
              e.textContent = text;
              if (cls) e.className = cls;
              return e;
            };
            const rows = props.series.map((s) => {
              const v = s.values[i];
              const row = document.createElement('div');
              const swatch = el('span', '', 'swatch');
              swatch.style.background = cssVar(host, s.color);
              row.append(swatch, `${s.label}: `, el('b', v === null || v === undefined ? '–' : fmtOf(s.unit)(v)));
              return row;
            });
            tooltip.replaceChildren(
              el('div', props.categorical ? props.x[i] : formatDate(props.x[i], loc, 'long'), 'tt-date'),
              ...rows,
            );
            tooltip.style.display = 'block';
            const left = Math.min(u.cursor.left + 12, u.over.clientWidth - tooltip.offsetWidth);
            tooltip.style.left = `${Math.max(0, left) + u.over.offsetLeft}px`;
            tooltip.style.top = `${(u.cursor.top ?? 0) + u.over.offsetTop + 12}px`;
          },
        ],
      },
    };
    plot = new uPlot(opts, [xs, ...props.series.map((s) => s.values)] as uPlot.AlignedData, host);
    props.onReady?.({ toPNG: () => plot?.ctx.canvas.toDataURL('image/png') ?? '' });
  };

  onMount(() => {
    const ro = new ResizeObserver(() => {
      if (plot && Math.abs(plot.width - host.clientWidth) > 1)
        plot.setSize({ width: Math.max(200, host.clientWidth), height: props.height ?? 260 });
    });
    ro.observe(host);
    onCleanup(() => {
      ro.disconnect();
      plot?.destroy();
    });
  });

  createEffect(build);

  return (
    <figure class="chart" aria-label={props.title}>
      <div ref={host} class="chart-host" role="img" aria-label={props.title} />
      <div ref={tooltip} class="chart-tooltip" style={{ display: 'none' }} />
      <figcaption class="chart-legend">
        <For each={props.series.filter((s) => !s.hidden)}>
          {(s) => (
            <span>
              <span
                class="swatch"
                classList={{ line: s.kind === 'line', dashed: !!s.dashed }}
                style={{ '--swatch': s.color }}
              />
              {s.label}
            </span>
          )}
        </For>
      </figcaption>
    </figure>
  );
}
