/** The summary, and the student's own archive under /api/me. */
export default {
  routes: [
    { method: 'GET', path: '/integrity-archives/:documentId/summary', handler: 'integrity-archive.summary', config: { policies: [] } },
    { method: 'GET', path: '/me/integrity', handler: 'integrity-archive.mine', config: { policies: [] } },
    { method: 'POST', path: '/me/integrity/sign', handler: 'integrity-archive.sign', config: { policies: [] } },
  ],
};
