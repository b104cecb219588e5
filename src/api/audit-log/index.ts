/**
 * The audit log has no content API: no REST routes (no router), and no GraphQL types, queries or
 * mutations. It is read in the admin panel by the roles granted to, and written by the system only.
 */
import type { Core } from '@strapi/strapi';
import { AUDIT_LOG } from '../../services/audit/record';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.plugin('graphql')?.service('extension').shadowCRUD(AUDIT_LOG).disable();
  },
};
