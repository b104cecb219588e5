import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::staff-membership.staff-membership');
