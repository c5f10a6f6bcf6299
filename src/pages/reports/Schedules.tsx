import { shopSelection } from '../../app/shops';
import { createResource, createSignal, For, Show } from 'solid-js';
import { inboxVersion, runAutomations } from '../../app/automations';
import { locale, tr, trf } from '../../app/state';
import { engine } from '../../app/useRange';
import type { Cadence, ScheduleView, TemplateId } from '../../automation/api';
import { LOCALES, type Locale } from '../../i18n/locale';
import { TEMPLATES } from '../../automation/periods';
import { localNow } from '../../automation/schedule';
import { langName, RecordTable, templateName, WEEKDAYS, weekdayName } from './common';

export function cadenceText(s: ScheduleView): string {
  const c = s.cadence;
  if (c.every === 'day') return trf('schDaily', { time: s.time });
  if (c.every === 'week') return trf('schWeekly', { day: weekdayName(c.weekday), time: s.time });
  return trf('schMonthly', { day: String(c.day), time: s.time });
}

/** Scheduled reports: the form, the list with last and next runs, and the notification permission. */
export function Schedules(props: { onChange: () => void }) {
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
        shops: shopSelection(),
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
