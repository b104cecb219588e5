import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::integrity-self-entry.integrity-self-entry');
