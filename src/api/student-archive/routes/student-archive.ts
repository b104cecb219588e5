import { factories } from '@strapi/strapi';

/** Made by the database with each student; moved by the archive's own actions, never written or deleted here. */
export default factories.createCoreRouter('api::student-archive.student-archive' as never, { only: ['find', 'findOne'] });
