import type { Currency } from '../../kernel/currency';
import { segmentLabel } from '../../i18n/names';
import { ACTION_NAMES, SEGMENT_NAMES } from '../../ml/rfm';
import { For, Show } from 'solid-js';
import { locale, named, tr, trf } from '../../app/state';
import { createEngineQuery, engine } from '../../app/useRange';
import { DataTable } from '../../components/DataTable';
import type { SegmentationResult, SegmentSummary } from '../../engine/api';
import { downloadOutreach } from '../../components/outreach';
import { formatCount, formatDecimal, formatMoney, formatPercent } from '../../format/number';

/** The dendrogram of the clusters' merges as SVG: leaves along the bottom, merge height upwards. */
export function Dendrogram(props: { merges: NonNullable<SegmentationResult['merges']> }) {
  const W = 560;
  const H = 200;
  const layout = () => {
    const leaves: string[] = [];
    const children = new Map(props.merges.map((m) => [m.id, [m.a, m.b]]));
    const walk = (id: string) => {
      const c = children.get(id);
      if (c) c.forEach(walk);
      else leaves.push(id);
    };
    walk(props.merges[props.merges.length - 1].id);
    const maxH = Math.max(...props.merges.map((m) => m.height)) || 1;
    const pos = new Map<string, { x: number; y: number }>(
      leaves.map((l, i) => [l, { x: 30 + (i * (W - 60)) / Math.max(1, leaves.length - 1), y: H - 24 }]),
    );
    const lines: string[] = [];
    for (const m of props.merges) {
      const a = pos.get(m.a) as { x: number; y: number };
      const b = pos.get(m.b) as { x: number; y: number };
      const y = H - 24 - ((H - 40) * m.height) / maxH;
      lines.push(`M${a.x},${a.y}V${y}H${b.x}V${b.y}`);
      pos.set(m.id, { x: (a.x + b.x) / 2, y });
    }
    return { leaves: leaves.map((l) => ({ l, ...(pos.get(l) as { x: number; y: number }) })), path: lines.join('') };
  };
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      class="dendrogram"
      role="img"
      aria-label={tr('insDendrogram')}
      data-testid="dendrogram"
    >
      <path d={layout().path} fill="none" stroke="currentColor" stroke-width="1.5" />
      <For each={layout().leaves}>
        {(leaf) => (
          <text x={leaf.x} y={H - 6} text-anchor="middle" font-size="12" fill="currentColor">
            {leaf.l.replace('cluster_', '')}
          </text>
        )}
      </For>
    </svg>
  );
}

/** The segments of one method as a table, each with its buyers' export. */
export function SegmentTable(props: {
  result: SegmentationResult;
  currency: Currency;
  testid: string;
  caption: string;
}) {
  // The next-product suggestion reads every buyer's baskets: it fills in after the segments are shown.
  const [next] = createEngineQuery('segmentNextProducts', () => [props.result.method]);
  const [again] = createEngineQuery('segmentBuyAgain', () => [props.result.method]);
  const name = (s: SegmentSummary) =>
    props.result.method === 'rfm'
      ? segmentLabel(locale(), s.id)
      : `${tr('colCluster')} ${s.id.replace('cluster_', '')} (${named(SEGMENT_NAMES[s.dominant])})`;
  // The broadcast list: every buyer of the segment with what to offer them.
  const exportBuyers = async (s: SegmentSummary) =>
    downloadOutreach(
      `toko-insight-segmen-${s.id}.csv`,
      await engine().buyAgain({ method: props.result.method, segment: s.id }, 3),
    );
  const pct = (v: number) => formatPercent(v, locale());
  return (
    // Busy until the next products arrive: their lines change the rows' height.
    <div aria-busy={next.loading || again.loading ? 'true' : undefined}>
      <DataTable
        caption={props.caption}
        hideCaption
        testid={props.testid}
        rows={props.result.segments}
        columns={[
          {
            label: tr('colSegmentProfile'),
            value: (s) => (
              <>
                {name(s)}
                <div class="muted small">
                  {[s.profile.topProducts[0]?.name, s.profile.topProvinces[0]?.name].filter(Boolean).join(' · ')}
                </div>
              </>
            ),
          },
          {
            label: tr('colBuyers'),
            value: (s) => `${formatCount(s.size, locale())} (${pct(s.share)})`,
            key: (s) => s.size,
            fmt: 'count',
            numeric: true,
          },
          { label: tr('colValueShare'), key: (s) => s.valueShare, fmt: 'ratio', show: pct },
          { label: tr('colRecency'), key: (s) => s.recency, fmt: 'count', show: (x) => formatCount(x, locale()) },
          {
            label: tr('colOrdersPerBuyer'),
            key: (s) => s.orders,
            fmt: 'decimal',
            show: (x) => formatDecimal(x, locale()),
          },
          {
            label: tr('colBasket'),
            key: (s) => s.profile.basketValue,
            fmt: 'money',
            show: (x) => formatMoney(x, props.currency, locale()),
          },
          {
            label: tr('colAction'),
            value: (s) => (
              <>
                {named(ACTION_NAMES[s.action])}
                <Show when={next()?.[s.id]?.[0]}>
                  {(p) => (
                    <div class="muted small" data-testid="next-product" data-shared={String(p().shared)}>
                      {trf('insNextProduct', { name: p().name, buyers: formatCount(p().buyers, locale()) })}
                      {p().shared ? ` ${tr('insNextShared')}` : ''}
                    </div>
                  )}
                </Show>
                <Show when={again()?.[s.id]?.[0]}>
                  {(p) => (
                    <div class="muted small" data-testid="buy-again">
                      {trf('insBuyAgain', { name: p().name, buyers: formatCount(p().buyers, locale()) })}
                    </div>
                  )}
                </Show>
              </>
            ),
          },
          {
            label: tr('colExport'),
            value: (s) => (
              <button
                type="button"
                class="secondary small-button"
                onClick={() => exportBuyers(s)}
                data-testid={`export-${s.id}`}
              >
                CSV
              </button>
            ),
          },
        ]}
      />
    </div>
  );
}
