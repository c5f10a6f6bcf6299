import { createMemo, Show } from 'solid-js';
import { type Preset, PRESETS, presetOf, presetRange } from '../app/range';
import { locale, tr } from '../app/state';
import { createEngineQuery, useRange } from '../app/useRange';
import { formatDate } from '../format/number';
import { dayOfMs } from '../kernel/days';

/**
 * The global date range (presets counted back from the last day with data) and the comparison toggle. It is
 * drawn, disabled, while the engine starts and until the last day with data is known (a preset chosen
 * before would count back from today), so the top bar keeps its height when the engine is ready.
 */
export function RangePicker(props: { ready: boolean }) {
  const { range, setRange, compare, setCompare } = useRange();
  const [info] = createEngineQuery('datasetInfo', () => (props.ready ? [] : false));
  const anchor = () => info()?.lastOrderDate ?? info()?.lastReleaseDate ?? dayOfMs(Date.now());
  const preset = createMemo<Preset>(() => presetOf(range().from, range().to, anchor()));
  const choose = (p: Preset) => {
    if (p === 'all') setRange({});
    else if (p === 'custom')
      setRange({ from: range().from ?? info()?.firstOrderDate ?? anchor(), to: range().to ?? anchor() });
    else setRange(presetRange(p, anchor()) ?? {});
  };
  return (
    <div class="range-picker">
      <label class="field">
        <span class="field-label">{tr('period')}</span>
        <select
          data-testid="range-preset"
          disabled={!props.ready || info.state === 'pending' || info.state === 'unresolved'}
          value={preset()}
          onChange={(e) => choose(e.currentTarget.value as Preset)}
        >
          {PRESETS.map((p) => (
            <option value={p}>{tr(`preset_${p}`)}</option>
          ))}
        </select>
      </label>
      <Show when={preset() === 'custom'}>
        <label class="field">
          <span class="field-label">{tr('from')}</span>
          <input
            type="date"
            data-testid="range-from"
            value={range().from ?? ''}
            onChange={(e) => setRange({ from: e.currentTarget.value || undefined, to: range().to })}
          />
        </label>
        <label class="field">
          <span class="field-label">{tr('to')}</span>
          <input
            type="date"
            data-testid="range-to"
            value={range().to ?? ''}
            onChange={(e) => setRange({ from: range().from, to: e.currentTarget.value || undefined })}
          />
        </label>
      </Show>
      <label class="toggle">
        <input
          type="checkbox"
          data-testid="compare"
          disabled={!props.ready}
          checked={compare()}
          onChange={(e) => setCompare(e.currentTarget.checked)}
        />
        <span>{tr('comparePrevious')}</span>
      </label>
      <Show when={preset() !== 'all' && preset() !== 'custom' && info()}>
        <span class="muted small range-anchor">
          {tr('upTo')} {formatDate(anchor(), locale(), 'long')}
        </span>
      </Show>
    </div>
  );
}
