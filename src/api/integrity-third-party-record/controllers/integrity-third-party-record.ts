import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::integrity-third-party-record.integrity-third-party-record');
