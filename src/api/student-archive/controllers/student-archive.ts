import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::student-archive.student-archive' as never);
