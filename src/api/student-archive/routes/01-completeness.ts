/** The first archive's completeness list and the custody move (before the core `/:id` routes). */
const route = (method: 'GET' | 'POST', path: string, handler: string) => ({ method, path, handler: `student-archive.${handler}`, config: { policies: [] } });

export default {
  routes: [
    route('GET', '/student-archives/completeness', 'completeness'),
    route('POST', '/student-archives/custody', 'moveCustodyBatch'),
    route('POST', '/student-archives/:documentId/custody', 'moveCustody'),
  ],
};
