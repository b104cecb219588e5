/**
 * The rule between config/sync/ and the start-up code (docs/config-sync.md): the database is
 * the live configuration and a start never overwrites it. Only a fresh database (the product's
 * roles never made) takes the files, before ensureRoles and configureAdminViews run; those then
 * add only what the code brings beyond the files, by the records the files carry with them.
 * Moving the files onto a running server is `npm run config:import`, on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { ADMIN_ROLES } from './roles';

type Entry = Record<string, unknown> & { permissions?: Array<Record<string, unknown>> };

interface ConfigSyncMain {
  getAllConfigFromDatabase(type?: string | null): Promise<Record<string, Entry>>;
  getFormattedDiff(): Promise<{ diff: Record<string, unknown>; fileConfig: Record<string, unknown> }>;
  importSingleConfig(name: string, onSuccess?: (name: string) => void): Promise<void>;
}

/** Whether the product's start-up has never run on this database: no record of granted permissions and none of its roles. */
async function isFreshDatabase(strapi: Core.Strapi): Promise<boolean> {
  const record = await strapi.store.get({ type: 'core', name: 'student-records', key: 'granted-permissions' });
  if (record !== null && record !== undefined) return false;
  const roles = await strapi.db.query('admin::role').count({ where: { code: { $in: ADMIN_ROLES.map((role) => role.code) } } });
  return roles === 0;
}

/** Rows (roles, their permissions, locales) without their document ids, which each database draws at random. */
function withoutDocumentIds(configs: Record<string, Entry>): Record<string, Entry> {
  const strip = ({ documentId, ...rest }: Record<string, unknown>) => rest;
  return Object.fromEntries(Object.entries(configs).map(([name, entry]) => {
    // A Content Manager view is a core-store value whose fields may be called `documentId`: left whole.
    if (name.startsWith('core-store.')) return [name, entry];
    return [name, { ...strip(entry), ...(entry.permissions ? { permissions: entry.permissions.map(strip) } : {}) }];
  }));
}

/**
 * strapi-plugin-config-sync 3.2.0 writes the document ids of roles and permissions into the
 * files: a fresh server draws others, and every diff would list every role. The files and the
 * comparisons leave them out (an import creates rows with new ones).
 */
export function syncWithoutDocumentIds(strapi: Core.Strapi): void {
  const main = strapi.plugin('config-sync')?.service('main') as unknown as ConfigSyncMain & { withoutDocumentIds?: true } | undefined;
  if (!main || main.withoutDocumentIds) return;
  const read = main.getAllConfigFromDatabase.bind(main);
  main.getAllConfigFromDatabase = async (type) => withoutDocumentIds(await read(type));
  main.withoutDocumentIds = true;
  if (strapi.plugin('config-sync').service('main') !== main) throw new Error('config-sync: its service is made anew on each call; the document ids would reach the files');
}

/**
 * The Content Manager's views as any later start leaves them: Strapi 5.54 makes a component's
 * `id` sortable at the first start and not at the next ones, which a first-start export would
 * otherwise carry as a difference. Also gives a view exported before a field was added the field.
 */
async function settleViews(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  for (const service of ['components', 'content-types']) await (contentManager.service(service) as unknown as { syncConfigurations(): Promise<void> }).syncConfigurations();
}

export async function importConfigOnFirstStart(strapi: Core.Strapi): Promise<void> {
  const plugin = strapi.plugin('config-sync');
  if (!plugin || !(await isFreshDatabase(strapi))) return;
  const syncDir = path.resolve(strapi.dirs.app.root, strapi.config.get('plugin::config-sync.syncDir') as string);
  const hasFiles = fs.existsSync(syncDir) && fs.readdirSync(syncDir).length > 0;
  const main = plugin.service('main') as unknown as ConfigSyncMain;
  // What the files hold and the database does not match; unlike the plugin's import-all, an
  // entry the files lack (a view of a type added since the export) is left as Strapi made it.
  const { diff, fileConfig } = hasFiles ? await main.getFormattedDiff() : { diff: {}, fileConfig: {} as Record<string, unknown> };
  const names = Object.keys(diff).filter((name) => fileConfig[name]);
  for (const name of names) await main.importSingleConfig(name);
  await settleViews(strapi);
  if (hasFiles) strapi.log.info(`[config-sync] fresh database: ${names.length} configuration entries imported from ${path.relative(strapi.dirs.app.root, syncDir)}`);
}
