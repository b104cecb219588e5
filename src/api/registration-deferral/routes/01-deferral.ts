/** The student's own applications, their proof, and the approval engine's routes. */
import { approvalRoutes } from '../../../services/approval/routes';

const route = (method: 'GET' | 'POST', path: string, handler: string) => ({ method, path, handler: `registration-deferral.${handler}`, config: { policies: [] } });

export default {
  routes: [
    route('GET', '/me/registration-deferrals', 'mine'),
    route('POST', '/me/registration-deferrals', 'createMine'),
    route('POST', '/me/registration-deferrals/:documentId/documents', 'attachMine'),
    route('GET', '/registration-deferrals/:documentId/documents/:fileId', 'document'),
    ...approvalRoutes('/registration-deferrals', 'registration-deferral'),
  ],
};
