/**
 * 最近编辑的记录 (the Content Manager's homepage widget of recently edited records) lists what
 * people edit: students, requests, classes. The logs the database keeps append-only (audit log,
 * approval decisions, status history) are written by the system at every action and would fill
 * the widget, untitled, pushing the edited records out. Strapi 5.54 picks the types to list from
 * the user's read permissions (admin's permission service, inside `queryLastDocuments`); while the
 * widget's query runs, those logs are left out of that list, so the four rows it shows are edits.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

export const LOG_TYPES: ReadonlySet<string> = new Set([
  'api::audit-log.audit-log',
  'api::approval-decision.approval-decision',
  'api::status-history.status-history',
]);

type Permission = { subject?: string | null };
interface PermissionService {
  findMany(params: unknown): Promise<Permission[]>;
}
interface HomepageService {
  getRecentlyUpdatedDocuments(): Promise<unknown[]>;
  withoutLogs?: true;
}

export function recentEditsWithoutLogs(strapi: Core.Strapi): void {
  const homepage = strapi.plugin('content-manager').service('homepage') as unknown as HomepageService;
  const permissions = (strapi.admin as unknown as { services: { permission: PermissionService } }).services.permission;
  if (homepage.withoutLogs) return;
  const widget = new AsyncLocalStorage<true>();
  const findMany = permissions.findMany.bind(permissions);
  permissions.findMany = async (params) => {
    const found = await findMany(params);
    return widget.getStore() ? found.filter((permission) => !LOG_TYPES.has(permission.subject ?? '')) : found;
  };
  const recent = homepage.getRecentlyUpdatedDocuments.bind(homepage);
  homepage.getRecentlyUpdatedDocuments = () => widget.run(true, recent);
  homepage.withoutLogs = true;
}
