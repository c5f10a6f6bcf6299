import { createSignal, Show } from 'solid-js';
import { importBusy, importItems, loadSample } from '../app/imports';
import { tr } from '../app/state';
import { engine } from '../app/useRange';

/** Load the sample exports: the same button on the empty state and on the Data page. */
export function LoadSampleButton() {
  const done = () => importItems().filter((i) => i.report).length;
  // The sample is downloaded when asked for (it is not in the offline copy of the app).
  const [failed, setFailed] = createSignal(false);
  const load = () => {
    setFailed(false);
    loadSample(engine()).catch(() => setFailed(true));
  };
  return (
    <>
      <button type="button" class="primary" data-testid="load-sample" disabled={importBusy()} onClick={load}>
        <Show when={importBusy()} fallback={tr('loadSample')}>
          {tr('importing')} {done()}/{importItems().length}
        </Show>
      </button>
      <Show when={failed()}>
        <p class="muted small" role="alert" data-testid="sample-unavailable">
          {tr('sampleUnavailable')}
        </p>
      </Show>
    </>
  );
}

/** What to do when there is no data yet: which exports to download, where, and the sample. */
export function EmptyState(props: { testid?: string }) {
  return (
    <div class="empty" data-testid={props.testid ?? 'empty-state'}>
      <h2>{tr('emptyTitle')}</h2>
      <p>{tr('emptyIntro')}</p>
      <ol class="steps">
        <li>{tr('emptyStepOrders')}</li>
        <li>{tr('emptyStepIncome')}</li>
        <li>{tr('emptyStepDrop')}</li>
      </ol>
      <div class="actions">
        <LoadSampleButton />
        <a class="button secondary" href="/data">
          {tr('importOwn')}
        </a>
      </div>
    </div>
  );
}
