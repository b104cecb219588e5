/** The graduates' archives whose retention has ended and that are not yet transferred (before the core routes). */
export default {
  routes: [{ method: 'GET', path: '/student-archives/retention-due', handler: 'student-archive.retentionDue', config: { policies: [] } }],
};
