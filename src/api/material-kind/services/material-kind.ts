import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::material-kind.material-kind' as never);
