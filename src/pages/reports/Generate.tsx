import { shopSelection } from '../../app/shops';
import { addDays } from '../../kernel/days';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { locale, tr } from '../../app/state';
import { engine, useDatasetInfo } from '../../app/useRange';
import type { ReportMeta, TemplateId } from '../../automation/api';
import { LOCALES, type Locale } from '../../i18n/locale';
import { TEMPLATES, templatePeriod } from '../../automation/periods';
import { langName, templateName } from './common';

/** The generate form: template, period (defaulting to the template's last complete period), language, shop name. */
export function GenerateForm(props: { onDone: (r: ReportMeta) => void }) {
  const info = useDatasetInfo();
  const [settings] = createResource(() => engine().reportSettings());
  const [template, setTemplate] = createSignal<TemplateId>('weekly');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [lang, setLang] = createSignal<Locale>(locale());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  createEffect(() => {
    const end = info()?.lastOrderDate;
    if (!end) return;
    const p = templatePeriod(template(), addDays(end, 1), end);
    setFrom(p.from);
    setTo(p.to);
  });
  const generate = async () => {
    if (!from() || !to() || from() > to()) {
      setError(tr('repBadPeriod'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onDone(
        await engine().generateReport({
          template: template(),
          from: from(),
          to: to(),
          locale: lang(),
          shops: shopSelection(),
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="card report-form"
      onSubmit={(e) => {
        e.preventDefault();
        void generate();
      }}
    >
      <h2>{tr('repGenerateTitle')}</h2>
      <div class="form-grid">
        <label class="field">
          <span class="field-label">{tr('repTemplate')}</span>
          <select
            data-testid="report-template"
            value={template()}
            onChange={(e) => setTemplate(e.currentTarget.value as TemplateId)}
          >
            <For each={TEMPLATES}>{(t) => <option value={t}>{templateName(t)}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tr('repFrom')}</span>
          <input
            type="date"
            required
            data-testid="report-from"
            value={from()}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field-label">{tr('repTo')}</span>
          <input
            type="date"
            required
            data-testid="report-to"
            value={to()}
            min={from()}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field-label">{tr('repLanguage')}</span>
          <select data-testid="report-locale" value={lang()} onChange={(e) => setLang(e.currentTarget.value as Locale)}>
            <For each={LOCALES}>{(l) => <option value={l}>{langName(l)}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tr('repShopName')}</span>
          <input
            type="text"
            maxLength={80}
            data-testid="report-shop"
            placeholder={tr('repShopPlaceholder')}
            value={settings()?.shopName ?? ''}
            onChange={(e) => void engine().setReportSettings({ shopName: e.currentTarget.value })}
          />
        </label>
      </div>
      <p class="muted small">{tr('repPeriodHint')}</p>
      <div class="toolbar">
        <button
          type="submit"
          class="button primary"
          data-testid="generate-report"
          disabled={busy() || !info()?.lastOrderDate}
        >
          {busy() ? tr('repGenerating') : tr('repGenerate')}
        </button>
        <Show when={error()}>
          <span class="error-text" role="alert" data-testid="report-error">
            {error()}
          </span>
        </Show>
      </div>
    </form>
  );
}
