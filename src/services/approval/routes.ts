/**
 * The content-API routes a subject of the approval engine mounts under its own path: one per
 * workflow action (so that roles are granted them one by one), batch decisions and the timeline.
 * Its controller provides the handlers of the same names (see the status-change controller).
 */
import { WORKFLOW_ACTIONS } from '../../domain/approval-vocabulary';

export interface ContentRoute {
  method: 'GET' | 'POST';
  path: string;
  handler: string;
  config: { policies: never[] };
}

/** `path` is the subject's collection ('/status-changes'), `controller` its controller ('status-change'). */
export function approvalRoutes(path: string, controller: string): ContentRoute[] {
  const route = (method: ContentRoute['method'], suffix: string, handler: string): ContentRoute => ({ method, path: `${path}${suffix}`, handler: `${controller}.${handler}`, config: { policies: [] } });
  return [
    ...WORKFLOW_ACTIONS.map((action) => route('POST', `/:documentId/${action}`, action)),
    // Many decisions in one call (one action), answered per request.
    route('POST', '/decisions', 'decide'),
    route('GET', '/:documentId/timeline', 'timeline'),
  ];
}
