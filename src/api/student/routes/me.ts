/** A student's own record, with their own personal data in clear. */
export default {
  routes: [{ method: 'GET', path: '/me', handler: 'student.me', config: { policies: [] } }],
};
