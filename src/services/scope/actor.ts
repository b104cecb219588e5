/**
 * The actor behind the current request: who they are, through which channel, and the rows their
 * memberships reach. Resolved once per request and kept on the request's state.
 */
import type { Core } from '@strapi/strapi';
import { scopeFromMemberships, type Scope } from '../../domain/scope';
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
}

const STATE_KEY = 'studentRecordsActor';
const SUPER_ADMIN = 'strapi-super-admin';
export const STUDENT_ROLE = 'student';
const MEMBERSHIP = 'api::staff-membership.staff-membership';

export const SYSTEM_ACTOR: Actor = { kind: 'system', channel: 'system', id: null, label: 'system', roles: [], ip: null, scope: { kind: 'all' } };

type Ctx = { path?: string; request?: { ip?: string }; state?: Record<string, any> };

function requestContext(strapi: Core.Strapi): Ctx | undefined {
  return strapi.requestContext.get() as Ctx | undefined;
}

/** The actor of the current request, or the system outside requests and inside `withoutScope`. */
export async function currentActor(strapi: Core.Strapi): Promise<Actor> {
  if (isUnscoped()) return SYSTEM_ACTOR;
  const ctx = requestContext(strapi);
  if (!ctx?.state) return SYSTEM_ACTOR;
  // Before authentication has run (the auth strategies' own lookups) the request is anonymous;
  // the actor is kept only once the request is authenticated.
  if (!ctx.state.auth) return withoutScope(() => resolveActor(strapi, ctx));
  if (!ctx.state[STATE_KEY]) ctx.state[STATE_KEY] = withoutScope(() => resolveActor(strapi, ctx));
  return ctx.state[STATE_KEY] as Promise<Actor>;
}

async function resolveActor(strapi: Core.Strapi, ctx: Ctx): Promise<Actor> {
  const state = ctx.state ?? {};
  const strategy: string | undefined = state.auth?.strategy?.name;
  const adminSide = strategy === 'admin' || strategy === 'admin-token';
  const channel: Channel = adminSide ? 'admin' : ctx.path?.startsWith('/graphql') ? 'graphql' : 'rest';
  const base = { channel, ip: ctx.request?.ip ?? null };
  // An admin token acts for the admin user who owns it.
  if (adminSide && state.user) return adminActor(strapi, state.user, base);
  if (strategy === 'users-permissions' && state.user) return contentUserActor(strapi, state.user.id, base);
  if (strategy === 'content-api-token') {
    const token = state.auth.credentials ?? {};
    return { ...base, kind: 'api-token', id: token.id ?? null, label: `API token ${token.name ?? ''}`.trim(), roles: [], scope: { kind: 'all' } };
  }
  return { ...base, kind: 'public', id: null, label: 'public', roles: [], scope: { kind: 'none' } };
}

async function adminActor(strapi: Core.Strapi, user: { id: number; email?: string; roles?: Array<{ code: string; name: string }> }, base: Pick<Actor, 'channel' | 'ip'>): Promise<Actor> {
  const roles = user.roles ?? [];
  const scope: Scope = roles.some((r) => r.code === SUPER_ADMIN) ? { kind: 'all' } : await membershipScope(strapi, { adminUser: { id: user.id } });
  return { ...base, kind: 'admin', id: user.id, label: user.email ?? `admin ${user.id}`, roles: roles.map((r) => r.name), scope };
}

async function contentUserActor(strapi: Core.Strapi, id: number, base: Pick<Actor, 'channel' | 'ip'>): Promise<Actor> {
  const user = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id }, populate: ['role'] })) as
    | { id: number; username: string; email: string; role?: { type: string; name: string } }
    | null;
  if (!user) return { ...base, kind: 'public', id: null, label: 'public', roles: [], scope: { kind: 'none' } };
  const roles = user.role ? [user.role.name] : [];
  const scope: Scope = user.role?.type === STUDENT_ROLE ? { kind: 'self', userId: user.id } : await membershipScope(strapi, { user: { id: user.id } });
  return { ...base, kind: 'user', id: user.id, label: user.email ?? user.username, roles, scope };
}

/** The scope of the staff member whose memberships match `owner`. */
export async function membershipScope(strapi: Core.Strapi, owner: Record<string, unknown>): Promise<Scope> {
  const memberships = (await withoutScope(() =>
    strapi.db.query(MEMBERSHIP).findMany({ where: owner, populate: ['department', 'office'] }),
  )) as Array<{ active: boolean | null; department?: { id: number } | null; office?: { kind: string } | null }>;
  return scopeFromMemberships(
    memberships.map((m) => ({ active: m.active !== false, departmentId: m.department?.id ?? null, officeKind: m.office?.kind ?? null })),
  );
}
