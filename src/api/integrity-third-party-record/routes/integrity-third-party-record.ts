import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::integrity-third-party-record.integrity-third-party-record');
