/**
 * The actor behind the current request: who they are, through which channel, and the rows their
 * memberships reach. Resolved once per request and kept on the request's state.
 */
import type { Core } from '@strapi/strapi';
import { scopeFromMemberships, type Scope } from '../../domain/scope';
import { staffActionsOfAdminUsers } from '../permissions/staff-actions';
import { EpochCache, EPOCH_KEY } from '../permissions/auth-cache';
import { ambientConnection } from '../transaction';
import { isUnscoped, withoutScope } from './context';

export type Channel = 'system' | 'admin' | 'rest' | 'graphql';

export interface Actor {
  kind: 'system' | 'public' | 'admin' | 'user' | 'api-token';
  channel: Channel;
  /** Admin user id or users-permissions user id. */
  id: number | null;
  /** Email, username or token name: what the audit log shows. */
  label: string;
  roles: string[];
  ip: string | null;
  scope: Scope;
  /** The staff memberships the scope was computed from, when it was (not for super admins). */
  memberships?: MembershipRow[];
  /**
   * For a staff member's content-API login: the content-API actions their admin roles open
   * (src/domain/permissions.ts). Undefined for every other kind of actor.
   */
  staffActions?: ReadonlySet<string>;
}

const STATE_KEY = 'studentRecordsActor';
const SUPER_ADMIN = 'strapi-super-admin';
export const STUDENT_ROLE = 'student';
export const STAFF_ROLE = 'staff';
const MEMBERSHIP = 'api::staff-membership.staff-membership';

export const SYSTEM_ACTOR: Actor = { kind: 'system', channel: 'system', id: null, label: 'system', roles: [], ip: null, scope: { kind: 'all' } };

type Ctx = { path?: string; request?: { ip?: string }; state?: Record<string, any> };

function requestContext(strapi: Core.Strapi): Ctx | undefined {
  return strapi.requestContext.get() as Ctx | undefined;
}

/** The actor of the current request, or the system outside requests and inside `withoutScope`. */
export async function currentActor(strapi: Core.Strapi): Promise<Actor> {
  if (isUnscoped()) return SYSTEM_ACTOR;
  return actorOfRequest(strapi, requestContext(strapi));
}

/**
 * Who made the current request, even inside the system's own unscoped work: whom a side effect
 * the system carries out for them is recorded against (a filing on a final approval).
 */
export async function requestActor(strapi: Core.Strapi): Promise<Actor> {
  return actorOfRequest(strapi, requestContext(strapi));
}

/**
 * The actor of one request, resolved once and kept on its state. Authentication calls it as soon
 * as the request is authenticated (src/services/permissions/auth-hooks.ts), so later queries
 * made inside a transaction never need a second pooled connection to find out who is asking.
 */
export async function actorOfRequest(strapi: Core.Strapi, ctx: Ctx | undefined): Promise<Actor> {
  if (!ctx?.state) return SYSTEM_ACTOR;
  // Before authentication has run (the auth strategies' own lookups) the request is anonymous;
  // the actor is kept only once the request is authenticated.
  if (!ctx.state.auth) return withoutScope(() => resolveActor(strapi, ctx));
  if (!ctx.state[STATE_KEY]) ctx.state[STATE_KEY] = withoutScope(() => resolveActor(strapi, ctx));
  return ctx.state[STATE_KEY] as Promise<Actor>;
}

/** Who a login is (memberships, scope, staff actions), per login and auth epoch (src/services/permissions/auth-cache.ts). */
const loginActors = new EpochCache<Actor>();

async function resolveActor(strapi: Core.Strapi, ctx: Ctx): Promise<Actor> {
  const state = ctx.state ?? {};
  const strategy: string | undefined = state.auth?.strategy?.name;
  const adminSide = strategy === 'admin' || strategy === 'admin-token';
  const channel: Channel = adminSide ? 'admin' : ctx.path?.startsWith('/graphql') ? 'graphql' : 'rest';
  const base = { channel, ip: ctx.request?.ip ?? null };
  const epoch = (state as Record<symbol, unknown>)[EPOCH_KEY] as string | undefined;
  // An admin token acts for the admin user who owns it.
  if (adminSide && state.user) {
    const actor = await loginActors.get(`admin:${state.user.id}:${(state.user.roles ?? []).map((r: { code: string }) => r.code).join(',')}`, epoch, () => adminActor(strapi, state.user, base));
    return { ...actor, ...base };
  }
  if (strategy === 'users-permissions' && state.user) {
    const actor = await loginActors.get(`user:${state.user.id}`, epoch, () => contentUserActor(strapi, state.user, base));
    return { ...actor, ...base };
  }
  if (strategy === 'content-api-token') {
    const token = state.auth.credentials ?? {};
    return { ...base, kind: 'api-token', id: token.id ?? null, label: `API token ${token.name ?? ''}`.trim(), roles: [], scope: { kind: 'all' } };
  }
  return { ...base, kind: 'public', id: null, label: 'public', roles: [], scope: { kind: 'none' } };
}

async function adminActor(strapi: Core.Strapi, user: { id: number; email?: string; roles?: Array<{ code: string; name: string }> }, base: Pick<Actor, 'channel' | 'ip'>): Promise<Actor> {
  const roles = user.roles ?? [];
  const actor = { ...base, kind: 'admin' as const, id: user.id, label: user.email ?? `admin ${user.id}`, roles: roles.map((r) => r.name) };
  if (roles.some((r) => r.code === SUPER_ADMIN)) return { ...actor, scope: { kind: 'all' } };
  const memberships = await membershipRows(strapi, { adminUser: user.id });
  return { ...actor, scope: scopeFromMemberships(memberships), memberships };
}

type ContentUser = { id: number; username?: string; email?: string; role?: { type: string; name: string } | null };

async function contentUserActor(strapi: Core.Strapi, authenticated: ContentUser, base: Pick<Actor, 'channel' | 'ip'>): Promise<Actor> {
  // The users-permissions strategy loads the user with their role; look it up only if it did not.
  const user = authenticated.role
    ? authenticated
    : ((await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: authenticated.id }, populate: ['role'] })) as ContentUser | null);
  if (!user) return { ...base, kind: 'public', id: null, label: 'public', roles: [], scope: { kind: 'none' } };
  const roles = user.role ? [user.role.name] : [];
  const actor = { ...base, kind: 'user' as const, id: user.id, label: user.email ?? user.username ?? `user ${user.id}`, roles };
  if (user.role?.type === STUDENT_ROLE) return { ...actor, scope: { kind: 'self', userId: user.id } };
  const memberships = await membershipRows(strapi, { user: user.id });
  const scoped = { ...actor, scope: scopeFromMemberships(memberships), memberships };
  if (user.role?.type !== STAFF_ROLE) return scoped;
  // The same person's admin login decides what their content-API login may do, as it does in the
  // admin; an ended membership narrows the rows (the scope), not the role.
  const adminUsers = [...new Set(memberships.flatMap((m) => (m.adminUserId === null ? [] : [m.adminUserId])))];
  return { ...scoped, staffActions: await staffActionsOfAdminUsers(strapi, adminUsers) };
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

export interface MembershipRow {
  active: boolean;
  /** The admin login of the same membership, if it has one. */
  adminUserId: number | null;
  departmentId: number | null;
  officeKind: string | null;
  email: string;
  staffName: string;
}

/**
 * The memberships of a staff member (by their admin login or content-API login): one SQL statement
 * over the membership, department and office links.
 */
export async function membershipRows(strapi: Core.Strapi, owner: { adminUser: number } | { user: number }): Promise<MembershipRow[]> {
  const meta = strapi.db.metadata.get(MEMBERSHIP) as unknown as { tableName: string; attributes: Record<string, { joinTable?: JoinTable; columnName?: string }> };
  const link = (attribute: string) => meta.attributes[attribute].joinTable as JoinTable;
  const column = (attribute: string, fallback: string) => meta.attributes[attribute]?.columnName ?? fallback;
  const [ownerAttribute, ownerId] = 'adminUser' in owner ? ['adminUser', owner.adminUser] : ['user', owner.user];
  const by = link(ownerAttribute);
  const department = link('department');
  const office = link('office');
  const adminUser = link('adminUser');
  const offices = strapi.db.metadata.get('api::office.office').tableName;
  // Inside a transaction the lookup runs on that transaction's connection: asking the pool for a
  // second one while the first is held deadlocks once every pooled connection waits the same way.
  const rows = (await (await ambientConnection(strapi))(`${meta.tableName} as m`)
    .join(`${by.name} as o`, `o.${by.joinColumn.name}`, 'm.id')
    .leftJoin(`${department.name} as d`, `d.${department.joinColumn.name}`, 'm.id')
    .leftJoin(`${adminUser.name} as au`, `au.${adminUser.joinColumn.name}`, 'm.id')
    .leftJoin(`${office.name} as ol`, `ol.${office.joinColumn.name}`, 'm.id')
    .leftJoin(`${offices} as f`, 'f.id', `ol.${office.inverseJoinColumn.name}`)
    .where(`o.${by.inverseJoinColumn.name}`, ownerId)
    .select(
      `m.${column('active', 'active')} as active`,
      `m.${column('email', 'email')} as email`,
      `m.${column('staffName', 'staff_name')} as staff_name`,
      `d.${department.inverseJoinColumn.name} as department_id`,
      'f.kind as office_kind',
      `au.${adminUser.inverseJoinColumn.name} as admin_user_id`,
    )) as Array<{ active: boolean | null; email: string; staff_name: string; department_id: number | null; office_kind: string | null; admin_user_id: number | null }>;
  return rows.map((r) => ({
    active: r.active !== false,
    adminUserId: r.admin_user_id,
    departmentId: r.department_id,
    officeKind: r.office_kind,
    email: r.email,
    staffName: r.staff_name,
  }));
}

/** The scope of the staff member owning the memberships (it runs on every authenticated request). */
export async function membershipScope(strapi: Core.Strapi, owner: { adminUser: number } | { user: number }): Promise<Scope> {
  return scopeFromMemberships(await membershipRows(strapi, owner));
}
