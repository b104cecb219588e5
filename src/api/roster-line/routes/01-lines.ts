/** The registry resolves a reported error; a student checks their own line under /me. */
const route = (method: 'GET' | 'POST', path: string, handler: string) => ({ method, path, handler: `roster-line.${handler}`, config: { policies: [] } });

export default {
  routes: [
    route('POST', '/roster-lines/:documentId/resolve', 'resolve'),
    route('GET', '/me/roster-line', 'mine'),
    route('POST', '/me/roster-line/confirm', 'confirmMine'),
    route('POST', '/me/roster-line/report-error', 'reportErrorMine'),
  ],
};
