import { createSignal, For, Show } from 'solid-js';
import { askShop, importInto } from '../../app/imports';
import { setShops, shops, useShops } from '../../app/shops';
import { bumpDataVersion, tr, trf } from '../../app/state';
import { engine } from '../../app/useRange';
import { ShopPicker } from '../../components/ShopPicker';
import type { ImportRecord } from '../../engine/api';

/** After a change to the shops: the list again, and every page's figures. */
async function refreshShops(): Promise<void> {
  setShops(await engine().listShops());
  bumpDataVersion();
}

/**
 * The workspace's shops on the Data page: which one the pages show and files go into, a new shop, and the
 * selected shop's name and removal.
 */
export function ShopControls() {
  const { selection, choose } = useShops();
  const [name, setName] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const one = () => {
    const s = selection();
    const id = s === 'all' ? (shops().length === 1 ? shops()[0].id : null) : s.length === 1 ? s[0] : null;
    return shops().find((x) => x.id === id) ?? null;
  };
  async function create(e: Event) {
    e.preventDefault();
    if (!name().trim()) return setProblem(tr('shopNameNeeded'));
    const shop = await engine().createShop(name());
    setName('');
    setProblem(null);
    await refreshShops();
    choose([shop.id]);
  }
  async function rename() {
    const shop = one();
    const next = shop && prompt(tr('shopRename'), shop.name);
    if (!shop || !next?.trim()) return;
    await engine().renameShop(shop.id, next);
    await refreshShops();
  }
  async function remove() {
    const shop = one();
    if (!shop || !confirm(trf('shopDeleteConfirm', { name: shop.name }))) return;
    await engine().deleteShop(shop.id);
    choose('all');
    await refreshShops();
  }
  return (
    <section class="shop-controls" data-testid="shop-controls">
      <h2>{tr('shopsTitle')}</h2>
      <div class="toolbar wrap">
        <ShopPicker testId="shop-select" />
        <Show when={one()}>
          <button type="button" class="link" data-testid="shop-rename" onClick={rename}>
            {tr('shopRenameButton')}
          </button>
          <Show when={shops().length > 1}>
            <button type="button" class="link danger" data-testid="shop-delete" onClick={remove}>
              {tr('shopDelete')}
            </button>
          </Show>
        </Show>
      </div>
      <p class="muted small" data-testid="shop-target">
        {one() ? trf('shopImportsInto', { name: one()?.name ?? '' }) : tr('shopImportsAsk')}
      </p>
      <form class="toolbar wrap" onSubmit={create}>
        <label class="field">
          <span>{tr('shopNew')}</span>
          <input
            data-testid="shop-name"
            value={name()}
            maxLength={60}
            placeholder={tr('shopNamePlaceholder')}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="secondary" data-testid="shop-create">
          {tr('shopCreate')}
        </button>
      </form>
      <Show when={problem()}>
        <p class="status error">{problem()}</p>
      </Show>
      <Show when={askShop()}>
        {(files) => (
          <div class="status warning" role="dialog" aria-labelledby="ask-shop" data-testid="ask-shop">
            <p id="ask-shop">{trf('shopAsk', { n: String(files().length) })}</p>
            <div class="toolbar wrap">
              <For each={shops()}>
                {(s) => (
                  <button
                    type="button"
                    class="primary small-button"
                    data-testid="ask-shop-choice"
                    data-shop={s.id}
                    onClick={() => void importInto(engine(), s.id)}
                  >
                    {s.name}
                  </button>
                )}
              </For>
              <button type="button" class="secondary small-button" onClick={() => void importInto(engine(), null)}>
                {tr('cancel')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}

/** Moves one stored file to another shop (it was imported into the wrong one). */
export function MoveImport(props: { record: ImportRecord }) {
  const others = () => shops().filter((s) => s.id !== props.record.shop);
  return (
    <Show when={others().length}>
      <label class="move-import">
        <span class="sr-only">{tr('shopMove')}</span>
        <select
          data-testid="move-import"
          value=""
          onChange={async (e) => {
            const to = Number(e.currentTarget.value);
            e.currentTarget.value = '';
            if (!to) return;
            await engine().moveImport(props.record.id, to);
            bumpDataVersion();
          }}
        >
          <option value="">{tr('shopMove')}</option>
          <For each={others()}>{(s) => <option value={String(s.id)}>{s.name}</option>}</For>
        </select>
      </label>
    </Show>
  );
}
