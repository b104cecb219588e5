/**
 * 《学籍异动申请表》 of one request, with its decisions (issue 14): what the department files
 * and academic affairs keeps, as a PDF. Built from the request's timeline, so the caller sees on
 * paper exactly what they may see on screen (404 for a request outside their scope).
 */
import type { Core } from '@strapi/strapi';
import { VIEW_SETTINGS } from '../../bootstrap/admin-view-settings';
import { ENUM_LABELS, STATE_LABELS } from '../../domain/enum-labels';
import { unitLabel } from '../../domain/approval';
import { STUDENT_STATUS_LABELS } from '../../domain/constants';
import { createPrintDocument, printedAt } from './pdf';

const STATUS_CHANGE = 'api::status-change.status-change';
const LABELS = VIEW_SETTINGS[STATUS_CHANGE].labels;

/** The request's own facts, in the order of the form; shown when filled in. */
const FACTS = [
  'targetMajor', 'targetClass', 'failedCourses', 'averageScore', 'majorRankPercent', 'suspensionCause', 'suspensionStart', 'suspensionEnd',
  'receivingSchool', 'receivingProvince', 'provincialApproval', 'withdrawalKind', 'registeredMailNumber', 'incomingName', 'incomingPreviousSchool',
] as const;
const RECORDS = ['investigationRecord', 'noticeRecord', 'hearingRecord'] as const;

type Raw = Record<string, unknown> & { targetMajor?: { name?: string } | null; targetClass?: { name?: string } | null };
type Workflow = { timeline(documentId: string, mayUse?: (action: string) => boolean): Promise<Record<string, unknown>> };

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object' && 'name' in (value as object)) return String((value as { name?: unknown }).name ?? '');
  const text = String(value);
  return ENUM_LABELS[text] ?? text;
}

function dateTime(value: unknown): string {
  return typeof value === 'string' || value instanceof Date ? printedAt(new Date(value)) : '';
}

/** What the form shows of a request: its timeline (as the caller sees it, or as filed on approval). */
export interface StatusChangeForm {
  documentId: string;
  type: string | null;
  state: string;
  round: number;
  student: { name?: string; studentNumber?: string; status?: string } | null;
  department: { name?: string } | null;
  semester?: unknown;
  tier?: unknown;
  appliedBy?: unknown;
  submittedAt?: unknown;
  decidedAt?: unknown;
  steps: Array<{ number: number; unit: string; label: string }>;
  decisions: Array<{ round: number; step: number; stepLabel: string | null; unit: string; unitName: string | null; decision: string; comment: string | null; deciderName: string | null; decidedBy: string; decidedAt: string | Date }>;
}

/** The form of a request the caller may see (404 otherwise), as it stands now. */
export async function statusChangeFormPdf(strapi: Core.Strapi, documentId: string, mayUse?: (action: string) => boolean): Promise<{ pdf: Buffer; filename: string }> {
  const workflow = strapi.service('api::status-change.workflow') as unknown as Workflow;
  // The timeline finds the request in the caller's scope (404 otherwise).
  const timeline = (await workflow.timeline(documentId, mayUse)) as unknown as StatusChangeForm;
  const raw = (await strapi.db.query(STATUS_CHANGE as never).findOne({ where: { documentId }, populate: { targetMajor: true, targetClass: true } })) as Raw;
  return renderStatusChangeForm({ ...timeline, documentId }, raw);
}

/** Lays out the form: `raw` is the request's row with its target major and class. */
export async function renderStatusChangeForm(timeline: StatusChangeForm, raw: Raw): Promise<{ pdf: Buffer; filename: string }> {
  const { documentId } = timeline;
  const { student } = timeline;
  const type = shown(timeline.type);
  const doc = createPrintDocument({ title: '学籍异动申请表', footer: `申请编号 ${documentId}` });
  doc.title('学籍异动申请表', `${type}　·　${(STATE_LABELS as Record<string, string>)[timeline.state] ?? ENUM_LABELS[timeline.state] ?? timeline.state}`);

  doc.section('学生信息');
  doc.fields([
    ['姓名', student?.name ?? shown(raw.incomingName)],
    ['学号', student?.studentNumber ?? '（批准后编号）'],
    ['系部', timeline.department?.name ?? ''],
    ['学籍状态', student?.status ? (STUDENT_STATUS_LABELS as Record<string, string>)[student.status] ?? student.status : ''],
    ['学期', shown(timeline.semester)],
    ['层级', shown(timeline.tier)],
  ]);

  doc.section('申请内容');
  doc.fields([
    [LABELS.type, type],
    ['申请人', shown(timeline.appliedBy)],
    ['提交时间', dateTime(timeline.submittedAt)],
    ['办结时间', dateTime(timeline.decidedAt)],
    ...FACTS.filter((field) => shown(raw[field]) !== '').map((field) => [LABELS[field] ?? field, shown(raw[field])] as const),
    [LABELS.studentSigned, shown(raw.studentSigned)],
    [LABELS.guardianSigned, shown(raw.guardianSigned)],
  ]);
  doc.paragraph(LABELS.reason, shown(raw.reason));
  for (const field of RECORDS) if (shown(raw[field]) !== '') doc.paragraph(LABELS[field] ?? field, shown(raw[field]));

  doc.section('审批意见');
  const { steps, decisions } = timeline;
  const rows = decisions.map((d) => [
    `${d.round > 0 ? `第 ${d.round} 轮 · ` : ''}${d.stepLabel ?? `第 ${d.step} 步`}`,
    d.unitName ?? unitLabel({ unit: d.unit as never, label: '' }),
    ENUM_LABELS[d.decision] ?? d.decision,
    d.comment ?? '',
    d.deciderName ?? '',
    dateTime(d.decidedAt),
  ]);
  // Steps still to come stay on the form with empty cells, to be signed by hand if need be.
  const decided = new Set(decisions.filter((d) => d.round === timeline.round).map((d) => d.step));
  if (timeline.state === 'submitted') {
    for (const step of steps) if (!decided.has(step.number)) rows.push([step.label || `第 ${step.number} 步`, unitLabel({ unit: step.unit as never, label: '' }), '待审批', '', '', '']);
  }
  doc.table(
    [
      { header: '步骤', width: 3 },
      { header: '审批单位', width: 3 },
      { header: '意见', width: 1.5 },
      { header: '说明', width: 5 },
      { header: '审批人', width: 2 },
      { header: '时间', width: 3 },
    ],
    rows,
  );
  const name = student?.studentNumber ? `${student.studentNumber}-${student.name ?? ''}` : shown(raw.incomingName) || documentId;
  return { pdf: await doc.end(), filename: `学籍异动申请表-${name}-${type}.pdf` };
}
