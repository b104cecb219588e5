/**
 * Names that list cells and panels ask the server for, one record at a time, gathered into one
 * request per list page: the cells of a page render together, so the ids they ask for in the same
 * tick go out in one call (at most 100 per call, the server's limit). Answers are kept for the
 * session; a refused call (a role that may not read the rows) leaves the cells as they were.
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

type Get = ReturnType<typeof useFetchClient>['get'];
const PAGE = 100;

export interface LabelBatch<T> {
  /** The answer for `id`: undefined while asked, null when the server gave none. */
  use(id: string | null | undefined): T | null | undefined;
}

export function labelBatch<T>(path: string, parameter: string): LabelBatch<T> {
  const answers = new Map<string, T | null>();
  const listeners = new Set<() => void>();
  let pending = new Set<string>();
  let scheduled = false;

  async function flush(get: Get) {
    const ids = [...pending];
    pending = new Set();
    scheduled = false;
    for (let start = 0; start < ids.length; start += PAGE) {
      const chunk = ids.slice(start, start + PAGE);
      try {
        const { data } = await get<{ data: Record<string, T> }>(`${path}?${parameter}=${chunk.map(encodeURIComponent).join(',')}`);
        for (const id of chunk) answers.set(id, data.data[id] ?? null);
      } catch {
        for (const id of chunk) answers.set(id, null);
      }
    }
    for (const listener of listeners) listener();
  }

  function ask(id: string, get: Get) {
    if (answers.has(id) || pending.has(id)) return;
    pending.add(id);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => flush(get), 0);
  }

  return {
    use(id) {
      const { get } = useFetchClient();
      const [, rerender] = React.useReducer((n: number) => n + 1, 0);
      React.useEffect(() => {
        if (!id) return undefined;
        listeners.add(rerender);
        ask(id, get);
        return () => {
          listeners.delete(rerender);
        };
      }, [id, get]);
      return id ? answers.get(id) : null;
    },
  };
}

export interface AuditEntryLabels {
  actor: string;
  target: string;
  targetFound: boolean;
}

/** GET /student-records/audit/labels (src/services/people/admin-routes.ts). */
export const auditLabels = labelBatch<AuditEntryLabels>('/student-records/audit/labels', 'entries');
/** GET /student-records/status-changes/applicants. */
export const applicantLabels = labelBatch<string>('/student-records/status-changes/applicants', 'documentIds');
