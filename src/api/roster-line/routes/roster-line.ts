import { factories } from '@strapi/strapi';

/** Made with their roster and moved by their own routes (01-lines.ts); read here, each caller their scope's. */
export default factories.createCoreRouter('api::roster-line.roster-line' as never, { only: ['find', 'findOne'] });
