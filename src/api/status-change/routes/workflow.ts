/** The workflow actions, one route each so that roles are granted them one by one. */
const ACTIONS = ['submit', 'approve', 'reject', 'return', 'resubmit', 'withdraw'] as const;

export default {
  routes: [
    ...ACTIONS.map((action) => ({
      method: 'POST',
      path: `/status-changes/:documentId/${action}`,
      handler: `status-change.${action}`,
      config: { policies: [] },
    })),
    // Many decisions in one call (one action), answered per request.
    { method: 'POST', path: '/status-changes/decisions', handler: 'status-change.decide', config: { policies: [] } },
    { method: 'GET', path: '/status-changes/:documentId/timeline', handler: 'status-change.timeline', config: { policies: [] } },
    // What waits for the caller's decision, across the requests of every subject on the engine.
    { method: 'GET', path: '/me/inbox', handler: 'status-change.inbox', config: { policies: [] } },
    // Supporting documents: multipart field `files` (PDF, JPEG, PNG); each read back by its id.
    { method: 'POST', path: '/status-changes/:documentId/documents', handler: 'status-change.attachDocuments', config: { policies: [] } },
    { method: 'GET', path: '/status-changes/:documentId/documents/:fileId', handler: 'status-change.document', config: { policies: [] } },
  ],
};
