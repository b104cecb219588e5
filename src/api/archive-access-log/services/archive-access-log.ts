import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::archive-access-log.archive-access-log' as never);
