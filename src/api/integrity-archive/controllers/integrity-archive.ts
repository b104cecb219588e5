import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::integrity-archive.integrity-archive');
