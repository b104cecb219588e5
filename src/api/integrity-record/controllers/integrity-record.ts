import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::integrity-record.integrity-record');
