import { factories } from '@strapi/strapi';

/** Read through the content API; written only by the import (01-import.ts), never edited or deleted. */
export default factories.createCoreRouter('api::integrity-third-party-record.integrity-third-party-record', { only: ['find', 'findOne'] });
