/**
 * users-permissions: public registration is closed (accounts are made by the school, never by
 * the person: an open register let anyone take a student's login name and learn which emails and
 * student numbers exist), and the login is guarded (src/services/login-guard).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { guardContentLogin, type AuthContext } from '../../services/login-guard/content-api-login';
import { Forbidden } from '../../services/forbidden';

type Handler = (ctx: AuthContext) => Promise<unknown>;
type AuthController = Record<string, Handler>;
type Plugin = { controllers: Record<string, (deps: { strapi: Core.Strapi }) => AuthController> };

export const REGISTRATION_CLOSED = '不开放自行注册，账号由学校开设 (public registration is closed)';

export default (plugin: Plugin) => {
  const createAuth = plugin.controllers.auth;
  plugin.controllers.auth = (deps) => {
    const auth = createAuth(deps);
    return {
      ...auth,
      // REST and the GraphQL `register` mutation both call this action.
      async register() {
        throw new Forbidden(REGISTRATION_CLOSED);
      },
      callback: guardContentLogin(deps.strapi, auth.callback),
    };
  };
  return plugin;
};
