/** Registration's own routes (before the core `/:id` ones) and the approval engine's. */
import { approvalRoutes } from '../../../services/approval/routes';

const route = (method: 'GET' | 'POST' | 'PUT', path: string, handler: string) => ({ method, path, handler: `registration.${handler}`, config: { policies: [] } });

export default {
  routes: [
    route('POST', '/registrations/open', 'open'),
    route('POST', '/registrations/close-window', 'closeWindow'),
    route('GET', '/registrations/report', 'report'),
    route('GET', '/registrations/unregistered', 'unregistered'),
    route('POST', '/registrations/:documentId/reopen', 'reopen'),
    route('GET', '/registrations/:documentId/documents/:fileId', 'document'),
    route('GET', '/students/:documentId/registration', 'ofStudent'),
    route('GET', '/me/registrations', 'mine'),
    route('PUT', '/me/registrations/:documentId', 'updateMine'),
    route('POST', '/me/registrations/:documentId/documents', 'attachMine'),
    route('POST', '/me/registrations/:documentId/submit', 'submitMine'),
    route('POST', '/me/registrations/:documentId/confirm', 'confirmMine'),
    ...approvalRoutes('/registrations', 'registration'),
  ],
};
