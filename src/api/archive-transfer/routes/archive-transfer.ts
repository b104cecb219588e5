import { factories } from '@strapi/strapi';

/** Read through the scope here; applied for and moved only by the transfer's own routes (01-transfers.ts). */
export default factories.createCoreRouter('api::archive-transfer.archive-transfer' as never, { only: ['find', 'findOne'] });
