/**
 * What waits for the caller: the requests whose current step is theirs to decide (their
 * department's step, or their office's), which they have not decided yet in this round, with the
 * step's due date and whether it has passed on the school's calendar. Status changes are the first
 * subject; the others join this list as they move onto the engine.
 */
import type { Core } from '@strapi/strapi';
import type { InboxItem } from '../../../domain/inbox';
import { approvalActor } from '../../../services/approval/deciders';
import { today } from '../../../services/clock';
import { currentActor } from '../../../services/scope/actor';
import { ambientConnection } from '../../../services/transaction';

interface Row {
  document_id: string;
  type: string;
  current_step: number;
  step: { unit: string; label?: string } | string;
  current_step_due: string | null;
  submitted_at: Date | null;
  student_name: string | null;
  department_name: string | null;
}

export async function inbox(strapi: Core.Strapi): Promise<InboxItem[]> {
  const actor = await currentActor(strapi);
  const decider = await approvalActor(strapi, actor, null);
  const departments = decider.memberships.filter((m) => m.unit === 'department' && m.departmentId !== null).map((m) => m.departmentId as number);
  const offices = decider.memberships.filter((m) => m.unit !== 'department').map((m) => m.unit);
  if (decider.key === null || (departments.length === 0 && offices.length === 0)) return [];
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(
    `SELECT sc.document_id, sc.type, sc.current_step, sc.chain_steps -> (sc.current_step - 1) AS step,
            sc.current_step_due::text AS current_step_due, sc.submitted_at, st.name AS student_name, d.name AS department_name
       FROM status_changes sc
       LEFT JOIN status_changes_student_lnk sl ON sl.status_change_id = sc.id
       LEFT JOIN students st ON st.id = sl.student_id
       LEFT JOIN departments d ON d.id = sc.department_scope
      WHERE sc.state = 'submitted'
        AND ((sc.chain_steps -> (sc.current_step - 1) ->> 'unit' = 'department' AND sc.department_scope = ANY(?::int[]))
          OR (sc.chain_steps -> (sc.current_step - 1) ->> 'unit') = ANY(?::text[]))
        AND NOT EXISTS (SELECT 1 FROM approval_decisions ad
                         WHERE ad.subject = 'status-change' AND ad.subject_document_id = sc.document_id
                           AND ad.round = sc.round AND lower(ad.decided_by) = ?)
      ORDER BY sc.current_step_due NULLS LAST, sc.submitted_at`,
    [departments, offices, decider.key],
  )) as { rows: Row[] };
  const date = today();
  return rows.map((row) => {
    const step = typeof row.step === 'string' ? (JSON.parse(row.step) as { unit: string; label?: string }) : row.step;
    return {
      subject: 'status-change',
      documentId: row.document_id,
      type: row.type,
      student: row.student_name,
      department: row.department_name,
      step: row.current_step,
      stepLabel: step?.label ?? null,
      unit: step?.unit,
      due: row.current_step_due,
      overdue: row.current_step_due !== null && row.current_step_due < date,
      submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    };
  });
}
