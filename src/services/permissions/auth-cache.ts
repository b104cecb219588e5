/**
 * The per-login work of authentication, cached per process (issue 13): the users-permissions user
 * with its role, the role's permissions and the ability made from them, and the actor (memberships,
 * scope, staff actions). Each entry is kept with the database's auth epoch (table auth_epoch),
 * which triggers move on in the same transaction as any change to users, roles, permissions,
 * memberships or offices; each request reads the epoch once, so a membership ended or a role
 * changed, in any process, takes effect on the next request, as without the cache.
 */
import { createSecretKey } from 'node:crypto';
import type { Core } from '@strapi/strapi';

const TABLES = [
  'up_users', 'up_roles', 'up_permissions', 'up_permissions_role_lnk', 'up_users_role_lnk',
  'admin_users', 'admin_roles', 'admin_permissions', 'admin_permissions_role_lnk', 'admin_users_roles_lnk',
  'staff_memberships', 'staff_memberships_user_lnk', 'staff_memberships_admin_user_lnk',
  'staff_memberships_department_lnk', 'staff_memberships_office_lnk', 'offices',
  // users-permissions' advanced settings (email confirmation), read by its every authentication
  'strapi_core_store_settings',
];

/** Where the request's epoch is kept on its state. */
export const EPOCH_KEY = Symbol.for('student-records.auth-epoch');

const MAX_ENTRIES = 5000;

/** A map of values valid for one epoch: an entry of another epoch is a miss. */
export class EpochCache<V> {
  private readonly entries = new Map<string, { epoch: string; value: Promise<V> }>();

  async get(key: string, epoch: string | undefined, load: () => Promise<V>): Promise<V> {
    if (epoch === undefined) return load();
    const hit = this.entries.get(key);
    if (hit && hit.epoch === epoch) return hit.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load();
    this.entries.set(key, { epoch, value });
    // A failed load is not kept.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

/** The current epoch (as text: a bigint). */
export async function readAuthEpoch(strapi: Core.Strapi): Promise<string> {
  const { rows } = (await strapi.db.connection.raw('SELECT epoch::text AS epoch FROM auth_epoch WHERE id = 1')) as { rows: Array<{ epoch: string }> };
  return rows[0]?.epoch ?? '0';
}

/** The epoch the current request read, if it is a request that did. */
export function requestEpoch(strapi: Core.Strapi): string | undefined {
  const ctx = strapi.requestContext.get() as { state?: Record<symbol, unknown> } | undefined;
  return ctx?.state?.[EPOCH_KEY] as string | undefined;
}

/** (Re)installs the epoch triggers: at every start, so that a table Strapi remade gets one again. */
export async function installAuthEpochTriggers(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw("SELECT pg_advisory_xact_lock(hashtext('student-records:auth-epoch'))");
    for (const table of TABLES) {
      const { rows } = (await trx.raw('SELECT to_regclass(?) AS present', [table])) as { rows: Array<{ present: string | null }> };
      if (!rows[0]?.present) continue;
      const trigger = `${table}_auth_epoch`;
      const { rows: found } = (await trx.raw('SELECT 1 FROM pg_trigger WHERE tgname = ? AND tgrelid = ?::regclass', [trigger, table])) as { rows: unknown[] };
      if (found.length > 0) continue;
      await trx.raw(`CREATE TRIGGER ?? AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_epoch()`, [trigger, table]);
    }
  });
}

/** Start-up check: every table the caches depend on has its trigger (a missing one would leave stale logins). */
export async function assertAuthEpochTriggers(strapi: Core.Strapi): Promise<void> {
  const { rows } = (await strapi.db.connection.raw(
    `SELECT t AS missing FROM unnest(?::text[]) t
      WHERE to_regclass(t) IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = t || '_auth_epoch' AND tgrelid = to_regclass(t))`,
    [TABLES],
  )) as { rows: Array<{ missing: string }> };
  if (rows.length > 0) throw new Error(`auth epoch triggers missing on ${rows.map((r) => r.missing).join(', ')}`);
}

type Permission = Record<string, unknown>;
type UserWithRole = { id: number; role?: { id: number } | null } & Record<string, unknown>;
interface UsersPermissionsServices {
  user: { fetchAuthenticatedUser(id: number): Promise<UserWithRole | null>; __epochCached?: true };
  permission: { findRolePermissions(roleId: number): Promise<Permission[]>; __epochCached?: true };
}
interface AbilityEngine {
  generateAbility(permissions: Permission[], ...rest: unknown[]): Promise<unknown>;
  __epochCached?: true;
}

/**
 * Wraps users-permissions' user and role-permission lookups and the content API's ability engine
 * with the epoch caches. Outside a request (no epoch read) they run as before.
 */
export function cacheUsersPermissions(strapi: Core.Strapi): void {
  const plugin = strapi.plugin('users-permissions');
  const user = plugin.service('user') as unknown as UsersPermissionsServices['user'];
  const permission = plugin.service('permission') as unknown as UsersPermissionsServices['permission'];
  if (!user.__epochCached) {
    const fetch = user.fetchAuthenticatedUser.bind(user);
    const users = new EpochCache<UserWithRole | null>();
    // A copy for each request: whatever a request does to its user stays with it.
    user.fetchAuthenticatedUser = async (id) => {
      const found = await users.get(String(id), requestEpoch(strapi), () => fetch(id));
      return found ? { ...found, role: found.role ? { ...found.role } : found.role } : found;
    };
    user.__epochCached = true;
  }
  if (!permission.__epochCached) {
    const find = permission.findRolePermissions.bind(permission);
    const roles = new EpochCache<Permission[]>();
    permission.findRolePermissions = (roleId) => roles.get(String(roleId), requestEpoch(strapi), () => find(roleId));
    permission.__epochCached = true;
  }
  // users-permissions reads its advanced settings on every authentication: the same epoch holds them.
  const store = strapi.store as unknown as { get(params: { type?: string; name?: string; key: string }): Promise<unknown>; __epochCached?: true };
  if (!store.__epochCached) {
    const get = store.get.bind(store);
    const settings = new EpochCache<unknown>();
    store.get = (params) =>
      params.type === 'plugin' && params.name === 'users-permissions' && params.key === 'advanced'
        ? settings.get('advanced', requestEpoch(strapi), () => get(params)).then((value) => (value && typeof value === 'object' ? { ...value } : value))
        : get(params);
    store.__epochCached = true;
  }
  const engine = (strapi as unknown as { contentAPI: { permissions: { engine: AbilityEngine } } }).contentAPI.permissions.engine;
  if (!engine.__epochCached) {
    const generate = engine.generateAbility.bind(engine);
    const abilities = new EpochCache<unknown>();
    // Keyed by the permissions themselves: the same role's list makes the same ability.
    engine.generateAbility = (permissions, ...rest) =>
      rest.length > 0 ? generate(permissions, ...rest) : abilities.get(JSON.stringify(permissions), requestEpoch(strapi), () => generate(permissions));
    engine.__epochCached = true;
  }
}

/** Start-up check: the wrapped services are the ones Strapi uses (an upgrade that moved them would silently drop the cache, not the checks). */
export function assertUsersPermissionsCached(strapi: Core.Strapi): void {
  const plugin = strapi.plugin('users-permissions');
  const engine = (strapi as unknown as { contentAPI: { permissions: { engine: AbilityEngine } } }).contentAPI.permissions.engine;
  const wrapped = [
    (plugin.service('user') as { __epochCached?: true }).__epochCached,
    (plugin.service('permission') as { __epochCached?: true }).__epochCached,
    (strapi.store as unknown as { __epochCached?: true }).__epochCached,
    engine.__epochCached,
  ];
  if (!wrapped.every(Boolean)) throw new Error('the users-permissions caches are not installed');
}

/**
 * The content API's JWT secret as a key object: jsonwebtoken, given a string, first tries to read
 * it as a public key, and the error it throws and catches costs more than the signature check
 * itself (about 0.7 ms of every request). Signing and verifying are unchanged.
 */
export function jwtSecretAsKey(strapi: Core.Strapi): void {
  const secret = strapi.config.get('plugin::users-permissions.jwtSecret') as unknown;
  if (typeof secret === 'string' && secret !== '') strapi.config.set('plugin::users-permissions.jwtSecret', createSecretKey(Buffer.from(secret)));
}
