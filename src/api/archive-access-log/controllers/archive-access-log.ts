import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::archive-access-log.archive-access-log' as never);
