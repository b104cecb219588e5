/** The decisions of a request: read in order, and appended (never changed: a trigger refuses). */
import type { Core } from '@strapi/strapi';
import type { ApprovalActor, ChainStep } from '../../domain/approval';
import { REQUEST_ROLE_LABELS, type ApprovalUnit, type Decision } from '../../domain/approval-vocabulary';

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
  /** What the decision carried, for subjects whose approval names an outcome (src/services/approval/subjects.ts). */
  outcome: Record<string, unknown> | null;
}

export async function loadDecisions(strapi: Core.Strapi, subject: string, subjectDocumentId: string): Promise<DecisionRow[]> {
  return (await strapi.db.query(DECISION as never).findMany({
    where: { subject, subjectDocumentId },
    orderBy: [{ round: 'asc' }, { step: 'asc' }],
  })) as DecisionRow[];
}

const OFFICE = 'api::office.office';

/** The offices' names by kind, as the office content says (admins rename offices there). */
export async function officeNames(strapi: Core.Strapi): Promise<Map<string, string>> {
  const rows = (await strapi.db.query(OFFICE as never).findMany({ select: ['kind', 'name'] })) as Array<{ kind: string; name: string }>;
  return new Map(rows.map((row) => [row.kind, row.name]));
}

/** The name recorded with a decision: the department's or office's own name, else the role's. */
export function unitName(
  step: { unit: ApprovalUnit; offices?: readonly string[] },
  names: ReadonlyMap<string, string>,
  parties: { departmentName?: string | null; sourceOffice?: string | null },
): string {
  switch (step.unit) {
    case 'department':
      return parties.departmentName || REQUEST_ROLE_LABELS.department;
    case 'source-office':
      return (parties.sourceOffice && names.get(parties.sourceOffice)) || REQUEST_ROLE_LABELS['source-office'];
    case 'student':
      return REQUEST_ROLE_LABELS.student;
    case 'offices':
      return (step.offices ?? []).map((office) => names.get(office) ?? office).join('、') || REQUEST_ROLE_LABELS.offices;
    default:
      return names.get(step.unit) ?? step.unit;
  }
}

interface Recordable {
  id: number;
  documentId: string;
  departmentId: number | null;
  departmentName?: string | null;
  sourceOffice?: string | null;
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
  outcome: Record<string, unknown> | null = null,
): Promise<void> {
  const decided = step ?? { unit: decision.unit };
  // The offices' names are read only for a step an office decides (not the department's or the student's).
  const names = decided.unit === 'department' || decided.unit === 'student' ? new Map<string, string>() : await officeNames(strapi);
  const unit = unitName(decided, names, row);
  await strapi.db.query(DECISION as never).create({
    data: {
      ...(subject.decisionLink ? { [subject.decisionLink]: row.id } : {}),
      subject: subject.name,
      subjectDocumentId: row.documentId,
      round: decision.round,
      step: decision.step,
      stepLabel: step?.label ?? null,
      unit: decision.unit,
      unitName: unit.slice(0, 50),
      outcome,
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
