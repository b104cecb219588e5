/** Before the core routes, so that `report` is not read as a documentId. */
export default {
  routes: [{ method: 'GET', path: '/status-changes/report', handler: 'status-change.report', config: { policies: [] } }],
};
