import { shopSelection } from '../../app/shops';
import { A } from '@solidjs/router';
import { currencyOf, type Currency } from '../../kernel/currency';
import { createResource, createSignal, For, Show } from 'solid-js';
import { inboxVersion, refreshUnread, runAutomations, unread } from '../../app/automations';
import { locale, tr, trf } from '../../app/state';
import { engine, useDatasetInfo } from '../../app/useRange';
import type { Alert, RuleSpec } from '../../automation/api';
import { alertText, ruleText } from '../../i18n/alerts';
import { METRICS, type MetricId, ORDER_METRICS, SERVICE_METRICS, TRAFFIC_METRICS } from '../../metrics/registry';

/** Metrics a rule can watch: the order metrics and the daily Business Insights metrics. */
const RULE_METRICS: MetricId[] = [...ORDER_METRICS, ...TRAFFIC_METRICS, ...SERVICE_METRICS];

/** Ready-made rules a seller can add with one click. */
const EXAMPLES: RuleSpec[] = [
  { type: 'threshold', metric: 'chat_response_rate', op: '<', value: 0.7, window: 'day' },
  { type: 'change', metric: 'sales', direction: 'down', pct: 30, window: 'day' },
  { type: 'forecast', condition: 'below_band' },
  { type: 'forecast', condition: 'anomaly' },
];

function Inbox(props: { currency: Currency }) {
  const [items, { refetch }] = createResource(inboxVersion, () => engine().listAlerts());
  const mark = async (id: number | 'all') => {
    await engine().markAlertRead(id);
    await refetch();
    await refreshUnread(engine());
  };
  return (
    <div class="card" data-testid="inbox">
      <div class="card-head">
        <h2>
          {tr('inboxTitle')}{' '}
          <Show when={unread() > 0}>
            <span class="badge" data-testid="inbox-unread">
              {trf('inboxUnread', { n: String(unread()) })}
            </span>
          </Show>
        </h2>
        <Show when={unread() > 0}>
          <button
            type="button"
            class="secondary small-button"
            data-testid="mark-all-read"
            onClick={() => void mark('all')}
          >
            {tr('markAllRead')}
          </button>
        </Show>
      </div>
      <Show when={items()?.length} fallback={<p class="muted">{tr('inboxEmpty')}</p>}>
        <ul class="inbox">
          <For each={items()}>
            {(a: Alert) => (
              <li
                data-testid="inbox-item"
                data-kind={a.kind}
                data-read={a.read ? '1' : '0'}
                classList={{ unread: !a.read }}
              >
                <div>
                  <strong>{a.kind === 'report' ? tr('page_reports') : a.rule?.name || tr('page_alerts')}</strong>
                  <span class="muted small"> · {a.createdAt.replace('T', ' ')}</span>
                  <p>{alertText(a, props.currency, locale())}</p>
                  <Show when={a.rule}>
                    {(r) => <p class="muted small">{ruleText(r().spec, props.currency, locale())}</p>}
                  </Show>
                </div>
                <div class="row-actions">
                  <A class="button secondary small-button" href={a.href} onClick={() => !a.read && void mark(a.id)}>
                    {tr('inboxOpen')}
                  </A>
                  <Show when={!a.read}>
                    <button
                      type="button"
                      class="secondary small-button"
                      data-testid="mark-read"
                      onClick={() => void mark(a.id)}
                    >
                      {tr('markRead')}
                    </button>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

/** Reads a rule from the form; ratios are typed in percent, money and counts as they are. */
function specOf(d: FormData, type: RuleSpec['type']): RuleSpec {
  const metric = String(d.get('metric')) as MetricId;
  const num = (k: string) => Number(String(d.get(k) ?? '').replace(',', '.'));
  switch (type) {
    case 'threshold': {
      const v = num('value');
      return {
        type,
        metric,
        op: d.get('op') === '>' ? '>' : '<',
        value: METRICS[metric].unit === 'ratio' ? v / 100 : v,
        window: String(d.get('window')) as '7d',
      };
    }
    case 'change':
      return {
        type,
        metric,
        direction: d.get('direction') === 'up' ? 'up' : 'down',
        pct: num('pct'),
        window: d.get('window') === '7d' ? '7d' : 'day',
      };
    case 'forecast':
      return { type, condition: String(d.get('condition')) as 'anomaly' };
    case 'stock':
      return { type, sku: String(d.get('sku') ?? '').trim(), stock: num('stock'), days: num('days') };
  }
}

function Rules(props: { currency: Currency }) {
  const [rules, { refetch }] = createResource(inboxVersion, () => engine().listAlertRules());
  const [type, setType] = createSignal<RuleSpec['type']>('threshold');
  const [error, setError] = createSignal<string | null>(null);
  const add = async (name: string, spec: RuleSpec) => {
    setError(null);
    try {
      await engine().createAlert(name, spec, true, shopSelection());
      await refetch();
      // New rules are checked on the current data at once.
      await runAutomations(engine());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const metricSelect = () => (
    <label class="field">
      <span class="field-label">{tr('ruleMetric')}</span>
      <select name="metric" data-testid="rule-metric">
        <For each={RULE_METRICS}>{(m) => <option value={m}>{METRICS[m].name[locale()]}</option>}</For>
      </select>
    </label>
  );
  return (
    <div class="card" data-testid="rules">
      <h2>{tr('rulesTitle')}</h2>
      <p class="muted small">{tr('rulesNote')}</p>
      <Show when={rules()?.length} fallback={<p class="muted">{tr('rulesEmpty')}</p>}>
        <ul class="rules">
          <For each={rules()}>
            {(r) => (
              <li data-testid="rule-row">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={r.enabled}
                    onChange={async (e) => {
                      await engine().updateAlert(r.id, { enabled: e.currentTarget.checked });
                      await refetch();
                    }}
                  />{' '}
                  {tr('ruleOn')}
                </label>
                <span>
                  <Show when={r.name}>
                    <strong>{r.name}</strong>{' '}
                  </Show>
                  <span class="muted small">{ruleText(r.spec, props.currency, locale())}</span>
                </span>
                <button
                  type="button"
                  class="secondary small-button"
                  onClick={async () => {
                    await engine().deleteAlert(r.id);
                    await refetch();
                  }}
                >
                  {tr('repDelete')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form
        class="form-grid"
        data-testid="rule-form"
        onSubmit={(e) => {
          e.preventDefault();
          const d = new FormData(e.currentTarget);
          void add(String(d.get('name') ?? ''), specOf(d, type()));
        }}
      >
        <label class="field">
          <span class="field-label">{tr('ruleType')}</span>
          <select
            data-testid="rule-type"
            value={type()}
            onChange={(e) => setType(e.currentTarget.value as RuleSpec['type'])}
          >
            <option value="threshold">{tr('ruleThreshold')}</option>
            <option value="change">{tr('ruleChange')}</option>
            <option value="forecast">{tr('ruleForecast')}</option>
            <option value="stock">{tr('ruleStock')}</option>
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tr('ruleName')}</span>
          <input name="name" type="text" maxLength={80} data-testid="rule-name" />
        </label>
        <Show when={type() === 'threshold'}>
          {metricSelect()}
          <label class="field">
            <span class="field-label">{tr('ruleCondition')}</span>
            <select name="op" data-testid="rule-op">
              <option value="<">&lt;</option>
              <option value=">">&gt;</option>
            </select>
          </label>
          <label class="field">
            <span class="field-label">{tr('ruleValue')}</span>
            <input name="value" type="text" inputMode="decimal" required data-testid="rule-value" />
            <span class="muted small">{tr('ruleValueHint')}</span>
          </label>
          <label class="field">
            <span class="field-label">{tr('ruleWindow')}</span>
            <select name="window" data-testid="rule-window">
              <option value="day">{tr('ruleWindowDay')}</option>
              <option value="7d">{tr('ruleWindow7')}</option>
              <option value="30d">{tr('ruleWindow30')}</option>
            </select>
          </label>
        </Show>
        <Show when={type() === 'change'}>
          {metricSelect()}
          <label class="field">
            <span class="field-label">{tr('ruleDirection')}</span>
            <select name="direction">
              <option value="down">{tr('ruleDown')}</option>
              <option value="up">{tr('ruleUp')}</option>
            </select>
          </label>
          <label class="field">
            <span class="field-label">{tr('rulePct')}</span>
            <input name="pct" type="number" min="1" step="any" value="30" required />
          </label>
          <label class="field">
            <span class="field-label">{tr('ruleWindow')}</span>
            <select name="window">
              <option value="day">{tr('ruleCompareDay')}</option>
              <option value="7d">{tr('ruleCompare7')}</option>
            </select>
          </label>
        </Show>
        <Show when={type() === 'forecast'}>
          <label class="field">
            <span class="field-label">{tr('ruleCondition')}</span>
            <select name="condition">
              <option value="below_band">{tr('ruleBelowBand')}</option>
              <option value="above_band">{tr('ruleAboveBand')}</option>
              <option value="anomaly">{tr('ruleAnomaly')}</option>
            </select>
          </label>
        </Show>
        <Show when={type() === 'stock'}>
          <label class="field">
            <span class="field-label">{tr('ruleSku')}</span>
            <input name="sku" type="text" required />
          </label>
          <label class="field">
            <span class="field-label">{tr('ruleStockQty')}</span>
            <input name="stock" type="number" min="0" required />
          </label>
          <label class="field">
            <span class="field-label">{tr('ruleDays')}</span>
            <input name="days" type="number" min="1" max="90" value="14" required />
          </label>
        </Show>
        <div class="toolbar">
          <button type="submit" class="button primary" data-testid="rule-add">
            {tr('ruleAdd')}
          </button>
          <Show when={error()}>
            <span class="error-text" role="alert" data-testid="rule-error">
              {error()}
            </span>
          </Show>
        </div>
      </form>
      <h3>{tr('ruleExamples')}</h3>
      <div class="toolbar wrap">
        <For each={EXAMPLES}>
          {(spec) => (
            <button type="button" class="secondary small-button" onClick={() => void add('', spec)}>
              + {ruleText(spec, props.currency, locale())}
            </button>
          )}
        </For>
      </div>
    </div>
  );
}

export function AlertsPage() {
  const info = useDatasetInfo();
  const currency = () => currencyOf(info());
  return (
    <section class="page" data-testid="page-alerts">
      <h1>{tr('page_alerts')}</h1>
      <Inbox currency={currency()} />
      <Rules currency={currency()} />
    </section>
  );
}
