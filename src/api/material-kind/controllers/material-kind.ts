import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::material-kind.material-kind' as never);
