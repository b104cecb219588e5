import { factories } from '@strapi/strapi';

/** Written by the flows only; read by those who see the record. */
export default factories.createCoreRouter('api::integrity-record-version.integrity-record-version', { only: ['find', 'findOne'] });
