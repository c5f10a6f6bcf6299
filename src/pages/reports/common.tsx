import { For, type JSX } from 'solid-js';
import { TEMPLATE_NAMES } from '../../automation/periods';
import { locale, named, tr } from '../../app/state';
import { engine } from '../../app/useRange';
import type { ReportMeta, TemplateId } from '../../automation/api';
import { downloadBytes } from '../../format/csv';
import { formatDate, formatRange } from '../../format/number';
import type { Locale } from '../../i18n/locale';

export const templateName = (t: TemplateId) => named(TEMPLATE_NAMES[t]);
export const langName = (l: Locale) => (l === 'id' ? 'Bahasa Indonesia' : 'English');
export const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} kB`;
export const periodText = (r: { from: string; to: string }) => formatRange(r, locale());
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
/** ISO weekday 1–7 as a local weekday name (2024-01-01 was a Monday). */
export const weekdayName = (d: number) => formatDate(`2024-01-0${d}`, locale(), 'long').split(',')[0];

/** A table of records (the history, the schedules) that becomes a list of cards on a phone. */
export function RecordTable(props: {
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

export async function download(meta: ReportMeta, format: 'pdf' | 'xlsx') {
  const d = await engine().downloadReport(meta.id, format);
  downloadBytes(d.fileName, d.bytes, d.mime);
}

/** Opens a report's PDF in the browser's viewer (a new tab). */
export async function openPdf(meta: ReportMeta) {
  const tab = window.open('', '_blank');
  const d = await engine().downloadReport(meta.id, 'pdf');
  const url = URL.createObjectURL(new Blob([new Uint8Array(d.bytes)], { type: d.mime }));
  if (tab) tab.location.href = url;
  else window.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const mailto = (meta: ReportMeta) =>
  `mailto:?subject=${encodeURIComponent(`${meta.title}: ${meta.shopName}`)}&body=${encodeURIComponent(`${meta.summary}\n\n${tr('repAttachNote')}`)}`;
