import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::integrity-third-party-record.integrity-third-party-record');
