import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::integrity-self-entry.integrity-self-entry');
