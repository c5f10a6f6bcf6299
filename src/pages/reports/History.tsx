import { createSignal, For, Show } from 'solid-js';
import { tr } from '../../app/state';
import { engine } from '../../app/useRange';
import type { ReportMeta } from '../../automation/api';
import { downloadBytes } from '../../format/csv';
import { download, kb, mailto, openPdf, periodText, RecordTable } from './common';

/** The history: every generated report, with its files, sharing and deletion. */
export function History(props: { reports: ReportMeta[]; highlight: number | null; onChange: () => void }) {
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
