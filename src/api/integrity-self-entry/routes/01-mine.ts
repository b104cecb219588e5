export default {
  routes: [
    { method: 'POST', path: '/me/integrity/self-entries', handler: 'integrity-self-entry.createMine', config: { policies: [] } },
    { method: 'PUT', path: '/me/integrity/self-entries/:documentId', handler: 'integrity-self-entry.updateMine', config: { policies: [] } },
    { method: 'POST', path: '/integrity-self-entries/:documentId/review', handler: 'integrity-self-entry.review', config: { policies: [] } },
  ],
};
