import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::integrity-entry-rule.integrity-entry-rule');
