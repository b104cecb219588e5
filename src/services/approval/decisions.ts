/** The decisions of a request: read in order, and appended (never changed: a trigger refuses). */
import type { Core } from '@strapi/strapi';
import type { ApprovalActor, ChainStep } from '../../domain/approval';
import type { ApprovalUnit, Decision } from '../../domain/status-change';

export const DECISION = 'api::approval-decision.approval-decision';

export interface DecisionRow {
  documentId: string;
  round: number;
  step: number;
  stepLabel: string | null;
  unit: ApprovalUnit;
  unitName: string | null;
  decision: Decision;
  comment: string | null;
  decidedBy: string;
  deciderName: string | null;
  decidedAt: string;
}

export async function loadDecisions(strapi: Core.Strapi, subject: string, subjectDocumentId: string): Promise<DecisionRow[]> {
  return (await strapi.db.query(DECISION as never).findMany({
    where: { subject, subjectDocumentId },
    orderBy: [{ round: 'asc' }, { step: 'asc' }],
  })) as DecisionRow[];
}

const UNIT_NAMES: Record<ApprovalUnit, string> = {
  department: '系部',
  'academic-affairs': '教务处',
  'student-affairs': '学生工作处',
  leadership: '校领导',
  'leadership-meeting': '校领导会议',
  archive: '档案室',
};

export function unitName(unit: ApprovalUnit, departmentName?: string | null): string {
  return unit === 'department' && departmentName ? departmentName : UNIT_NAMES[unit];
}

interface Recordable {
  id: number;
  documentId: string;
  departmentId: number | null;
  departmentName?: string | null;
}

export async function recordDecision(
  strapi: Core.Strapi,
  subject: { name: string; decisionLink?: string },
  row: Recordable,
  decision: { round: number; step: number; decision: Decision; unit: ApprovalUnit },
  step: ChainStep | undefined,
  decider: ApprovalActor & { name?: string | null },
  comment: string | null,
  decidedAt: Date,
): Promise<void> {
  await strapi.db.query(DECISION as never).create({
    data: {
      ...(subject.decisionLink ? { [subject.decisionLink]: row.id } : {}),
      subject: subject.name,
      subjectDocumentId: row.documentId,
      round: decision.round,
      step: decision.step,
      stepLabel: step?.label ?? null,
      unit: decision.unit,
      unitName: unitName(decision.unit, row.departmentName),
      decision: decision.decision,
      comment,
      decidedBy: decider.key,
      deciderName: decider.name ?? null,
      decidedAt,
      departmentScope: row.departmentId,
      publishedAt: decidedAt,
    },
  });
}
