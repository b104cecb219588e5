/**
 * Semester registration in the admin panel (issue 16, "Admin"), on the admin API (Strapi 5 forces
 * routes under src/api to the content API, so these are registered from `register()`):
 *
 * - `GET  /student-records/registration/semesters`: the semesters that have registrations, newest first;
 * - `GET  /student-records/registration/report?semester=&format=xlsx`: 学籍注册统计;
 * - `GET  /student-records/registration/unregistered?semester=&format=xlsx`: 未注册学生名单;
 * - `GET  /student-records/registration/review?semester=&class=`: the classes with registrations
 *   waiting at the department step and, for a class, those registrations with their conditions;
 * - `POST /student-records/registration/decisions`: one batch decision over many registrations
 *   (runBatchDecisions: each in its own transaction, each answered);
 * - `GET  /student-records/registration/approvals/:subject/:documentId/timeline`,
 *   `POST .../:action` and `GET .../documents/:fileId`: the 审批办理 panel of a registration or a
 *   deferral application, driven by the approval engine as the content API's routes are.
 *
 * Each needs the admin permission its content-API action needs (STAFF_ACTIONS, one definition),
 * and reads inside the caller's request: the department scope applies to every read.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/approval-vocabulary';
import { abilityAllows, REGISTRATION, REGISTRATION_DEFERRAL } from '../../domain/permissions';
import { CONDITION_LABELS, conditionsMet, REGISTRATION_STATE_LABELS, type ConditionCode, type ConditionResult, type RegistrationState } from '../../domain/registration';
import { parseActionBody } from '../approval/action-request';
import { runBatchDecisions } from '../approval/batch';
import { runWorkflowAction } from '../approval/engine';
import { approvalSubject } from '../approval/registry';
import { approvalTimeline } from '../approval/timeline';
import { sendReportSheet, wantsSheet } from '../excel/report-sheet';
import { idempotent, type IdempotentContext } from '../idempotency';
import { privateDocument, sendDocument } from '../private-documents';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { coverageLabel } from '../scope/coverage';
import { scopeSql } from '../scope/scope-sql';
import { ambientConnection } from '../transaction';
import type { RegistrationRow } from '../../api/registration/repositories/registration-rows';
import { conditionsOf, conditionsOfMany } from '../../api/registration/services/conditions';
import { registrationDocument } from '../../api/registration/services/documents';
import { registrationReport, reportSheet } from '../../api/registration/services/report';
import { semesterOfQuery } from '../../api/registration/services/semesters';
import { unregisteredSheet, unregisteredStudents } from '../../api/registration/services/unregistered';
import { Forbidden } from '../forbidden';

export const ADMIN_REGISTRATION_PATH = '/student-records/registration';
/** The engine's subjects these routes drive, by the name the path carries. */
export const REGISTRATION_SUBJECTS = { registration: REGISTRATION, 'registration-deferral': REGISTRATION_DEFERRAL } as const;
type SubjectName = keyof typeof REGISTRATION_SUBJECTS;

type AdminCtx = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
  state: { userAbility?: { can(action: string, subject?: string | null): boolean } };
};

const adminMay = (ctx: AdminCtx, action: string) => abilityAllows(ctx.state.userAbility, action);

function assertAdminMay(ctx: AdminCtx, action: string): void {
  if (!adminMay(ctx, action)) throw new Forbidden('您的后台角色没有此项权限 (your role does not allow this)');
}

function subjectName(ctx: AdminCtx): SubjectName {
  const name = ctx.params.subject;
  if (!(name in REGISTRATION_SUBJECTS)) throw new errors.NotFoundError('Not Found');
  return name as SubjectName;
}

type Raw = Record<string, any>;

export interface PanelFile {
  id: number;
  name: string;
  mime: string;
  /** KB */
  size: number;
}

/** The stored files' names and sizes (the row keeps their ids only); read after the row's own scoped read. */
async function filesOf(strapi: Core.Strapi, refs: unknown): Promise<PanelFile[]> {
  const ids = (Array.isArray(refs) ? refs : []).map((file: { id?: unknown }) => Number(file?.id)).filter(Number.isInteger);
  if (ids.length === 0) return [];
  const files = (await withoutScope(() => strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: ids } }, select: ['id', 'name', 'mime', 'size'], orderBy: { id: 'asc' } }))) as PanelFile[];
  return files.map((file) => ({ id: file.id, name: file.name, mime: file.mime, size: Number(file.size) }));
}

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

/** The conditions as kept on the registration, each with its Chinese name. */
export function conditionViews(value: unknown): Array<ConditionResult & { label: string }> {
  if (!Array.isArray(value)) return [];
  return value
    .filter((c): c is ConditionResult => Boolean(c) && typeof c === 'object' && typeof (c as ConditionResult).code === 'string')
    .map((c) => ({ code: c.code, ok: Boolean(c.ok), reason: String(c.reason ?? ''), label: CONDITION_LABELS[c.code as ConditionCode] ?? c.code }));
}

/**
 * The conditions the panel shows: while the registration waits at a review step, as they stand now
 * (conditionsOf, as checkDecision will judge the reviewer's approval); otherwise as kept on it.
 */
async function shownConditions(strapi: Core.Strapi, row: RegistrationRow): Promise<{ conditions: unknown; conditionsMet: unknown }> {
  const step = row.state === 'submitted' && row.currentStep ? row.steps[row.currentStep - 1] : undefined;
  if (!step || step.unit === 'student') return { conditions: row.raw.conditions, conditionsMet: row.raw.conditionsMet };
  const live = await withoutScope(() => conditionsOf(strapi, row));
  return { conditions: live, conditionsMet: conditionsMet(live) };
}

/** What the registration's panel shows beside the chain: the student, the semester, the deadline, the conditions and the proofs. */
async function registrationFacts(strapi: Core.Strapi, row: RegistrationRow) {
  const raw: Raw = row.raw;
  const shown = await shownConditions(strapi, row);
  // The engine's row carries the workflow state under `state`: the registration's own is read from its column.
  const stored = (await withoutScope(() => strapi.db.query(REGISTRATION as never).findOne({ where: { id: raw.id }, select: ['state'] }))) as { state: RegistrationState } | null;
  const state = stored?.state ?? 'expected';
  return {
    student: raw.student ? { documentId: raw.student.documentId, name: raw.student.name, studentNumber: raw.student.studentNumber ?? null } : null,
    department: raw.department ? { documentId: raw.department.documentId, name: raw.department.name } : null,
    schoolClass: raw.schoolClass ? { documentId: raw.schoolClass.documentId, name: raw.schoolClass.name } : null,
    semester: text(raw.semester?.code),
    registrationState: state,
    registrationStateLabel: REGISTRATION_STATE_LABELS[state] ?? state,
    newStudent: Boolean(raw.newStudent),
    healthChanged: Boolean(raw.healthChanged),
    deadline: text(raw.deadline),
    windowCloses: text(raw.windowCloses),
    deferredUntil: text(raw.deferredUntil),
    overdue: Boolean(raw.overdue),
    late: Boolean(raw.late),
    note: text(raw.note),
    requestedDocuments: text(raw.requestedDocuments),
    submittedAt: text(raw.submittedAt),
    registeredAt: text(raw.registeredAt),
    conditions: conditionViews(shown.conditions),
    conditionsMet: shown.conditionsMet === null || shown.conditionsMet === undefined ? null : Boolean(shown.conditionsMet),
    documents: [
      { kind: 'fee-proof', label: '缴费凭证或资助证明', files: await filesOf(strapi, raw.feeProof) },
      { kind: 'health-certificate', label: '健康检查证明', files: await filesOf(strapi, raw.healthCertificate) },
      { kind: 'other', label: '其他材料', files: await filesOf(strapi, raw.otherDocuments) },
    ],
  };
}

/** What the deferral's panel shows: the student, the reason, the date asked for, the proof. */
async function deferralFacts(strapi: Core.Strapi, raw: Raw) {
  return {
    student: raw.student ? { documentId: raw.student.documentId, name: raw.student.name, studentNumber: raw.student.studentNumber ?? null } : null,
    department: raw.department ? { documentId: raw.department.documentId, name: raw.department.name } : null,
    semester: text(raw.semester?.code),
    reason: text(raw.reason),
    requestedUntil: text(raw.requestedUntil),
    submittedAt: text(raw.submittedAt),
    decidedAt: text(raw.decidedAt),
    registration: raw.registration ? { documentId: raw.registration.documentId, stateLabel: REGISTRATION_STATE_LABELS[raw.registration.state as RegistrationState] ?? raw.registration.state } : null,
    documents: [{ kind: 'documents', label: '证明材料', files: await filesOf(strapi, raw.documents) }],
  };
}

async function requestTimeline(strapi: Core.Strapi, ctx: AdminCtx, name: SubjectName, documentId: string) {
  const subject = approvalSubject(strapi, name);
  const { row, timeline } = await approvalTimeline(strapi, subject, documentId, (action) => adminMay(ctx, `${subject.uid}.${action}`));
  const raw = (row as { raw?: Raw }).raw ?? {};
  const facts = name === 'registration' ? await registrationFacts(strapi, row as RegistrationRow) : await deferralFacts(strapi, raw);
  return { ...timeline, ...facts };
}

/** A file of a deferral the caller may see (the subject's scoped read first). */
async function deferralDocument(strapi: Core.Strapi, documentId: string, fileId: string) {
  const row = await approvalSubject(strapi, 'registration-deferral').findVisible(documentId);
  if (!row) throw new errors.NotFoundError('Not Found');
  const files = ((row as { raw?: Raw }).raw?.documents ?? []) as Array<{ id: number }>;
  if (!files.some((file) => String(file.id) === fileId)) throw new errors.NotFoundError('Not Found');
  return privateDocument(strapi, REGISTRATION_DEFERRAL, row.id, 'documents', fileId);
}

export interface ReviewClass {
  documentId: string;
  name: string;
  department: string | null;
  /** Registrations of the semester in the class that wait at the department step. */
  waiting: number;
  total: number;
}

export interface ReviewRow {
  documentId: string;
  studentNumber: string;
  name: string;
  state: RegistrationState;
  submittedAt: string | null;
  due: string | null;
  currentStep: number | null;
  conditionsMet: boolean | null;
  conditions: Array<ConditionResult & { label: string }>;
}

/**
 * The classes of the caller's scope that have registrations in the semester, with how many wait
 * at the department step; and, for a class, the registrations waiting there with their conditions.
 */
async function classReview(strapi: Core.Strapi, semesterId: number, classDocumentId: string | null): Promise<{ classes: ReviewClass[]; rows: ReviewRow[] }> {
  const scope = scopeSql(strapi, REGISTRATION, 'r', (await currentActor(strapi)).scope);
  const db = await ambientConnection(strapi);
  const { rows: classes } = (await db.raw(
    `SELECT c.document_id, c.name, d.name AS department,
            (count(*) FILTER (WHERE r.state = 'submitted'))::int AS waiting, count(*)::int AS total
       FROM registrations r
       JOIN registrations_school_class_lnk cl ON cl.registration_id = r.id
       JOIN school_classes c ON c.id = cl.school_class_id
       LEFT JOIN departments d ON d.id = r.department_scope
      WHERE r.semester_key = ? AND ${scope.sql}
      GROUP BY c.document_id, c.name, d.name
      ORDER BY d.name NULLS LAST, c.name`,
    [semesterId, ...scope.bindings],
  )) as { rows: Array<Record<string, any>> };
  const classList = classes.map((c) => ({ documentId: c.document_id, name: c.name, department: c.department, waiting: c.waiting, total: c.total }));
  if (!classDocumentId) return { classes: classList, rows: [] };
  const { rows } = (await db.raw(
    `SELECT r.id, r.document_id, r.student_key, r.semester_key, r.new_student, r.health_changed, s.student_number, s.name, r.state,
            r.submitted_at, r.current_step_due::text AS due, r.current_step
       FROM registrations r
       JOIN registrations_school_class_lnk cl ON cl.registration_id = r.id
       JOIN school_classes c ON c.id = cl.school_class_id
       JOIN students s ON s.id = r.student_key
      WHERE r.semester_key = ? AND c.document_id = ? AND r.state = 'submitted' AND ${scope.sql}
      ORDER BY s.student_number`,
    [semesterId, classDocumentId, ...scope.bindings],
  )) as { rows: Array<Record<string, any>> };
  // As the batch's approvals will be judged (checkDecision), not as they were at submission.
  const live = await withoutScope(() =>
    conditionsOfMany(
      strapi,
      rows.map((row) => ({ registrationId: row.id, studentId: row.student_key, semesterId: row.semester_key, newStudent: Boolean(row.new_student), healthChanged: Boolean(row.health_changed) })),
    ),
  );
  return {
    classes: classList,
    rows: rows.map((row) => ({
      documentId: row.document_id,
      studentNumber: row.student_number,
      name: row.name,
      state: row.state,
      submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
      due: row.due,
      currentStep: row.current_step,
      conditionsMet: conditionsMet(live.get(row.id) ?? []),
      conditions: conditionViews(live.get(row.id)),
    })),
  };
}

/** The semesters that have registrations, newest first (their codes only: nothing of any student). */
async function registrationSemesters(strapi: Core.Strapi): Promise<Array<{ code: string; startDate: string; endDate: string }>> {
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(
    `SELECT s.code, s.start_date::text AS start_date, s.end_date::text AS end_date
       FROM semesters s WHERE EXISTS (SELECT 1 FROM registrations r WHERE r.semester_key = s.id)
      ORDER BY s.start_date DESC`,
  )) as { rows: Array<Record<string, string>> };
  return rows.map((row) => ({ code: row.code, startDate: row.start_date, endDate: row.end_date }));
}

export function registerRegistrationAdminRoutes(strapi: Core.Strapi): void {
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: AdminCtx) => Promise<void>) => ({
    method,
    path: `${ADMIN_REGISTRATION_PATH}${path}`,
    handler: (ctx: unknown) => handler(ctx as AdminCtx),
    info: { type: 'admin' },
    config,
  });
  strapi.server.routes({
    type: 'admin',
    routes: [
      route('GET', '/semesters', async (ctx) => {
        assertAdminMay(ctx, `${REGISTRATION}.find`);
        ctx.body = { data: await registrationSemesters(strapi) };
      }),
      route('GET', '/report', async (ctx) => {
        assertAdminMay(ctx, `${REGISTRATION}.report`);
        const sheet = wantsSheet(ctx.query);
        const semester = await semesterOfQuery(strapi, ctx.query.semester);
        const report = await registrationReport(strapi, semester);
        if (sheet) await sendReportSheet(ctx, reportSheet(report, await coverageLabel(strapi, (await currentActor(strapi)).scope)));
        else ctx.body = { data: report };
      }),
      route('GET', '/unregistered', async (ctx) => {
        assertAdminMay(ctx, `${REGISTRATION}.unregistered`);
        const sheet = wantsSheet(ctx.query);
        const semester = await semesterOfQuery(strapi, ctx.query.semester);
        const rows = await unregisteredStudents(strapi, semester.id);
        if (sheet) await sendReportSheet(ctx, unregisteredSheet(semester.code, await coverageLabel(strapi, (await currentActor(strapi)).scope), rows));
        else ctx.body = { data: rows, meta: { semester: semester.code, total: rows.length } };
      }),
      route('GET', '/review', async (ctx) => {
        assertAdminMay(ctx, `${REGISTRATION}.find`);
        const semester = await semesterOfQuery(strapi, ctx.query.semester);
        const chosen = typeof ctx.query.class === 'string' && ctx.query.class !== '' ? ctx.query.class : null;
        ctx.body = { data: await classReview(strapi, semester.id, chosen), meta: { semester: semester.code } };
      }),
      route('POST', '/decisions', async (ctx) => {
        assertAdminMay(ctx, `${REGISTRATION}.decide`);
        // Each registration its own transaction (runBatchDecisions): no Idempotency-Key, as for the content API's batch.
        ctx.body = await runBatchDecisions(strapi, approvalSubject(strapi, 'registration'), ctx.request.body, (action) => adminMay(ctx, `${REGISTRATION}.${action}`));
      }),
      route('GET', '/approvals/:subject/:documentId/timeline', async (ctx) => {
        const name = subjectName(ctx);
        assertAdminMay(ctx, `${REGISTRATION_SUBJECTS[name]}.timeline`);
        ctx.body = { data: await requestTimeline(strapi, ctx, name, ctx.params.documentId) };
      }),
      route('GET', '/approvals/:subject/:documentId/documents/:fileId', async (ctx) => {
        const name = subjectName(ctx);
        assertAdminMay(ctx, `${REGISTRATION_SUBJECTS[name]}.document`);
        const { documentId, fileId } = ctx.params;
        const file = name === 'registration' ? await registrationDocument(strapi, documentId, fileId) : await deferralDocument(strapi, documentId, fileId);
        sendDocument(ctx as unknown as Parameters<typeof sendDocument>[0], file);
      }),
      route('POST', '/approvals/:subject/:documentId/:action', async (ctx) => {
        const name = subjectName(ctx);
        const { documentId, action } = ctx.params;
        if (!(WORKFLOW_ACTIONS as readonly string[]).includes(action)) throw new errors.NotFoundError('Not Found');
        assertAdminMay(ctx, `${REGISTRATION_SUBJECTS[name]}.${action}`);
        const subject = approvalSubject(strapi, name);
        await idempotent(strapi, ctx as unknown as IdempotentContext, async () => {
          const input = parseActionBody(action as WorkflowAction, ctx.request.body, subject.parseOutcome);
          await runWorkflowAction(strapi, subject, { documentId, action: action as WorkflowAction, ...input });
          ctx.body = { data: await requestTimeline(strapi, ctx, name, documentId) };
        });
      }),
    ],
  });
}
