/** Producing a class's roster, its sheet and PDF, and its two checks (before the core `/:id` ones). */
const route = (method: 'GET' | 'POST', path: string, handler: string) => ({ method, path, handler: `class-roster.${handler}`, config: { policies: [] } });

export default {
  routes: [
    route('POST', '/class-rosters', 'produce'),
    route('GET', '/class-rosters/:documentId/sheet', 'sheet'),
    route('GET', '/class-rosters/:documentId/pdf', 'pdf'),
    route('POST', '/class-rosters/:documentId/head-teacher-check', 'headTeacherCheck'),
    route('POST', '/class-rosters/:documentId/registry-check', 'registryCheck'),
  ],
};
