import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::student-archive.student-archive' as never);
