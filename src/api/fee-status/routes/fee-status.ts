import { factories } from '@strapi/strapi';

/** Written by finance (one by one here, or imported); kept, never deleted: a status is corrected, not removed. */
export default factories.createCoreRouter('api::fee-status.fee-status' as never, { only: ['find', 'findOne', 'create', 'update'] });
