import { For, Show } from 'solid-js';
import { parseShopParam, shopParam, shops, useShops } from '../app/shops';
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
