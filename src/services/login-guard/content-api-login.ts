/**
 * The users-permissions login (`POST /api/auth/local` and the GraphQL `login` mutation, which
 * calls the same controller): the per-address limit, and the same bcrypt work for an unknown
 * identifier as for a known one.
 */
import type { Core } from '@strapi/strapi';
import { compareWithDummyHash } from './equal-timing';
import { guardLoginAddress, type LoginRequest } from './address-limit';

export interface AuthContext extends LoginRequest {
  params?: { provider?: string };
  request: LoginRequest['request'] & { body?: unknown };
  status: number;
}

type Handler = (ctx: AuthContext) => Promise<unknown>;

/** Whether Strapi's callback will find a local account with a password for this identifier (its own lookup). */
async function hasPasswordAccount(strapi: Core.Strapi, identifier: string): Promise<boolean> {
  const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
    where: { provider: 'local', $or: [{ email: identifier.toLowerCase() }, { username: identifier }] },
    select: ['id', 'password'],
  })) as { password?: string | null } | null;
  return Boolean(user?.password);
}

/** Wraps the `callback` action; other providers (OAuth callbacks) pass through. */
export function guardContentLogin(strapi: Core.Strapi, callback: Handler): Handler {
  return async (ctx) => {
    const provider = ctx.params?.provider ?? 'local';
    if (provider !== 'local') return callback(ctx);
    let succeeded = false;
    return guardLoginAddress(
      strapi,
      ctx,
      async () => {
        const { identifier, password } = (ctx.request.body ?? {}) as { identifier?: unknown; password?: unknown };
        if (typeof identifier === 'string' && !(await hasPasswordAccount(strapi, identifier))) await compareWithDummyHash(strapi, password);
        const result = await callback(ctx);
        succeeded = true;
        return result;
      },
      () => succeeded,
    );
  };
}
