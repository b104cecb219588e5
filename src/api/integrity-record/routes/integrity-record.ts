import { factories } from '@strapi/strapi';

/** Entered by the source offices and corrected before confirmation; never deleted (第十九条). */
export default factories.createCoreRouter('api::integrity-record.integrity-record', { only: ['find', 'findOne', 'create', 'update'] });
