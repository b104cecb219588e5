import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::fee-status.fee-status' as never);
