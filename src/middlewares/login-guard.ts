/**
 * `POST /admin/login` counts against the per-address login limit (the content API's login is
 * guarded in its controller, which GraphQL calls too: src/extensions/users-permissions).
 */
import type { Core } from '@strapi/strapi';
import { guardLoginAddress, type LoginRequest } from '../services/login-guard/address-limit';

type Ctx = LoginRequest & { method: string; path: string; status: number };

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Ctx, next: () => Promise<void>) => {
    const adminLogin = `${String(strapi.config.get('admin.path', '/admin')).replace(/\/$/, '')}/login`;
    if (ctx.method !== 'POST' || ctx.path !== adminLogin) return next();
    await guardLoginAddress(strapi, ctx, next, () => ctx.status === 200);
  };
