import { factories } from '@strapi/strapi';

/** Kept by student affairs; a rule no longer wanted is set inactive, so that what records were entered under stays explained. */
export default factories.createCoreRouter('api::integrity-entry-rule.integrity-entry-rule', { only: ['find', 'findOne', 'create', 'update'] });
