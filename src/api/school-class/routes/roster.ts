/** A class roster (班级花名册) as a PDF. */
export default {
  routes: [{ method: 'GET', path: '/school-classes/:documentId/roster.pdf', handler: 'school-class.rosterPdf', config: { policies: [] } }],
};
