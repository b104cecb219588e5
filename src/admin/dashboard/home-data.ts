/**
 * What the home page's widgets read, asked for as early as possible and once per visit: a widget's
 * loader (src/admin/app.tsx, dashboardWidgets) starts the request while the widget's code is still
 * downloading, so the numbers and the chart library arrive side by side instead of one after the
 * other; the widgets mounted a moment later take the same answer. An answer is reused for a few
 * seconds only (the widgets of one visit), so coming back to the home page asks again. The request
 * belongs to this store, not to a component: a hook's fetch client aborts on unmount.
 */
import { getFetchClient } from '@strapi/strapi/admin';
import type { DatasetResult } from '../../domain/dashboard';
import type { InboxItem } from '../../domain/inbox';
import { INBOX_PATH } from '../inbox-view';

/** GET: every home-page dataset the caller may read (src/services/dashboard/admin-route.ts). */
export const DASHBOARD_PATH = '/student-records/dashboard';
const REUSE_MS = 3_000;

const answers = new Map<string, { at: number; promise: Promise<unknown> }>();

/** The `data` of GET `path`: the pending or recent answer, or a new request. A failure is not kept. */
export function shared<T>(path: string): Promise<T> {
  const known = answers.get(path);
  if (known && Date.now() - known.at < REUSE_MS) return known.promise as Promise<T>;
  const promise = getFetchClient()
    .get<{ data: T }>(path)
    .then(({ data }) => {
      // Reused for a few seconds from the moment it arrived.
      answers.set(path, { at: Date.now(), promise });
      return data.data;
    });
  promise.catch(() => answers.delete(path));
  // While on its way it counts as fresh.
  answers.set(path, { at: Number.POSITIVE_INFINITY, promise });
  return promise;
}

export const dashboardDatasets = () => shared<DatasetResult[]>(DASHBOARD_PATH);
export const inboxItems = () => shared<InboxItem[]>(INBOX_PATH);

/** Starts a request without waiting for it (a widget's loader); its failure is the widget's to show. */
export function prefetch(load: () => Promise<unknown>): void {
  load().catch(() => undefined);
}
