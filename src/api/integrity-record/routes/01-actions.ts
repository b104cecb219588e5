/** A record's moves outside the core writes, its timeline, and the batch check for evaluations. */
export default {
  routes: [
    { method: 'POST', path: '/integrity/checks', handler: 'integrity-record.checks', config: { policies: [] } },
    { method: 'POST', path: '/integrity-records/:documentId/confirm', handler: 'integrity-record.confirm', config: { policies: [] } },
    { method: 'POST', path: '/integrity-records/:documentId/acknowledge', handler: 'integrity-record.acknowledge', config: { policies: [] } },
    { method: 'GET', path: '/integrity-records/:documentId/timeline', handler: 'integrity-record.timeline', config: { policies: [] } },
  ],
};
