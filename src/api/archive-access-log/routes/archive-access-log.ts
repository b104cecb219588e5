import { factories } from '@strapi/strapi';

/** Written by the system on every read of an archive's materials; read here; never changed or deleted (the database refuses). */
export default factories.createCoreRouter('api::archive-access-log.archive-access-log' as never, { only: ['find', 'findOne'] });
