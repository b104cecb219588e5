import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::school-setting.school-setting');
