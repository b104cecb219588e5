/** The import and its template, before the core routes, so that `import-template` is not read as a documentId. */
export default {
  routes: [
    { method: 'POST', path: '/fee-statuses/import', handler: 'fee-status.import', config: { policies: [] } },
    { method: 'GET', path: '/fee-statuses/import-template', handler: 'fee-status.importTemplate', config: { policies: [] } },
  ],
};
