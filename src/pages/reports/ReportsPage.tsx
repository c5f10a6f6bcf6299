import { useSearchParams } from '@solidjs/router';
import { addDays } from '../../kernel/days';
import { createEffect, createResource, createSignal, For, type JSX, Show } from 'solid-js';
import { bumpInbox, inboxVersion, runAutomations } from '../../app/automations';
import { locale, tr, trf } from '../../app/state';
import { engine, useDatasetInfo } from '../../app/useRange';
import type { Cadence, ReportMeta, ScheduleView, TemplateId } from '../../automation/api';
import { downloadBytes } from '../../format/csv';
import { formatDate, formatRange } from '../../format/number';
import { LOCALES, type Locale } from '../../i18n/locale';
import { TEMPLATES, templatePeriod } from '../../automation/periods';
import { localNow } from '../../automation/schedule';

const templateName = (t: TemplateId) => tr(`rep_t_${t}`);
const langName = (l: Locale) => (l === 'id' ? 'Bahasa Indonesia' : 'English');
const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} kB`;
const periodText = (r: { from: string; to: string }) => formatRange(r, locale());
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
/** ISO weekday 1–7 as a local weekday name (2024-01-01 was a Monday). */
const weekdayName = (d: number) => formatDate(`2024-01-0${d}`, locale(), 'long').split(',')[0];

/** A table of records (the history, the schedules) that becomes a list of cards on a phone. */
function RecordTable(props: {
  caption: string;
  testid: string;
  headers: string[];
  actions: string;
  children: JSX.Element;
}) {
  return (
    <div class="table-wrap">
      <table class="stack-table" data-testid={props.testid}>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.headers}>{(h) => <th scope="col">{h}</th>}</For>
            <th scope="col">
              <span class="sr-only">{props.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

async function download(meta: ReportMeta, format: 'pdf' | 'xlsx') {
  const d = await engine().downloadReport(meta.id, format);
  downloadBytes(d.fileName, d.bytes, d.mime);
}

/** Opens a report's PDF in the browser's viewer (a new tab). */
async function openPdf(meta: ReportMeta) {
  const tab = window.open('', '_blank');
  const d = await engine().downloadReport(meta.id, 'pdf');
  const url = URL.createObjectURL(new Blob([new Uint8Array(d.bytes)], { type: d.mime }));
  if (tab) tab.location.href = url;
  else window.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const mailto = (meta: ReportMeta) =>
  `mailto:?subject=${encodeURIComponent(`${meta.title}: ${meta.shopName}`)}&body=${encodeURIComponent(`${meta.summary}\n\n${tr('repAttachNote')}`)}`;

/** The generate form: template, period (defaulting to the template's last complete period), language, shop name. */
function GenerateForm(props: { onDone: (r: ReportMeta) => void }) {
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
      props.onDone(await engine().generateReport({ template: template(), from: from(), to: to(), locale: lang() }));
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

/** The history: every generated report, with its files, sharing and deletion. */
function History(props: { reports: ReportMeta[]; highlight: number | null; onChange: () => void }) {
  const [fallback, setFallback] = createSignal<ReportMeta | null>(null);
  const share = async (meta: ReportMeta) => {
    const d = await engine().downloadReport(meta.id, 'pdf');
    const file = new File([new Uint8Array(d.bytes)], d.fileName, { type: d.mime });
    if (navigator.canShare?.({ files: [file] })) {
      try {
        await navigator.share({ files: [file], title: meta.title, text: meta.summary });
        return;
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
      }
    }
    // No file sharing here: download the file and offer an email with the summary to attach it to.
    downloadBytes(d.fileName, d.bytes, d.mime);
    setFallback(meta);
  };
  return (
    <div class="card">
      <h2>{tr('repHistory')}</h2>
      <Show when={fallback()}>
        {(m) => (
          <p class="note-warning" role="status" data-testid="share-fallback">
            {tr('repShareFallback')}{' '}
            <a href={mailto(m())} data-testid="share-mailto">
              {tr('repOpenEmail')}
            </a>
          </p>
        )}
      </Show>
      <Show when={props.reports.length} fallback={<p class="muted">{tr('repHistoryEmpty')}</p>}>
        <RecordTable
          caption={tr('repHistory')}
          testid="report-history"
          headers={[tr('repTemplate'), tr('rep_period'), tr('repColCreated'), tr('repColFiles')]}
          actions={tr('repShare')}
        >
          <For each={props.reports}>
            {(r) => (
              <tr
                data-testid="report-row"
                data-id={r.id}
                data-template={r.template}
                classList={{ highlight: props.highlight === r.id }}
              >
                <th scope="row">
                  {r.title}
                  <span class="muted small">
                    {' '}
                    · {r.shopName} · {r.locale.toUpperCase()}
                    {r.scheduleId !== undefined ? ` · ${tr('repScheduled')}` : ''}
                  </span>
                </th>
                <td data-testid="report-period" data-from={r.period.from} data-to={r.period.to}>
                  {periodText(r.period)}
                </td>
                <td>{r.createdAt.replace('T', ' ')}</td>
                <td>
                  <div class="row-actions">
                    <button
                      type="button"
                      class="secondary small-button"
                      data-testid="report-open"
                      onClick={() => void openPdf(r)}
                    >
                      {tr('repOpen')}
                    </button>
                    <button
                      type="button"
                      class="secondary small-button"
                      data-testid="report-pdf"
                      onClick={() => void download(r, 'pdf')}
                    >
                      PDF · {kb(r.pdfBytes)}
                    </button>
                    <button
                      type="button"
                      class="secondary small-button"
                      data-testid="report-xlsx"
                      onClick={() => void download(r, 'xlsx')}
                    >
                      Excel · {kb(r.xlsxBytes)}
                    </button>
                  </div>
                </td>
                <td>
                  <div class="row-actions">
                    <button
                      type="button"
                      class="secondary small-button"
                      data-testid="report-share"
                      onClick={() => void share(r)}
                    >
                      {tr('repShare')}
                    </button>
                    <a class="button secondary small-button" href={mailto(r)} data-testid="report-email">
                      {tr('repEmail')}
                    </a>
                    <button
                      type="button"
                      class="secondary small-button"
                      data-testid="report-delete"
                      aria-label={`${tr('repDelete')}: ${r.title} ${periodText(r.period)}`}
                      onClick={async () => {
                        await engine().deleteReport(r.id);
                        props.onChange();
                      }}
                    >
                      {tr('repDelete')}
                    </button>
                  </div>
                </td>
              </tr>
            )}
          </For>
        </RecordTable>
      </Show>
    </div>
  );
}

function cadenceText(s: ScheduleView): string {
  const c = s.cadence;
  if (c.every === 'day') return trf('schDaily', { time: s.time });
  if (c.every === 'week') return trf('schWeekly', { day: weekdayName(c.weekday), time: s.time });
  return trf('schMonthly', { day: String(c.day), time: s.time });
}

/** Scheduled reports: the form, the list with last and next runs, and the notification permission. */
function Schedules(props: { onChange: () => void }) {
  const [list, { refetch }] = createResource(inboxVersion, () => engine().listSchedules());
  const [every, setEvery] = createSignal<Cadence['every']>('week');
  const [permission, setPermission] = createSignal(
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  const [error, setError] = createSignal<string | null>(null);
  const add = async (form: HTMLFormElement) => {
    const d = new FormData(form);
    const cadence: Cadence =
      every() === 'day'
        ? { every: 'day' }
        : every() === 'week'
          ? { every: 'week', weekday: Number(d.get('weekday')) }
          : { every: 'month', day: Number(d.get('monthday')) };
    setError(null);
    try {
      await engine().scheduleReport({
        template: String(d.get('template')) as TemplateId,
        cadence,
        time: String(d.get('time')),
        locale: String(d.get('locale')) as Locale,
        since: String(d.get('since') || localNow()),
      });
      // A schedule counted from the past is due now: run it, so its reports are there right away.
      await runAutomations(engine());
      await refetch();
      props.onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="card">
      <h2>{tr('schTitle')}</h2>
      <p class="muted small" data-testid="schedule-note">
        {tr('schNote')}
      </p>
      <form
        class="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void add(e.currentTarget);
        }}
      >
        <label class="field">
          <span class="field-label">{tr('repTemplate')}</span>
          <select name="template" data-testid="schedule-template">
            <For each={TEMPLATES.filter((t) => t !== 'campaign')}>
              {(t) => (
                <option value={t} selected={t === 'weekly'}>
                  {templateName(t)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tr('schEvery')}</span>
          <select
            data-testid="schedule-every"
            value={every()}
            onChange={(e) => setEvery(e.currentTarget.value as Cadence['every'])}
          >
            <option value="day">{tr('schDay')}</option>
            <option value="week">{tr('schWeek')}</option>
            <option value="month">{tr('schMonth')}</option>
          </select>
        </label>
        <Show when={every() === 'week'}>
          <label class="field">
            <span class="field-label">{tr('schWeekday')}</span>
            <select name="weekday" data-testid="schedule-weekday">
              <For each={WEEKDAYS}>{(d) => <option value={d}>{weekdayName(d)}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={every() === 'month'}>
          <label class="field">
            <span class="field-label">{tr('schMonthDay')}</span>
            <input name="monthday" type="number" min="1" max="28" value="1" required data-testid="schedule-monthday" />
          </label>
        </Show>
        <label class="field">
          <span class="field-label">{tr('schTime')}</span>
          <input name="time" type="time" value="08:00" required data-testid="schedule-time" />
        </label>
        <label class="field">
          <span class="field-label">{tr('repLanguage')}</span>
          <select name="locale" data-testid="schedule-locale" value={locale()}>
            <For each={LOCALES}>{(l) => <option value={l}>{langName(l)}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tr('schSince')}</span>
          <input name="since" type="datetime-local" value={localNow()} data-testid="schedule-since" />
          <span class="muted small">{tr('schSinceHint')}</span>
        </label>
        <div class="toolbar">
          <button type="submit" class="button primary" data-testid="schedule-add">
            {tr('schAdd')}
          </button>
          <Show when={error()}>
            <span class="error-text" role="alert">
              {error()}
            </span>
          </Show>
        </div>
      </form>
      <Show when={list()?.length} fallback={<p class="muted">{tr('schEmpty')}</p>}>
        <RecordTable
          caption={tr('schTitle')}
          testid="schedules"
          headers={[tr('repTemplate'), tr('schColWhen'), tr('schColLast'), tr('schColResult'), tr('schColNext')]}
          actions={tr('repDelete')}
        >
          <For each={list()}>
            {(s) => (
              <tr data-testid="schedule-row">
                <th scope="row">{templateName(s.template)}</th>
                <td>{cadenceText(s)}</td>
                <td>{s.lastRun?.replace('T', ' ') ?? tr('schNever')}</td>
                <td
                  data-testid="schedule-result"
                  title={s.lastResult?.status === 'error' ? s.lastResult.message : undefined}
                >
                  {s.lastResult === null ? '–' : s.lastResult.status === 'ok' ? tr('schOk') : tr('schFailed')}
                </td>
                <td>{s.nextRun.replace('T', ' ')}</td>
                <td>
                  <button
                    type="button"
                    class="secondary small-button"
                    onClick={async () => {
                      await engine().deleteSchedule(s.id);
                      await refetch();
                    }}
                  >
                    {tr('repDelete')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </RecordTable>
      </Show>
      <div class="toolbar">
        <Show when={permission() === 'default'}>
          <button
            type="button"
            class="button secondary"
            data-testid="notify-allow"
            onClick={async () => setPermission(await Notification.requestPermission())}
          >
            {tr('notifyAllow')}
          </button>
        </Show>
        <Show when={permission() === 'granted'}>
          <span class="muted small">{tr('notifyOn')}</span>
        </Show>
        <Show when={permission() === 'denied'}>
          <span class="muted small">{tr('notifyDenied')}</span>
        </Show>
      </div>
    </div>
  );
}

export function ReportsPage() {
  const [params] = useSearchParams<{ report?: string }>();
  const [reports, { refetch }] = createResource(inboxVersion, () => engine().listReports());
  const changed = () => {
    void refetch();
    bumpInbox();
  };
  return (
    <section class="page" data-testid="page-reports">
      <h1>{tr('page_reports')}</h1>
      <GenerateForm onDone={changed} />
      <History reports={reports() ?? []} highlight={params.report ? Number(params.report) : null} onChange={changed} />
      <Schedules onChange={changed} />
    </section>
  );
}
