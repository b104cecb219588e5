/** The engine's routes for status changes, the inbox, and supporting documents. */
import { approvalRoutes } from '../../../services/approval/routes';

export default {
  routes: [
    ...approvalRoutes('/status-changes', 'status-change'),
    // What waits for the caller's decision, across the requests of every subject on the engine.
    { method: 'GET', path: '/me/inbox', handler: 'status-change.inbox', config: { policies: [] } },
    // Supporting documents: multipart field `files` (PDF, JPEG, PNG); each read back by its id.
    { method: 'POST', path: '/status-changes/:documentId/documents', handler: 'status-change.attachDocuments', config: { policies: [] } },
    { method: 'GET', path: '/status-changes/:documentId/documents/:fileId', handler: 'status-change.document', config: { policies: [] } },
    // 《学籍异动申请表》 with its decisions, as a PDF.
    { method: 'GET', path: '/status-changes/:documentId/form.pdf', handler: 'status-change.formPdf', config: { policies: [] } },
  ],
};
