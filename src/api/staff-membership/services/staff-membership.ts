import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::staff-membership.staff-membership');
