/** Amendments (修定) of integrity records: the core reads and the student's own writes, and the approval engine's actions. */
import { factories } from '@strapi/strapi';
import { approvalHandlers } from '../../../services/approval/subject-controller';

export default factories.createCoreController('api::integrity-amendment.integrity-amendment', ({ strapi }) => ({
  ...approvalHandlers(strapi, 'integrity-amendment', ['record', 'student', 'department']),
}));
