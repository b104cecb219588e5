import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::integrity-entry-rule.integrity-entry-rule');
