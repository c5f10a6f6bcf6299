import { For, Show } from 'solid-js';
import { bumpDataVersion, locale, tr, trf } from '../../app/state';
import { createEngineQuery, engine } from '../../app/useRange';
import type { Currency } from '../../kernel/currency';
import type { StoredConflict } from '../../engine/api';
import { formatCount, formatMoney } from '../../format/number';

/**
 * What the seller's product master holds (SKU texts mapped, costs, the orders' SKUs with and without one),
 * and each conflict it left, with its options as buttons: the seller's choice settles it.
 */
export function MasterPanel(props: { currency: Currency }) {
  const [summary] = createEngineQuery('productMaster');
  const count = (n: number) => formatCount(n, locale());
  async function choose(c: StoredConflict, i: number) {
    if (c.kind === 'cost')
      await engine().resolveMasterConflict({ kind: 'cost', subject: c.subject, unitCost: c.options[i].unitCost });
    else await engine().resolveMasterConflict({ kind: 'master', subject: c.subject, master: c.options[i].master });
    bumpDataVersion();
  }
  return (
    <Show when={summary()}>
      {(s) => (
        <Show when={s().aliases > 0 || s().costs > 0}>
          <div class="master-panel" data-testid="master-summary">
            <p class="muted small">
              {trf('masterSummary', {
                aliases: count(s().aliases),
                costs: count(s().costs),
                with: count(s().skusWithCost),
                without: count(s().skusWithoutCost),
              })}
            </p>
            <Show when={s().conflicts.length}>
              <h3>{tr('masterConflicts')}</h3>
              <ul class="conflicts" data-testid="master-conflicts">
                <For each={s().conflicts}>
                  {(c) => (
                    <li data-testid="master-conflict" data-subject={c.subject}>
                      <span>
                        {trf(c.kind === 'cost' ? 'conflictCost' : 'conflictMaster', {
                          subject: c.subject,
                          file: c.fileName,
                        })}
                      </span>
                      <span class="actions">
                        <For each={c.options as { rows: number[]; unitCost?: number; master?: string }[]}>
                          {(o, i) => (
                            <button
                              type="button"
                              class="button secondary small-button"
                              data-testid="conflict-option"
                              onClick={() => void choose(c, i())}
                            >
                              {o.unitCost !== undefined
                                ? formatMoney(o.unitCost, props.currency, locale())
                                : (o.master ?? '')}{' '}
                              <span class="muted small">({trf('conflictRows', { rows: o.rows.join(', ') })})</span>
                            </button>
                          )}
                        </For>
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        </Show>
      )}
    </Show>
  );
}
