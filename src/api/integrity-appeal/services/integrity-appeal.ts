import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::integrity-appeal.integrity-appeal');
