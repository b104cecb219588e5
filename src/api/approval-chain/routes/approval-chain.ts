import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::approval-chain.approval-chain');
