/** Status changes as a subject of the approval engine (src/services/approval/engine.ts). */
import type { Core } from '@strapi/strapi';
import type { ApprovalSubject } from '../../../services/approval/engine';
import { loadStatusChangeSettings } from '../../../services/school-settings';
import { withoutScope } from '../../../services/scope/context';
import { findVisibleStatusChange, loadStatusChange, STATUS_CHANGE, type StatusChangeRow } from '../repositories/status-change-rows';
import { applyStatusChangeEffect } from './effects';
import { notifyStudent } from './notify';
import { prepareStatusChangeSubmission } from './submission';
import { now as clockNow } from '../../../services/clock';

export function statusChangeSubject(strapi: Core.Strapi): ApprovalSubject<StatusChangeRow> {
  return {
    name: 'status-change',
    uid: STATUS_CHANGE,
    table: strapi.db.metadata.get(STATUS_CHANGE as never).tableName,
    decisionLink: 'statusChange',
    findVisible: (documentId) => findVisibleStatusChange(strapi, documentId),
    load: (documentId) => loadStatusChange(strapi, documentId),
    prepareSubmission: (row) => prepareStatusChangeSubmission(strapi, row),
    async applyEffect(row) {
      return applyStatusChangeEffect(strapi, row.raw, await loadStatusChangeSettings(strapi), clockNow());
    },
    async save(row, columns) {
      await withoutScope(() => strapi.db.query(STATUS_CHANGE as never).update({ where: { id: row.id }, data: columns }));
    },
    async notify(row, outcome, comment) {
      const effect = (row as StatusChangeRow & { effect?: { studentId?: number } }).effect;
      await notifyStudent(strapi, row.raw, outcome.state, comment, row.raw.student?.id ?? effect?.studentId ?? null);
    },
  };
}
