import { factories } from '@strapi/strapi';

/** Written by the system only: the content API reads them. */
export default factories.createCoreRouter('api::approval-decision.approval-decision', { only: ['find', 'findOne'] });
