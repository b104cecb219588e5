import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::archive-material.archive-material' as never);
