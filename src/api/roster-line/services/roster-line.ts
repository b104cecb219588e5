import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::roster-line.roster-line' as never);
