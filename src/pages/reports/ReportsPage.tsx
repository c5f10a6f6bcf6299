import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { bumpInbox, inboxVersion } from '../../app/automations';
import { tr } from '../../app/state';
import { engine } from '../../app/useRange';
import { GenerateForm } from './Generate';
import { History } from './History';
import { Schedules } from './Schedules';

/** Reports: generate one now, the history of those made, and the schedules that make them. */
export function ReportsPage() {
  const [params] = useSearchParams<{ report?: string }>();
  const [reports, { refetch }] = createResource(inboxVersion, () => engine().listReports());
  const changed = () => {
    void refetch();
    bumpInbox();
  };
  return (
    <section class="page" data-testid="page-reports">
      <h1>{tr('page_reports')}</h1>
      <GenerateForm onDone={changed} />
      <History reports={reports() ?? []} highlight={params.report ? Number(params.report) : null} onChange={changed} />
      <Schedules onChange={changed} />
    </section>
  );
}
