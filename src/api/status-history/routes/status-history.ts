import { factories } from '@strapi/strapi';

/** Written by the system only: the content API reads them. */
export default factories.createCoreRouter('api::status-history.status-history', { only: ['find', 'findOne'] });
