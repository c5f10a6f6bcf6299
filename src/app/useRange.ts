import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { WorkspaceApi } from '../automation/api';
import type { DateRange } from '../engine/api';
import { isIsoDate } from './range';
import { dataVersion, engineStatus } from './state';

/** The ready engine (pages only render once it is). */
export function engine(): WorkspaceApi {
  const s = engineStatus();
  if (s?.state !== 'ready') throw new Error('engine not ready');
  return s.engine;
}

/** Dataset info, refetched after every import or removal. */
export function useDatasetInfo() {
  const [info] = createResource(dataVersion, () => engine().datasetInfo());
  return info;
}

/**
 * The global date range and comparison toggle, kept in the URL (`from`, `to`, `compare`). With no range in
 * the URL, the range is all the imported data; comparison is on unless `compare=0`.
 */
export function useRange() {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string; compare?: string }>();
  const range = (): Partial<DateRange> => ({
    from: isIsoDate(params.from) ? params.from : undefined,
    to: isIsoDate(params.to) ? params.to : undefined,
  });
  const compare = () => params.compare !== '0';
  return {
    range,
    compare,
    setRange: (r: Partial<DateRange>) => setParams({ from: r.from, to: r.to }),
    setCompare: (on: boolean) => setParams({ compare: on ? undefined : '0' }),
  };
}
