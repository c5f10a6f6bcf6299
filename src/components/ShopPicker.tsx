import { For, Show } from 'solid-js';
import { parseShopParam, shopParam, shopSelection, shops, useShops } from '../app/shops';
import { tr, trf } from '../app/state';

/**
 * Which shops the pages show: all of them, or one (several come from the comparison page or the URL, and
 * show as one option). The choice goes into the URL as `shop=` and is remembered.
 */
export function ShopPicker(props: { testId: string }) {
  const { selection, choose } = useShops();
  const several = () => {
    const s = selection();
    return s !== 'all' && s.length > 1 ? s : null;
  };
  return (
    <label class="shop-picker">
      <span class="sr-only">{tr('shopPickerLabel')}</span>
      <select
        data-testid={props.testId}
        value={shopParam(selection())}
        onChange={(e) => choose(parseShopParam(e.currentTarget.value) ?? 'all')}
      >
        <option value="all">{trf('shopsAll', { n: String(shops().length) })}</option>
        <For each={shops()}>{(s) => <option value={String(s.id)}>{s.name}</option>}</For>
        <Show when={several()}>
          {(ids) => <option value={shopParam(ids())}>{trf('shopsSome', { n: String(ids().length) })}</option>}
        </Show>
      </select>
    </label>
  );
}

/**
 * What the models of a page were fitted on, in a workspace of several shops: one shop's data, or the union
 * of the shops shown (a buyer of two shops is one buyer).
 */
export function ModelScopeNote() {
  const shown = () => {
    const s = shopSelection();
    return s === 'all' ? shops() : shops().filter((x) => s.includes(x.id));
  };
  return (
    <Show when={shops().length > 1}>
      <p class="muted small" data-testid="model-scope">
        {shown().length === 1
          ? trf('modelScopeOne', { name: shown()[0].name })
          : trf('modelScopeUnion', { n: String(shown().length) })}
      </p>
    </Show>
  );
}
