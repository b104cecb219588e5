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
export const REGISTRATION = 'api::registration.registration';
export const REGISTRATION_DEFERRAL = 'api::registration-deferral.registration-deferral';

/** Fields editable on the create form although read-only afterwards, per content type. */
const CHOSEN_AT_CREATION: Readonly<Record<string, readonly string[]>> = {
  [STUDENT]: ['schoolClass'],
};

/** Records that are never copied, and never deleted from the admin (they are retired, withdrawn or kept). */
const NOT_COPIED = new Set([STUDENT, STATUS_CHANGE, 'api::audit-log.audit-log', 'api::status-history.status-history', 'api::approval-decision.approval-decision', 'api::notification.notification', REGISTRATION, REGISTRATION_DEFERRAL]);
const NOT_DELETED = new Set([STUDENT, STATUS_CHANGE, 'api::audit-log.audit-log', 'api::status-history.status-history', 'api::approval-decision.approval-decision', REGISTRATION, REGISTRATION_DEFERRAL]);

/** Types written by their flow only (the 审批办理 panel and the student's own routes): their save button is never offered. */
const FLOW_ONLY = new Set([REGISTRATION, REGISTRATION_DEFERRAL]);
export const flowOnly = (model: string | undefined): boolean => Boolean(model && FLOW_ONLY.has(model));
export const FLOW_ONLY_SAVE_LABEL = '由办理流程更新，不能修改';
/** Types whose edit view's heading is written by their panel (no field of theirs names them). */
export const TITLED_BY_PANEL: ReadonlySet<string> = new Set([REGISTRATION]);

/** Columns every type has, which no one filters on. */
const SYSTEM_FILTERS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'publishedAt', 'locale']);

/** The content type, whether it is the create form, and the document edited, from an admin path. */
export function formOf(pathname: string): { model: string | null; creating: boolean; documentId: string | null } {
  const match = /\/content-manager\/(?:collection-types|single-types)\/([^/]+)(?:\/([^/?#]+))?/.exec(pathname);
  if (!match) return { model: null, creating: false, documentId: null };
  const creating = match[2] === 'create';
  return { model: decodeURIComponent(match[1]), creating, documentId: match[2] && !creating ? decodeURIComponent(match[2]) : null };
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

/**
 * The edit view's layout hook sees the type's configuration, not the document. The document's
 * lock travels in the cached configuration's settings under this key: the document id whose form
 * is read-only (set and cleared by the request's panel, content-manager-hooks.ts useFormLock).
 */
export const LOCKED_DOCUMENT = 'lockedDocumentId';

type EditLayout = { layout: unknown; settings?: Record<string, unknown> };

/** Whether this request's form is read-only: it is under approval or closed (the server refuses its save). */
export const formLocked = (model: string | undefined, document: { state?: unknown } | undefined | null): boolean => !saveAllowed(model, document);

/** The edit layout with every field disabled when its settings lock the document open at `pathname`. */
export function lockedFormLayout<T extends EditLayout>(edit: T, pathname: string): T {
  const { documentId } = formOf(pathname);
  const locked = edit.settings?.[LOCKED_DOCUMENT];
  if (!documentId || locked !== documentId) return edit;
  return { ...edit, layout: mapFields(edit.layout, (field) => ({ ...field, disabled: true })) };
}

/** The edit layout without the named fields (rows left empty are dropped). */
export function withoutFields<T extends EditLayout>(edit: T, names: readonly string[]): T {
  const prune = (node: unknown): unknown => {
    if (!Array.isArray(node)) return node;
    const kept = node.filter((child) => !(child && typeof child === 'object' && 'name' in child && names.includes((child as FieldLayout).name ?? ''))).map(prune);
    return kept.filter((child) => !Array.isArray(child) || child.length > 0);
  };
  return { ...edit, layout: prune(edit.layout) };
}

/** Configuration settings carrying (or no longer carrying) the lock of `documentId`. */
export function withLock(settings: Record<string, unknown>, documentId: string, locked: boolean): Record<string, unknown> {
  const { [LOCKED_DOCUMENT]: current, ...rest } = settings;
  if (locked) return { ...rest, [LOCKED_DOCUMENT]: documentId };
  return current === documentId ? rest : settings;
}

/** The Content Manager's cache tag of one document: invalidating it refetches the edit view's form, actions and panels. */
export const documentTag = (model: string, documentId: string) => ({ type: 'Document' as const, id: `${model}_${documentId}` });

/** What the greyed save button of a request says, by its state. */
export function lockedSaveLabel(state: unknown): string {
  if (state === 'withdrawn') return '已撤回，不能修改';
  if (state === 'approved' || state === 'rejected') return '已办结，不能修改';
  return '审批中，不能修改';
}

/**
 * Types whose list offers only these filters, in this order: a registration's engine columns
 * (round, chain, step) mean nothing to a registrar; per semester with state, department, class and
 * overdue is what the list is for (issue 16). (The dialog sorts them by label.)
 */
const ONLY_FILTERS: Readonly<Record<string, readonly string[]>> = {
  [REGISTRATION]: ['state', 'semester', 'department', 'schoolClass', 'overdue', 'conditionsMet', 'late', 'newStudent', 'deadline', 'deferredUntil', 'student'],
  [REGISTRATION_DEFERRAL]: ['state', 'semester', 'department', 'requestedUntil', 'submittedAt', 'student'],
};

export const hasOwnFilters = (model: string | null | undefined): boolean => Boolean(model && ONLY_FILTERS[model]);

/** Filters without the system's own columns; for the types above, only theirs. */
export function offeredFilters<T extends { name: string }>(filters: T[], model?: string | null): T[] {
  const only = model ? ONLY_FILTERS[model] : undefined;
  if (only) return only.flatMap((name) => filters.filter((filter) => filter.name === name));
  return filters.filter((filter) => !SYSTEM_FILTERS.has(filter.name));
}

/** Integer columns that hold years: shown as 2024, not 2,024. */
export const isYearField = (name: string) => /Year$/.test(name);
