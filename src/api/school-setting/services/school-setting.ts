import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::school-setting.school-setting');
