import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './document-middlewares';
import { runSqlMigrations } from './services/migrations';
import { registerStudentGraphql } from './api/student/graphql';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
    strapi.hook('strapi::content-types.afterSync').register(() => runSqlMigrations(strapi));
    registerStudentGraphql(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const { bootstrapApplication } = await import('./bootstrap');
    await bootstrapApplication(strapi);
  },
};
