import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::integrity-amendment.integrity-amendment');
