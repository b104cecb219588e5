import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::archive-material.archive-material' as never);
