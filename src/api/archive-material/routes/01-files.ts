/** Filing a material with its files, correcting one, and reading a file back through the scope and the access register. */
const route = (method: 'GET' | 'POST', path: string, handler: string) => ({ method, path, handler: `archive-material.${handler}`, config: { policies: [] } });

export default {
  routes: [
    route('POST', '/student-archives/:documentId/materials', 'fileMaterial'),
    route('POST', '/archive-materials/:documentId/corrections', 'correct'),
    route('GET', '/archive-materials/:documentId/files/:fileId', 'file'),
  ],
};
