/**
 * Third-party records come only from the import (services/import.ts, which writes by SQL): no
 * person creates, edits or deletes one through the Document Service (Content Manager, REST,
 * GraphQL), and GraphQL offers no mutations for them, as the REST router offers none. The system
 * (seeds, outside requests) still may.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from '../../services/scope/actor';
import type { DocumentMiddleware } from '../../document-middlewares/types';
import { THIRD_PARTY } from './sheet/columns';
import { Forbidden } from '../../services/forbidden';

const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

const importedOnly = (strapi: Core.Strapi): DocumentMiddleware => async (context, next) => {
  if (context.uid !== THIRD_PARTY || !WRITES.has(context.action)) return next();
  if ((await currentActor(strapi)).kind !== 'system') {
    throw new Forbidden('第三方诚信记录只能通过导入写入，不能手工新增、修改或删除 (third-party records come only from the import)');
  }
  return next();
};

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.plugin('graphql')?.service('extension').shadowCRUD(THIRD_PARTY).disableMutations();
    strapi.documents.use(importedOnly(strapi) as never);
  },
};
