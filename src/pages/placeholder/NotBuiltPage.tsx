import { A, useLocation } from '@solidjs/router';
import type { PageId } from '../../app/pages';
import { tr } from '../../app/state';
import type { StringKey } from '../../i18n/ui';

/** A page whose capability is not built yet: it says so plainly and shows no numbers. */
export function NotBuiltPage(props: { page: PageId; message: StringKey }) {
  const location = useLocation();
  return (
    <section class="page" data-testid={`page-${props.page}`}>
      <h1>{tr(`page_${props.page}` as StringKey)}</h1>
      <div class="empty" data-testid="not-built">
        <p>
          <strong>{tr('notBuiltYet')}</strong>
        </p>
        <p>{tr(props.message)}</p>
        <p>
          <A href={`/overview${location.search}`}>{tr('backToOverview')}</A>
        </p>
      </div>
    </section>
  );
}
