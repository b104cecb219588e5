/** A subject's stored request as the engine reads it: the workflow columns every subject's table has. */
import type { ChainStep } from '../../domain/approval';
import type { SubjectRow } from './engine';

export type RawRequest = Record<string, any>;

export interface StoredRequestRow extends SubjectRow {
  departmentName: string | null;
  raw: RawRequest;
}

/** Read with the request's `student` (and login), `department`, `chainSteps` and `currentStepDue`. */
export function storedRequestRow(raw: RawRequest): StoredRequestRow {
  return {
    id: raw.id,
    documentId: raw.documentId,
    state: raw.state,
    round: raw.round ?? 0,
    currentStep: raw.currentStep ?? null,
    departmentId: raw.department?.id ?? raw.departmentScope ?? null,
    departmentName: raw.department?.name ?? null,
    subjectUserId: raw.student?.user?.id ?? null,
    due: raw.currentStepDue ?? null,
    steps: Array.isArray(raw.chainSteps) ? (raw.chainSteps as ChainStep[]) : [],
    raw,
  };
}
