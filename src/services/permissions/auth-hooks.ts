/**
 * Two hooks on Strapi's authentication service (`strapi.auth`), which every door goes through:
 * REST and admin routes call `authenticate` then `verify`; GraphQL authenticates its one route
 * and verifies each resolver; response sanitizers verify each populated relation's type.
 *
 * - `authenticate`: the actor (who, scope, allowed staff actions) is resolved right after the
 *   request is authenticated, before any controller opens a transaction.
 * - `verify`: a staff member's content-API login may use only the actions their admin roles
 *   open (src/domain/permissions.ts), on top of the users-permissions role.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { actorOfRequest, STAFF_ROLE, type Actor } from '../scope/actor';
import { assertDatabaseReachable } from '../database-outage';
import { EPOCH_KEY, readAuthEpoch } from './auth-cache';
import { Forbidden } from '../forbidden';

type Next = () => Promise<unknown>;
type AuthState = { strategy?: { name?: string }; credentials?: { role?: { type?: string } | null } | null };
type Ctx = { state: Record<string, unknown> & { auth?: AuthState } };
interface AuthService {
  authenticate(ctx: Ctx, next: Next): Promise<unknown>;
  verify(auth: AuthState | undefined, config?: { scope?: string | string[] } | false): Promise<unknown>;
  __studentRecordsHooks?: true;
}

/** The actor behind each authenticated request's `auth`, for `verify`, which is not given the request. */
const actorsByAuth = new WeakMap<object, Promise<Actor>>();

function isStaffLogin(auth: AuthState | undefined): boolean {
  return auth?.strategy?.name === 'users-permissions' && auth.credentials?.role?.type === STAFF_ROLE;
}

async function assertStaffMay(auth: AuthState, scope: string | string[]): Promise<void> {
  const actor = await actorsByAuth.get(auth);
  // Fail closed: a staff login whose actor was never resolved opens nothing.
  const allowed = actor?.staffActions ?? new Set<string>();
  const asked = Array.isArray(scope) ? scope : [scope];
  if (!asked.every((action) => allowed.has(action))) throw new Forbidden('本人的后台角色没有此项权限 (your role does not allow this)');
}

export function installAuthHooks(strapi: Core.Strapi): void {
  const auth = strapi.get('auth') as AuthService;
  if (auth.__studentRecordsHooks) return;
  const authenticate = auth.authenticate.bind(auth);
  const verify = auth.verify.bind(auth);
  auth.authenticate = async (ctx, next) => {
    // The auth epoch, once per request: what is cached per login is used only while it holds
    // (src/services/permissions/auth-cache.ts). Unread (the database away), nothing is cached.
    try {
      const state = ctx.state as Record<symbol, unknown>;
      if (state[EPOCH_KEY] === undefined) state[EPOCH_KEY] = await readAuthEpoch(strapi);
    } catch {
      // the authentication below meets the same database, and says so
    }
    let authenticated = false;
    const result = await authenticate(ctx, async () => {
      authenticated = true;
      const actor = actorOfRequest(strapi, ctx as never);
      if (ctx.state.auth) actorsByAuth.set(ctx.state.auth, actor);
      await actor;
      return next();
    });
    // users-permissions answers 'not authenticated' (401, set on the response) when it cannot
    // reach the database: an outage is told as one (503, src/middlewares/database-errors.ts).
    if (!authenticated && (ctx as unknown as { status?: number }).status === 401) await assertDatabaseReachable(strapi);
    return result;
  };
  auth.verify = async (state, config) => {
    await verify(state, config);
    if (config && config.scope && state && isStaffLogin(state)) await assertStaffMay(state, config.scope);
  };
  auth.__studentRecordsHooks = true;
}

/** Start-up check: the hooks are in place (they patch a Strapi service object). */
export function assertAuthHooks(strapi: Core.Strapi): void {
  if (!(strapi.get('auth') as AuthService).__studentRecordsHooks) throw new Error('authentication hooks are not installed');
}
