import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::integrity-self-entry.integrity-self-entry');
