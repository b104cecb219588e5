/** The import and its template, before the core routes, so that `import-template` is not read as a documentId. */
export default {
  routes: [
    { method: 'POST', path: '/integrity-third-party-records/import', handler: 'integrity-third-party-record.import', config: { policies: [] } },
    { method: 'GET', path: '/integrity-third-party-records/import-template', handler: 'integrity-third-party-record.importTemplate', config: { policies: [] } },
  ],
};
