/** The student list as .xlsx (docs/excel.md), before `/students/:documentId` takes `export` for an id. */
export default {
  routes: [{ method: 'GET', path: '/students/export', handler: 'student.export', config: { policies: [] } }],
};
