import { factories } from '@strapi/strapi';

/** Produced and moved by the roster's own routes (01-roster.ts); read here; never deleted (the database refuses). */
export default factories.createCoreRouter('api::class-roster.class-roster' as never, { only: ['find', 'findOne'] });
