import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::fee-status.fee-status' as never);
