import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::integrity-record-version.integrity-record-version');
