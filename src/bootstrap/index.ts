/** Start-up work after the database is ready. */
import type { Core } from '@strapi/strapi';

export async function bootstrapApplication(strapi: Core.Strapi): Promise<void> {
  strapi.log.debug('bootstrap done');
}
