import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './document-middlewares';
import { runSqlMigrations } from './services/migrations';
import { registerStudentGraphql } from './api/student/graphql';
import { registerRevealAdminRoute } from './services/reveal/admin-route';
import { registerAdminActions } from './bootstrap/roles';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
    strapi.hook('strapi::content-types.afterSync').register(() => runSqlMigrations(strapi));
    registerStudentGraphql(strapi);
    registerRevealAdminRoute(strapi);
    // Before the admin's bootstrap, which drops role permissions whose action is not registered.
    await registerAdminActions(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const { bootstrapApplication } = await import('./bootstrap');
    await bootstrapApplication(strapi);
  },
};
