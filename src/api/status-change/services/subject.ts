/** Status changes as a subject of the approval engine (src/services/approval/engine.ts). */
import type { Core } from '@strapi/strapi';
import { DEFAULT_FILING_RULE } from '../../../domain/approval';
import type { ApprovalSubject } from '../../../services/approval/engine';
import { loadStatusChangeSettings } from '../../../services/school-settings';
import { withoutScope } from '../../../services/scope/context';
import { findVisibleStatusChange, loadStatusChange, STATUS_CHANGE, type StatusChangeRow } from '../repositories/status-change-rows';
import { fileStatusChange } from './archive-filing';
import { applyStatusChangeEffect } from './effects';
import { notifyStudent } from './notify';
import { prepareStatusChangeSubmission } from './submission';
import { now as clockNow } from '../../../services/clock';

/** The submitted status changes as the inbox reads them (src/services/approval/inbox.ts). */
const INBOX_SQL = `
  SELECT sc.document_id, sc.round, sc.current_step, sc.chain_steps AS steps, sc.current_step_due::text AS due,
         sc.submitted_at, sc.department_scope AS department_id, NULL::text AS source_office, su.user_id AS student_user_id,
         sc.type, st.name AS student, d.name AS department
    FROM status_changes sc
    LEFT JOIN status_changes_student_lnk sl ON sl.status_change_id = sc.id
    LEFT JOIN students st ON st.id = sl.student_id
    LEFT JOIN students_user_lnk su ON su.student_id = st.id
    LEFT JOIN departments d ON d.id = sc.department_scope
   WHERE sc.state = 'submitted'`;

export function statusChangeSubject(strapi: Core.Strapi): ApprovalSubject<StatusChangeRow> {
  return {
    name: 'status-change',
    label: '学籍异动',
    uid: STATUS_CHANGE,
    // Read when first used: the subject is registered before the database is up.
    get table() {
      return strapi.db.metadata.get(STATUS_CHANGE as never).tableName;
    },
    decisionLink: 'statusChange',
    // domain.md 3: the student, their department, or academic affairs files a change.
    filers: DEFAULT_FILING_RULE,
    findVisible: (documentId) => findVisibleStatusChange(strapi, documentId),
    load: (documentId) => loadStatusChange(strapi, documentId),
    prepareSubmission: (row) => prepareStatusChangeSubmission(strapi, row),
    async applyEffect(row) {
      const effect = await applyStatusChangeEffect(strapi, row.raw, await loadStatusChangeSettings(strapi), clockNow());
      // Filed in the effect's transaction: one fails, both roll back (issue 17).
      return { ...effect, archiveFiling: await fileStatusChange(strapi, row, effect.studentId as number) };
    },
    async save(row, columns) {
      await withoutScope(() => strapi.db.query(STATUS_CHANGE as never).update({ where: { id: row.id }, data: columns }));
    },
    async notify(row, outcome, comment) {
      const effect = (row as StatusChangeRow & { effect?: { studentId?: number } }).effect;
      await notifyStudent(strapi, row.raw, outcome.state, comment, row.raw.student?.id ?? effect?.studentId ?? null);
    },
    summarize: (row) => ({
      type: row.raw.type ?? null,
      student: row.raw.student?.name ?? null,
      department: row.departmentName ?? null,
    }),
    inbox: { sql: INBOX_SQL },
  };
}
