import { factories } from '@strapi/strapi';

/** Filed by the student (create, and edit while a draft or returned); never deleted. */
export default factories.createCoreRouter('api::integrity-amendment.integrity-amendment', { only: ['find', 'findOne', 'create', 'update'] });
