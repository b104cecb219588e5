/**
 * The 待我审批 count behind the menu badge, shared by every mounted badge: asked again when the
 * admin navigates (the menu re-renders its links on every route change) and every minute, from
 * the cheap count route (no rows). At most one request at a time; repeated mounts within a few
 * seconds reuse the last answer. The request belongs to this store, not to the icon: the menu
 * remounts its icons on every render, and a hook's fetch client aborts on unmount.
 */
import * as React from 'react';
import { getFetchClient } from '@strapi/strapi/admin';
import { useLocation } from 'react-router-dom';
import { INBOX_COUNT_PATH } from './inbox-view';

export interface InboxCount {
  total: number;
  overdue: number;
}

const MINUTE = 60_000;
const REUSE_MS = 5_000;

let current: InboxCount | null = null;
let askedAt = 0;
let pending: Promise<void> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the server unless an answer is on its way or fresh enough (`force` ignores freshness). */
export function refreshInboxCount(force = false): void {
  if (pending || (!force && Date.now() - askedAt < REUSE_MS)) return;
  askedAt = Date.now();
  pending = getFetchClient()
    .get<{ data: InboxCount }>(INBOX_COUNT_PATH)
    .then(({ data }) => {
      current = data.data;
      listeners.forEach((listener) => listener());
    })
    // A failed count keeps the last one; the next navigation or minute asks again.
    .catch(() => undefined)
    .finally(() => {
      pending = null;
    });
}

export function useInboxCount(): InboxCount | null {
  const { pathname } = useLocation();
  const count = React.useSyncExternalStore(subscribe, () => current);
  React.useEffect(() => refreshInboxCount(), [pathname]);
  React.useEffect(() => {
    const timer = window.setInterval(() => refreshInboxCount(true), MINUTE);
    return () => window.clearInterval(timer);
  }, []);
  return count;
}
