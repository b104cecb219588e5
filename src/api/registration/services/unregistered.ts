/**
 * The end-of-semester list of unregistered students (seed 001 二(一)1(3)): every registration of
 * the semester that is not registered, per department, as the caller's scope reaches them (REST,
 * the admin, .xlsx); and the notification each department gets when the window's end marks its
 * students missed.
 */
import type { Core } from '@strapi/strapi';
import { REGISTRATION_STATE_LABELS, type RegistrationState } from '../../../domain/registration';
import type { ReportSheet } from '../../../services/excel/report-sheet';
import { currentActor } from '../../../services/scope/actor';
import { scopeSql } from '../../../services/scope/scope-sql';
import { sendNotification } from '../../../services/notify';
import { ambientConnection } from '../../../services/transaction';
import { REGISTRATION } from '../repositories/registration-rows';


export interface UnregisteredRow {
  documentId: string;
  studentNumber: string;
  name: string;
  department: string | null;
  schoolClass: string | null;
  state: RegistrationState;
  deadline: string;
  deferredUntil: string | null;
  overdue: boolean;
}

export async function unregisteredStudents(strapi: Core.Strapi, semesterId: number): Promise<UnregisteredRow[]> {
  const scope = scopeSql(strapi, REGISTRATION, 'r', (await currentActor(strapi)).scope);
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(
    `SELECT r.document_id, s.student_number, s.name, d.name AS department, c.name AS school_class, r.state,
            r.deadline::text AS deadline, r.deferred_until::text AS deferred_until, r.overdue
       FROM registrations r
       JOIN students s ON s.id = r.student_key
       LEFT JOIN departments d ON d.id = r.department_scope
       LEFT JOIN registrations_school_class_lnk cl ON cl.registration_id = r.id
       LEFT JOIN school_classes c ON c.id = cl.school_class_id
      WHERE r.semester_key = ? AND r.state <> 'registered' AND ${scope.sql}
      ORDER BY d.name NULLS LAST, c.name NULLS LAST, s.student_number`,
    [semesterId, ...scope.bindings],
  )) as { rows: Array<Record<string, any>> };
  return rows.map((row) => ({
    documentId: row.document_id,
    studentNumber: row.student_number,
    name: row.name,
    department: row.department,
    schoolClass: row.school_class,
    state: row.state,
    deadline: row.deadline,
    deferredUntil: row.deferred_until,
    overdue: row.overdue,
  }));
}

export function unregisteredSheet(semesterCode: string, coverage: string, rows: UnregisteredRow[]): ReportSheet {
  return {
    title: '未注册学生名单',
    subtitle: `${semesterCode} 学期 · 范围：${coverage} · 共 ${rows.length} 人`,
    headings: ['系部', '班级', '学号', '姓名', '注册状态', '截止日期', '准予延期至', '逾期未注册'],
    rows: rows.map((r) => [r.department ?? '', r.schoolClass ?? '', r.studentNumber, r.name, REGISTRATION_STATE_LABELS[r.state], r.deadline, r.deferredUntil ?? '', r.overdue ? '是' : '否']),
  };
}

/** One notification per department and semester whose students were just marked missed. */
export async function notifyDepartments(strapi: Core.Strapi, missed: Array<{ semester_key: number; department_scope: number | null }>, at: Date): Promise<void> {
  const counts = new Map<string, { semesterId: number; departmentId: number; count: number }>();
  for (const row of missed) {
    if (row.department_scope === null) continue;
    const key = `${row.semester_key}:${row.department_scope}`;
    const entry = counts.get(key) ?? { semesterId: row.semester_key, departmentId: row.department_scope, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const db = await ambientConnection(strapi);
  for (const { semesterId, departmentId, count } of counts.values()) {
    const semester = await db('semesters').where({ id: semesterId }).first('code');
    const title = `${semester?.code ?? ''} 学期有 ${count} 名学生逾期未注册`;
    const body = `${title}，已记为未注册。请在“学籍注册”中查看未注册学生名单并跟进；连续两个学期或累计三个学期未注册的，系统已提请取消学籍。`;
    await sendNotification(strapi, { title, body, departmentScope: departmentId, at });
  }
}
