import { factories } from '@strapi/strapi';

/** Filed by the student through /api/me/registration-deferrals; read here, decided through the engine's routes. */
export default factories.createCoreRouter('api::registration-deferral.registration-deferral' as never, { only: ['find', 'findOne'] });
