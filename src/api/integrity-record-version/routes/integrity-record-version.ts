import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::integrity-record-version.integrity-record-version');
