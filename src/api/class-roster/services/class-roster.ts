import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::class-roster.class-roster' as never);
