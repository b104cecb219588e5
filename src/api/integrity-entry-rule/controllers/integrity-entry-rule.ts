import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::integrity-entry-rule.integrity-entry-rule');
