import { DAY_MS } from '../../kernel/days';
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { dataVersion, locale, tr, trf } from '../../app/state';
import { engine } from '../../app/useRange';
import type { BackupProblem, BackupSummary, WorkspacePreview, WorkspaceRestore } from '../../engine/api';
import { downloadBlob } from '../../format/csv';
import { formatBytes, formatInstant, formatCount, formatRange } from '../../format/number';

/** Days after which a backup no longer counts as recent, for the reminder. */
const RECENT_BACKUP_DAYS = 7;
const REMINDER_LATER_KEY = 'toko-backup-later';
/** Set across the reload that follows a restore, to say what was restored. */
const RESTORED_KEY = 'toko-restored';

const BACKUP_MIME = 'application/octet-stream';

/** Bumped by every backup made here, so that the reminder looks again. */
const [backupsMade, setBackupsMade] = createSignal(0);

export function backupProblemText(p: BackupProblem, file: string): string {
  switch (p.code) {
    case 'not_backup':
      return trf('backupNotBackup', { file });
    case 'damaged':
      return trf('backupDamaged', { file, part: p.part });
    case 'newer_version':
      return trf('backupNewer', { file, what: p.what, found: String(p.found), supported: String(p.supported) });
    case 'restore_failed':
      return trf('backupRestoreFailed', { file, detail: p.detail });
  }
}

async function storageState(): Promise<{ persisted: boolean; usage: number | null; quota: number | null }> {
  const s = navigator.storage;
  const [persisted, estimate] = await Promise.all([
    s?.persisted?.() ?? false,
    s?.estimate?.().catch(() => null) ?? null,
  ]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** Whether the seller should be reminded to back up: data, storage the browser may clear, no recent backup. */
async function reminderDue(): Promise<{ last: string | null } | null> {
  if (sessionStorage.getItem(REMINDER_LATER_KEY)) return null;
  const [info, last, storage] = await Promise.all([engine().datasetInfo(), engine().lastBackup(), storageState()]);
  if (info.imports === 0 || storage.persisted) return null;
  if (last && Date.now() - Date.parse(last) < RECENT_BACKUP_DAYS * DAY_MS) return null;
  return { last };
}

/** The banner of the shell: shown while a backup is due. */
export function BackupReminder() {
  const [due, { mutate }] = createResource(() => [dataVersion(), backupsMade()] as const, reminderDue);
  return (
    <Show when={due()}>
      {(d) => (
        <div class="update-banner" role="status" data-testid="backup-reminder">
          <span>
            {d().last
              ? trf('backupReminderOld', { at: formatInstant(d().last as string, locale()) })
              : tr('backupReminderNever')}
          </span>
          <A class="button small-button" href="/settings#backup" onClick={() => mutate(null)}>
            {tr('backupReminderGo')}
          </A>
          <button
            type="button"
            class="secondary small-button"
            onClick={() => {
              sessionStorage.setItem(REMINDER_LATER_KEY, '1');
              mutate(null);
            }}
          >
            {tr('backupReminderLater')}
          </button>
        </div>
      )}
    </Show>
  );
}

function SummaryRows(props: { backup: BackupSummary; current: BackupSummary; made: string }) {
  const dates = (s: BackupSummary) =>
    s.firstOrderDate && s.lastOrderDate ? formatRange({ from: s.firstOrderDate, to: s.lastOrderDate }, locale()) : '–';
  const n = (v: number) => formatCount(v, locale());
  const rows: [string, (s: BackupSummary) => string][] = [
    [tr('restoreShop'), (s) => s.shopName || '–'],
    [tr('restoreImports'), (s) => n(s.imports)],
    [tr('restoreOrders'), (s) => n(s.orders)],
    [tr('restoreOrderDates'), dates],
    [tr('restoreUnitCosts'), (s) => n(s.unitCosts)],
    [tr('restoreSchedules'), (s) => n(s.schedules)],
    [tr('restoreRules'), (s) => n(s.alertRules)],
    [tr('restoreReports'), (s) => n(s.reports)],
  ];
  return (
    <div class="table-wrap">
      <table class="compare">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{tr('restoreBackupCol')}</th>
            <th scope="col">{tr('restoreDeviceCol')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{tr('restoreMade')}</th>
            <td>{formatInstant(props.made, locale())}</td>
            <td>–</td>
          </tr>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>{value(props.backup)}</td>
              <td>{value(props.current)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Choosing a backup file, its preview beside what this device holds, and the restore once the seller agrees
 * (a device with data needs the checkbox). Used in Settings and where the database was found missing.
 */
export function RestorePanel(props: {
  preview: (f: Blob) => Promise<WorkspacePreview>;
  restore: (f: Blob) => Promise<WorkspaceRestore>;
}) {
  const [file, setFile] = createSignal<File | null>(null);
  const [preview, setPreview] = createSignal<(WorkspacePreview & { ok: true }) | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<'reading' | 'restoring' | null>(null);
  const [consent, setConsent] = createSignal(false);
  const reset = () => {
    setFile(null);
    setPreview(null);
    setConsent(false);
  };
  const pick = async (f: File | undefined) => {
    reset();
    setError(null);
    if (!f) return;
    setBusy('reading');
    try {
      const p = await props.preview(f);
      if (p.ok) {
        setFile(f);
        setPreview(p);
      } else setError(backupProblemText(p.problem, f.name));
    } finally {
      setBusy(null);
    }
  };
  const needsConsent = () => (preview()?.current.imports ?? 0) > 0 || (preview()?.current.alertRules ?? 0) > 0;
  const go = async () => {
    const f = file();
    const p = preview();
    if (!f || !p) return;
    setBusy('restoring');
    try {
      const r = await props.restore(f);
      if (!r.ok) {
        setError(backupProblemText(r.problem, f.name));
        return;
      }
      sessionStorage.setItem(
        RESTORED_KEY,
        JSON.stringify({ at: p.backup.createdAt, imports: r.info.imports, orders: r.info.orders }),
      );
      location.reload();
    } catch (e) {
      setError(
        backupProblemText({ code: 'restore_failed', detail: e instanceof Error ? e.message : String(e) }, f.name),
      );
    } finally {
      setBusy(null);
    }
  };
  return (
    <div class="restore" data-testid="restore">
      <label class="button secondary file-button">
        {tr('restorePick')}
        <input
          type="file"
          accept=".tokoinsight,application/octet-stream,application/gzip"
          class="sr-only"
          data-testid="restore-file"
          disabled={busy() !== null}
          onChange={(e) => {
            void pick(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <Show when={busy()}>
        {(b) => (
          <p class="muted" role="status">
            {tr(b() === 'reading' ? 'restoreReading' : 'restoreWorking')}
          </p>
        )}
      </Show>
      <Show when={error()}>
        {(m) => (
          <p class="status error" role="alert" data-testid="restore-error">
            {m()}
          </p>
        )}
      </Show>
      <Show when={preview()}>
        {(p) => (
          <div class="restore-preview" data-testid="restore-preview">
            <SummaryRows backup={p().backup.summary} current={p().current} made={p().backup.createdAt} />
            <Show when={needsConsent()}>
              <p class="note-warning">
                {trf('restoreReplaceWarn', {
                  imports: String(p().current.imports),
                  orders: formatCount(p().current.orders, locale()),
                })}
              </p>
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="restore-consent"
                  checked={consent()}
                  onChange={(e) => setConsent(e.currentTarget.checked)}
                />
                <span>{tr('restoreConsent')}</span>
              </label>
            </Show>
            <div class="toolbar wrap">
              <button
                type="button"
                class="primary"
                data-testid="restore-go"
                disabled={busy() !== null || (needsConsent() && !consent())}
                onClick={() => void go()}
              >
                {tr('restoreGo')}
              </button>
              <button type="button" class="secondary" disabled={busy() !== null} onClick={reset}>
                {tr('restoreCancel')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
}

/** What the reload after a restore says, once. */
export function RestoredNotice() {
  const raw = sessionStorage.getItem(RESTORED_KEY);
  sessionStorage.removeItem(RESTORED_KEY);
  const done = raw ? (JSON.parse(raw) as { at: string; imports: number; orders: number }) : null;
  return (
    <Show when={done}>
      {(d) => (
        <p class="status" role="status" data-testid="restore-done">
          {trf('restoreDone', {
            at: formatInstant(d().at, locale()),
            imports: String(d().imports),
            orders: formatCount(d().orders, locale()),
          })}
        </p>
      )}
    </Show>
  );
}

/** Settings: the storage's persistence, the last backup, backing up (download, share) and restoring. */
export function BackupCard() {
  const [storage, { refetch: refetchStorage }] = createResource(storageState);
  const [last, { refetch: refetchLast }] = createResource(() => engine().lastBackup());
  const [asked, setAsked] = createSignal<boolean | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [made, setMade] = createSignal<File | null>(null);
  const [noShare, setNoShare] = createSignal(false);
  const backup = async () => {
    setBusy(true);
    setNoShare(false);
    try {
      const w = await engine().exportWorkspace();
      const file = new File([w.bytes as Uint8Array<ArrayBuffer>], w.fileName, { type: BACKUP_MIME });
      downloadBlob(file.name, file);
      setMade(file);
      setBackupsMade((n) => n + 1);
      await refetchLast();
    } finally {
      setBusy(false);
    }
  };
  const share = async (file: File) => {
    if (navigator.canShare?.({ files: [file] })) {
      try {
        await navigator.share({ files: [file], title: file.name });
        return;
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
      }
    }
    setNoShare(true);
  };
  const ask = async () => {
    setAsked((await navigator.storage?.persist?.()) ?? false);
    await refetchStorage();
  };
  return (
    <section class="card" id="backup" data-testid="backup">
      <h2>{tr('backupTitle')}</h2>
      <p class="muted small">{tr('backupNote')}</p>
      <Show when={storage()}>
        {(s) => (
          <div data-testid="storage-state" data-persisted={String(s().persisted)}>
            <p class={s().persisted ? '' : 'note-warning'}>
              {tr(s().persisted ? 'storagePersistent' : 'storageNotPersistent')}
            </p>
            <Show when={s().usage !== null && s().quota !== null}>
              <p class="muted small">
                {trf('storageUsage', {
                  used: formatBytes(s().usage ?? 0, locale()),
                  quota: formatBytes(s().quota ?? 0, locale()),
                })}
              </p>
            </Show>
            <Show when={!s().persisted}>
              <button type="button" class="secondary" data-testid="storage-ask" onClick={() => void ask()}>
                {tr('storageAsk')}
              </button>
              <Show when={asked() === false}>
                <p class="muted small" data-testid="storage-refused">
                  {tr('storageRefused')}
                </p>
              </Show>
            </Show>
          </div>
        )}
      </Show>
      <p data-testid="last-backup">
        {last() ? trf('backupLast', { at: formatInstant(last() as string, locale()) }) : tr('backupNever')}
      </p>
      <div class="toolbar wrap">
        <button type="button" class="primary" data-testid="backup-now" disabled={busy()} onClick={() => void backup()}>
          {tr(busy() ? 'backupWorking' : 'backupNow')}
        </button>
        <Show when={made()}>
          {(f) => (
            <button type="button" class="secondary" data-testid="backup-share" onClick={() => void share(f())}>
              {tr('backupShare')}
            </button>
          )}
        </Show>
      </div>
      <Show when={made()}>
        {(f) => (
          <p class="muted small" role="status" data-testid="backup-saved">
            {trf('backupSaved', { file: f().name, size: formatBytes(f().size, locale()) })}
          </p>
        )}
      </Show>
      <Show when={noShare()}>
        <p class="note-warning" role="status">
          {tr('backupNoShare')}
        </p>
      </Show>
      <h3>{tr('restoreTitle')}</h3>
      <RestorePanel preview={(f) => engine().previewWorkspace(f)} restore={(f) => engine().restoreWorkspace(f)} />
    </section>
  );
}
