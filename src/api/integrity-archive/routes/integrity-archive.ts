import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::integrity-archive.integrity-archive');
