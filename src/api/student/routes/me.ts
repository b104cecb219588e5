/** A student's own record, requests and notifications, with their own personal data in clear. */
export default {
  routes: [
    { method: 'GET', path: '/me', handler: 'student.me', config: { policies: [] } },
    { method: 'GET', path: '/me/status-changes', handler: 'student.myStatusChanges', config: { policies: [] } },
    { method: 'POST', path: '/me/status-changes', handler: 'student.createMyStatusChange', config: { policies: [] } },
    { method: 'GET', path: '/me/notifications', handler: 'student.myNotifications', config: { policies: [] } },
  ],
};
