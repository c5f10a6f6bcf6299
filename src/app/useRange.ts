import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { WorkspaceApi } from '../automation/api';
import type { AppEngine } from './client';
import { shopSelection } from './shops';
import type { RangeRequest } from '../kernel/days';
import { isIsoDate } from './range';
import { dataVersion, engineStatus } from './state';

/** The ready engine (pages only render once it is). */
export function engine(): AppEngine {
  const s = engineStatus();
  if (s?.state !== 'ready') throw new Error('engine not ready');
  return s.engine;
}

type Op = keyof WorkspaceApi;
type Result<K extends Op> = Awaited<ReturnType<WorkspaceApi[K]>>;

/**
 * One engine operation as a resource: fetched again when its arguments change or when the data does (an
 * import, a removal, a restore). `args` gives the operation's arguments, or `false` to wait. The one place a
 * page's figures depend on the data version.
 */
export function createEngineQuery<K extends Op>(
  op: K,
  args: () => Parameters<WorkspaceApi[K]> | false = () => [] as never,
) {
  return createResource(
    () => {
      const a = args();
      return a ? { version: dataVersion(), shops: shopSelection(), a } : false;
    },
    // The cast calls the operation with its own parameter list, which TypeScript cannot pair with K here.
    ({ a, shops }) => (engine().forShops(shops)[op] as (...x: unknown[]) => Promise<Result<K>>)(...a),
  );
}

/** Dataset info, refetched after every import or removal. */
export function useDatasetInfo() {
  const [info] = createEngineQuery('datasetInfo');
  return info;
}

/**
 * The global date range and comparison toggle, kept in the URL (`from`, `to`, `compare`). With no range in
 * the URL, the range is all the imported data; comparison is on unless `compare=0`.
 */
export function useRange() {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string; compare?: string }>();
  const range = (): RangeRequest => ({
    from: isIsoDate(params.from) ? params.from : undefined,
    to: isIsoDate(params.to) ? params.to : undefined,
  });
  const compare = () => params.compare !== '0';
  return {
    range,
    compare,
    setRange: (r: RangeRequest) => setParams({ from: r.from, to: r.to }),
    setCompare: (on: boolean) => setParams({ compare: on ? undefined : '0' }),
  };
}
