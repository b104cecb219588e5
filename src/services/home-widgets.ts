/**
 * Strapi's own home-page widgets, made to follow the records' rules:
 * - 最近编辑的记录 (recently edited records) lists what people edit: students, requests,
 *   classes. The logs the database keeps append-only (audit log, approval decisions, status
 *   history) and the students' notifications are written by the system at every action and would
 *   fill the widget, pushing the edited records out.
 * - 系统统计's entry count counts, for a department's staff, their department's records only.
 *   Strapi 5.54 counts every row of each readable table with a raw query, past the scope that
 *   every other door applies: a department manager would read the school's totals there.
 * Strapi picks the types from the user's read permissions (admin's permission service, inside the
 * widgets' queries); while a widget's query runs, the types it must not handle itself are left out
 * of that list, and the scoped types are counted here through the entity manager, whose reads the
 * caller's scope limits (src/services/scope/database-scope.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { SCOPED_TYPES } from '../domain/scope';
import { SENSITIVE_INTEGRITY_TYPES } from './integrity/uids';
import { WORKFLOW_WRITTEN_TYPES } from '../document-middlewares/system-records';

/** Written by the system, never edited by a person: the append-only logs and the students' notifications. */
export const SYSTEM_WRITTEN_TYPES: ReadonlySet<string> = new Set([
  'api::audit-log.audit-log',
  // Decisions, status history, notifications, and the registrations that opening a semester
  // writes by the thousand.
  ...WORKFLOW_WRITTEN_TYPES,
  // The integrity archive: versions are the flows', and a read of anyone's integrity data is
  // audited record by record, which a home widget listing titles would slip past.
  ...SENSITIVE_INTEGRITY_TYPES,
]);

const READ = 'plugin::content-manager.explorer.read';

type Permission = { subject?: string | null };
interface PermissionService {
  findMany(params: unknown): Promise<Permission[]>;
}
interface Counts {
  draft: number;
  published: number;
  modified: number;
}
interface HomepageService {
  getRecentlyUpdatedDocuments(): Promise<unknown[]>;
  getCountDocuments(): Promise<Counts>;
  followsRecordRules?: true;
}

/** Which types a widget's query leaves to this module (or leaves out): by the widget running now. */
const leftOut = new AsyncLocalStorage<ReadonlySet<string>>();

export function homeWidgetsFollowRules(strapi: Core.Strapi): void {
  const homepage = strapi.plugin('content-manager').service('homepage') as unknown as HomepageService;
  const permissions = (strapi.admin as unknown as { services: { permission: PermissionService } }).services.permission;
  if (homepage.followsRecordRules) return;
  const findMany = permissions.findMany.bind(permissions);
  permissions.findMany = async (params) => {
    const found = await findMany(params);
    const excluded = leftOut.getStore();
    return excluded ? found.filter((permission) => !excluded.has(permission.subject ?? '')) : found;
  };

  const recent = homepage.getRecentlyUpdatedDocuments.bind(homepage);
  homepage.getRecentlyUpdatedDocuments = () => leftOut.run(SYSTEM_WRITTEN_TYPES, recent);

  const scoped = new Set(Object.keys(SCOPED_TYPES));
  const count = homepage.getCountDocuments.bind(homepage);
  homepage.getCountDocuments = async () => {
    const counts = await leftOut.run(scoped, count);
    // The scoped types have no draft and publish: each row is a document, which Strapi counts as
    // published. Were it turned on for one in the Content-Type Builder, its published rows count.
    for (const uid of await readableTypes(strapi, findMany)) {
      if (!scoped.has(uid)) continue;
      const publishing = (strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as { options?: { draftAndPublish?: boolean } }).options?.draftAndPublish === true;
      counts.published += await strapi.db.query(uid as never).count(publishing ? { where: { publishedAt: { $notNull: true } } } : {});
    }
    return counts;
  };
  homepage.followsRecordRules = true;
}

/** The content types the admin user of this request may read in the Content Manager. */
async function readableTypes(strapi: Core.Strapi, findMany: PermissionService['findMany']): Promise<string[]> {
  const userId = (strapi.requestContext.get() as { state?: { user?: { id?: number } } } | undefined)?.state?.user?.id;
  if (userId === undefined) return [];
  const found = await findMany({ where: { role: { users: { id: userId } }, action: READ } });
  return [...new Set(found.map((permission) => permission.subject).filter((uid): uid is string => typeof uid === 'string' && uid in strapi.contentTypes))];
}
