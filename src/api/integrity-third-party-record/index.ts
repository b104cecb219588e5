/**
 * Third-party records come only from the import: GraphQL reads them (with the same scope as REST)
 * and offers no create, update or delete, as the REST router does not.
 */
import type { Core } from '@strapi/strapi';
import { THIRD_PARTY } from './sheet/columns';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.plugin('graphql')?.service('extension').shadowCRUD(THIRD_PARTY).disableMutations();
  },
};
