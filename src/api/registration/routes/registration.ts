import { factories } from '@strapi/strapi';

/** Made by opening a semester and moved by the flow: read through the core routes, never written through them. */
export default factories.createCoreRouter('api::registration.registration' as never, { only: ['find', 'findOne'] });
