/** The transfer's steps, and the follow-up of missing receipts (before the core routes: /follow-up is no documentId). */
const route = (method: 'GET' | 'POST', path: string, handler: string) => ({ method, path, handler: `archive-transfer.${handler}`, config: { policies: [] } });

export default {
  routes: [
    route('GET', '/archive-transfers/follow-up', 'followUp'),
    route('POST', '/archive-transfers/follow-up/run', 'runFollowUp'),
    route('POST', '/archive-transfers', 'apply'),
    route('POST', '/archive-transfers/:documentId/check', 'check'),
    route('POST', '/archive-transfers/:documentId/send', 'send'),
    route('POST', '/archive-transfers/:documentId/receipt', 'receipt'),
    route('POST', '/archive-transfers/:documentId/cancel', 'cancel'),
  ],
};
