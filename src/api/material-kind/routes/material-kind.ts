import { factories } from '@strapi/strapi';

/** The catalogue of archive materials: read by all staff, kept by academic affairs and the archive office; a kind in use is retired (active: false), not deleted. */
export default factories.createCoreRouter('api::material-kind.material-kind' as never, { only: ['find', 'findOne', 'create', 'update'] });
