import { factories } from '@strapi/strapi';

/** Read through the core routes; written under /api/me/integrity (below) and reviewed by the department. */
export default factories.createCoreRouter('api::integrity-self-entry.integrity-self-entry', { only: ['find', 'findOne'] });
