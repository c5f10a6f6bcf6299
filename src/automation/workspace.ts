import type { SqlConnection } from '../db/connection';
import { Engine, type EngineDeps } from '../engine/engine';
import { composeWorkspace, type WorkspaceApi } from './api';
import type { LocalTime } from './schedule';
import { ReportService } from './service';
import type { ReportStore } from './store';

/**
 * An engine on a connection with the reports, schedules and alerts over it, as one workspace (Node tests
 * and tools; the db worker composes the same two around its own start-up).
 */
export async function openWorkspace(
  db: SqlConnection,
  deps: Omit<EngineDeps, 'automation'> & { reports: ReportStore; clock?: () => LocalTime },
): Promise<WorkspaceApi & { engine: Engine; automation: ReportService }> {
  let automation: ReportService | null = null;
  const service = () => {
    if (!automation) throw new Error('the workspace is not open yet');
    return automation;
  };
  const engine = await Engine.open(db, { ...deps, automation: () => service().counts() });
  automation = new ReportService(engine, deps.reports, deps.clock);
  return { ...composeWorkspace(() => engine, service), engine, automation };
}
