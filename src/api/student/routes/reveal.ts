/** Personal data in clear for staff whose role may reveal it, with a reason that is logged. */
export default {
  routes: [{ method: 'POST', path: '/students/:documentId/reveal', handler: 'student.reveal', config: { policies: [] } }],
};
