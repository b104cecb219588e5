/**
 * Decisions, status history, notifications, registrations and deferrals are written by the workflows alone: no user,
 * whatever their role, creates, edits or deletes one through the Document Service (Content
 * Manager, REST, GraphQL). The database refuses changes to decisions and history as well.
 */
import { errors } from '@strapi/utils';
import { currentActor } from '../services/scope/actor';
import type { DocumentMiddlewareFactory } from './types';
import { Forbidden } from '../services/forbidden';

export const WORKFLOW_WRITTEN_TYPES: ReadonlySet<string> = new Set([
  'api::approval-decision.approval-decision',
  'api::status-history.status-history',
  'api::notification.notification',
  // Registrations are made by opening a semester and moved by the flow; deferrals are filed at /api/me.
  'api::registration.registration',
  'api::registration-deferral.registration-deferral',
  // Student archives are made with their students and moved by the archive's actions; materials are
  // filed by its upload (each read of one is logged in the access register, which a widget would slip past).
  'api::student-archive.student-archive',
  'api::archive-material.archive-material',
  // The access register is written by the reads themselves (src/services/archive/access-log.ts).
  'api::archive-access-log.archive-access-log',
  // Transfers are applied for and moved by their own routes (src/services/archive/transfers.ts), each step checked and audited.
  'api::archive-transfer.archive-transfer',
  // Class rosters are produced and moved by their own routes (src/services/roster/).
  'api::class-roster.class-roster',
  'api::roster-line.roster-line',
]);
const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

export const systemRecords: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (!WORKFLOW_WRITTEN_TYPES.has(context.uid) || !WRITES.has(context.action)) return next();
  const actor = await currentActor(strapi);
  if (actor.kind !== 'system') throw new Forbidden('此记录由审批流程自动生成，不能手工新增、修改或删除 (written by the workflow only)');
  return next();
};
