import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::integrity-appeal.integrity-appeal');
