/** Appeals (申诉) of integrity records: the core reads and the student's own writes, and the approval engine's actions. */
import { factories } from '@strapi/strapi';
import { approvalHandlers } from '../../../services/approval/subject-controller';

export default factories.createCoreController('api::integrity-appeal.integrity-appeal', ({ strapi }) => ({
  ...approvalHandlers(strapi, 'integrity-appeal', ['record', 'student', 'department']),
}));
