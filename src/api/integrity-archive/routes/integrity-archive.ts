import { factories } from '@strapi/strapi';

/** Made with the student by the database, closed by the status-change effects: read only. */
export default factories.createCoreRouter('api::integrity-archive.integrity-archive', { only: ['find', 'findOne'] });
