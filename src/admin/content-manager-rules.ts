/**
 * What the Content Manager offers, made to fit the records (issue 14):
 * - a student's class is chosen when the student is created (afterwards it moves only through an
 *   approved status change, so the stock layout keeps it read-only);
 * - no copy or delete where neither makes sense (a student, a request, the logs), and no save of a
 *   request while it is under approval (the server refuses it; the button no longer offers it);
 * - the filters do not offer the system's own columns (ids, timestamps).
 * Pure over what the Content Manager hands its hooks, so that it is tested without a browser.
 */
import { EDITABLE_STATES } from '../domain/approval-vocabulary';

export const STUDENT = 'api::student.student';
export const STATUS_CHANGE = 'api::status-change.status-change';

/** Fields editable on the create form although read-only afterwards, per content type. */
const CHOSEN_AT_CREATION: Readonly<Record<string, readonly string[]>> = {
  [STUDENT]: ['schoolClass'],
};

/** Records that are never copied, and never deleted from the admin (they are retired, withdrawn or kept). */
const NOT_COPIED = new Set([STUDENT, STATUS_CHANGE, 'api::audit-log.audit-log', 'api::status-history.status-history', 'api::approval-decision.approval-decision', 'api::notification.notification']);
const NOT_DELETED = new Set([STUDENT, STATUS_CHANGE, 'api::audit-log.audit-log', 'api::status-history.status-history', 'api::approval-decision.approval-decision']);

/** Columns every type has, which no one filters on. */
const SYSTEM_FILTERS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'publishedAt', 'locale']);

/** The content type and whether it is the create form, from an admin path. */
export function formOf(pathname: string): { model: string | null; creating: boolean } {
  const match = /\/content-manager\/(?:collection-types|single-types)\/([^/]+)(?:\/([^/?#]+))?/.exec(pathname);
  if (!match) return { model: null, creating: false };
  return { model: decodeURIComponent(match[1]), creating: match[2] === 'create' };
}

type FieldLayout = { name?: string; disabled?: boolean };

function mapFields(node: unknown, change: (field: FieldLayout) => FieldLayout): unknown {
  if (Array.isArray(node)) return node.map((child) => mapFields(child, change));
  if (node && typeof node === 'object' && 'name' in node) return change(node as FieldLayout);
  return node;
}

/** The edit layout with the fields chosen at creation enabled, on the create form only. */
export function createFormLayout<T extends { layout: unknown }>(edit: T, pathname: string): T {
  const { model, creating } = formOf(pathname);
  const enabled = model && creating ? CHOSEN_AT_CREATION[model] : undefined;
  if (!enabled) return edit;
  return { ...edit, layout: mapFields(edit.layout, (field) => (field.name && enabled.includes(field.name) ? { ...field, disabled: false } : field)) };
}

/** Whether a document action of this type is offered on this model and document. */
export function actionOffered(type: string | undefined, model: string | undefined): boolean {
  if (!model) return true;
  if (type === 'clone') return !NOT_COPIED.has(model);
  if (type === 'delete') return !NOT_DELETED.has(model);
  return true;
}

/** A request's form can be saved only while it is a draft or returned to its filer. */
export function saveAllowed(model: string | undefined, document: { state?: unknown } | undefined | null): boolean {
  if (model !== STATUS_CHANGE || !document || typeof document.state !== 'string') return true;
  return (EDITABLE_STATES as readonly string[]).includes(document.state);
}

/** Filters without the system's own columns. */
export function offeredFilters<T extends { name: string }>(filters: T[]): T[] {
  return filters.filter((filter) => !SYSTEM_FILTERS.has(filter.name));
}

/** Integer columns that hold years: shown as 2024, not 2,024. */
export const isYearField = (name: string) => /Year$/.test(name);
