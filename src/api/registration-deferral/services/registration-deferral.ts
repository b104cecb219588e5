import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::registration-deferral.registration-deferral' as never);
