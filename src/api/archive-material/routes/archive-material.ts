import { factories } from '@strapi/strapi';

/** Added with their files through the archive's upload; read here; never deleted (a corrected material supersedes the old one). */
export default factories.createCoreRouter('api::archive-material.archive-material' as never, { only: ['find', 'findOne'] });
