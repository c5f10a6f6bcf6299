import { createSignal, For, Show } from 'solid-js';
import { answerQuestion, type ImportItem, importBusy, importOnPurpose } from '../app/imports';
import { shops } from '../app/shops';
import { locale, named, tr, trf } from '../app/state';
import { engine } from '../app/useRange';
import type { MasterColumn, MasterMapping, MasterQuestion, MasterReading, MasterRole } from '../engine/api';
import type { Text } from '../kernel/text';
import { formatCount } from '../format/number';
import { errorText, noteText } from '../i18n/problems';

/** Each role of a product master's columns, by name. */
const ROLE_NAMES: Record<MasterRole, Text> = {
  sku: { id: 'SKU seperti di pesanan', en: 'SKU as the orders carry it' },
  master: { id: 'Master produk', en: 'Master product' },
  cost: { id: 'Harga pokok per unit', en: 'Unit cost' },
};

/** The question of each role of a product master's columns. */
const ROLE_QUESTIONS: Record<MasterRole, Text> = {
  sku: {
    id: 'Kolom mana yang berisi SKU seperti di pesanan?',
    en: 'Which column holds the SKU as the orders carry it?',
  },
  master: { id: 'Kolom mana yang berisi master produk?', en: 'Which column holds the master product?' },
  cost: { id: 'Kolom mana yang berisi harga pokok per unit?', en: 'Which column holds the unit cost?' },
};

/**
 * A product master whose columns read two ways: each candidate column with its header and first values,
 * and the import with the one the seller picks (every other role as inferred).
 */
function MasterQuestionForm(props: { item: ImportItem; question: MasterQuestion }) {
  const [choice, setChoice] = createSignal(props.question.mapping[props.question.role] ?? props.question.candidates[0]);
  const column = (j: number) => props.question.columns[j];
  return (
    <fieldset class="master-question" data-testid="master-question" data-role={props.question.role}>
      <legend>{named(ROLE_QUESTIONS[props.question.role])}</legend>
      <For each={props.question.candidates}>
        {(j) => (
          <label class="choice">
            <input
              type="radio"
              name={`master-${props.item.key}`}
              value={j}
              checked={choice() === j}
              onChange={() => setChoice(j)}
              data-testid={`master-choice-${column(j).letter}`}
            />
            <span>
              <strong>{column(j).header ? `${column(j).letter} · ${column(j).header}` : column(j).letter}</strong>
              <span class="muted small"> {column(j).samples.join(' · ')}</span>
            </span>
          </label>
        )}
      </For>
      <button
        type="button"
        class="button"
        data-testid="master-answer"
        disabled={importBusy()}
        onClick={() =>
          void answerQuestion(engine(), props.item, { ...props.question.mapping, [props.question.role]: choice() })
        }
      >
        {tr('masterImportWith')}
      </button>
    </fieldset>
  );
}

/**
 * The columns a product master was read with, to change afterwards: SKU, master product and cost, each a
 * column of the sheet (the master and the cost may be none), read again with the seller's choice.
 */
function MasterMappingForm(props: { item: ImportItem; reading: MasterReading }) {
  const [mapping, setMapping] = createSignal<MasterMapping>({ ...props.reading.mapping });
  const label = (c: MasterColumn) => (c.header ? `${c.letter} · ${c.header}` : `${c.letter} · ${c.samples.join(', ')}`);
  const pick = (role: MasterRole, optional: boolean) => (
    <label class="field">
      <span class="field-label">{named(ROLE_NAMES[role])}</span>
      <select
        data-testid={`master-map-${role}`}
        value={String(mapping()[role] ?? '')}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setMapping({ ...mapping(), [role]: v === '' ? null : Number(v) });
        }}
      >
        {optional && <option value="">–</option>}
        <For each={props.reading.columns}>{(c) => <option value={String(c.index)}>{label(c)}</option>}</For>
      </select>
    </label>
  );
  return (
    <details class="master-mapping" data-testid="master-mapping">
      <summary>{tr('masterChangeColumns')}</summary>
      <div class="actions">
        {pick('sku', false)}
        {pick('master', true)}
        {pick('cost', true)}
        <button
          type="button"
          class="button secondary small-button"
          data-testid="master-remap"
          disabled={importBusy()}
          onClick={() => void answerQuestion(engine(), props.item, mapping())}
        >
          {tr('masterReadAgain')}
        </button>
      </div>
    </details>
  );
}

/** One file's import report: its status and kind, counts, the error or question, and the notes. */
export function ReportItem(props: { item: ImportItem }) {
  const r = () => props.item.report;
  const status = () => r()?.status ?? 'pending';
  return (
    <li
      class={`report report-${status()}`}
      data-testid="import-report"
      data-status={status()}
      data-file={props.item.fileName}
    >
      <div class="report-head">
        <strong>{props.item.fileName}</strong>
        <span class="badge">{status() === 'pending' ? tr('pending') : status() === 'ok' ? tr('ok') : tr('error')}</span>
        <Show when={r()?.kind}>{(k) => <span class="muted">{tr(`kind_${k()}`)}</span>}</Show>
        <Show when={shops().length > 1 && r()?.shop}>
          {(s) => (
            <span class="muted" data-testid="import-shop" data-shop={s().id}>
              {trf('shopOfImport', { name: s().name })}
            </span>
          )}
        </Show>
      </div>
      <Show when={r()?.status === 'ok'}>
        <p class="counts">
          {formatCount(r()?.rowsRead ?? 0, locale())} {tr('rowsRead')} · {formatCount(r()?.added ?? 0, locale())}{' '}
          {tr('added')} · {formatCount(r()?.updated ?? 0, locale())} {tr('updated')} ·{' '}
          {formatCount(r()?.unchanged ?? 0, locale())} {tr('unchanged')}
        </p>
      </Show>
      <Show when={r()?.error}>
        {(e) => (
          <>
            <p class="error-text" data-testid="import-error" data-code={e().code}>
              {errorText(locale(), e())}
            </p>
            <Show when={e().code === 'other_shop' && props.item.input && r()?.shop}>
              {(s) => (
                <button
                  type="button"
                  class="secondary small-button"
                  data-testid="import-on-purpose"
                  onClick={() => void importOnPurpose(engine(), props.item)}
                >
                  {trf('shopOnPurpose', { name: s().name })}
                </button>
              )}
            </Show>
            <Show when={e().params.detail}>
              {(d) => (
                <details class="muted small">
                  <summary>{tr('technicalDetail')}</summary>
                  <code>{String(d())}</code>
                </details>
              )}
            </Show>
          </>
        )}
      </Show>
      <Show when={r()?.question}>{(q) => <MasterQuestionForm item={props.item} question={q()} />}</Show>
      <Show when={props.item.input && r()?.master?.columns.length ? r()?.master : undefined}>
        {(m) => <MasterMappingForm item={props.item} reading={m()} />}
      </Show>
      <Show when={r()?.notes.length}>
        <ul class="notes">
          <For each={r()?.notes}>{(n) => <li class={`note-${n.level}`}>{noteText(locale(), n)}</li>}</For>
        </ul>
      </Show>
    </li>
  );
}
