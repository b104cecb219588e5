import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './document-middlewares';
import { runSqlMigrations } from './services/migrations';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
    strapi.hook('strapi::content-types.afterSync').register(() => runSqlMigrations(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const { bootstrapApplication } = await import('./bootstrap');
    await bootstrapApplication(strapi);
  },
};
