/** A record's moves outside the core writes, its timeline, and the batch check for evaluations. */
export default {
  routes: [
    { method: 'POST', path: '/integrity/checks', handler: 'integrity-record.checks', config: { policies: [] } },
    { method: 'POST', path: '/integrity-records/:documentId/confirm', handler: 'integrity-record.confirm', config: { policies: [] } },
    { method: 'POST', path: '/integrity-records/:documentId/acknowledge', handler: 'integrity-record.acknowledge', config: { policies: [] } },
    { method: 'GET', path: '/integrity-records/:documentId/timeline', handler: 'integrity-record.timeline', config: { policies: [] } },
    // Evidence: multipart field `files` (PDF, JPEG, PNG), stored outside public/; each read back by its id.
    { method: 'POST', path: '/integrity-records/:documentId/evidence', handler: 'integrity-record.attachEvidence', config: { policies: [] } },
    { method: 'GET', path: '/integrity-records/:documentId/evidence/:fileId', handler: 'integrity-record.evidence', config: { policies: [] } },
  ],
};
