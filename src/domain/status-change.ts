import type { ApprovalUnit } from './approval-vocabulary';

/** Vocabulary of status changes (学籍异动, domain.md 3): every tuple is the source of its type. */
export const CHANGE_TYPES = [
  'change-of-major',
  'suspension',
  'resumption',
  'transfer-out',
  'transfer-in',
  'withdrawal',
  'cancellation',
  'reinstatement',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Chinese names, for messages and notifications. */
export const CHANGE_TYPE_LABELS: Readonly<Record<ChangeType, string>> = {
  'change-of-major': '转专业',
  suspension: '休学',
  resumption: '复学',
  'transfer-out': '转学（转出）',
  'transfer-in': '转学（转入）',
  withdrawal: '退学',
  cancellation: '取消学籍',
  reinstatement: '恢复学籍',
};

export const TIERS = ['general', 'important', 'special'] as const;
export type Tier = (typeof TIERS)[number];

// The engine's vocabulary, re-exported for the status-change code that has always read it here.
export {
  APPROVAL_UNITS,
  DECISIONS,
  EDITABLE_STATES,
  FINAL_STATES,
  OPEN_STATES,
  REQUEST_STATE_LABELS,
  REQUEST_STATES,
  WORKFLOW_ACTIONS,
  type ApprovalUnit,
  type Decision,
  type RequestState,
  type WorkflowAction,
} from './approval-vocabulary';

export const SUSPENSION_CAUSES = ['illness', 'personal'] as const;
export type SuspensionCause = (typeof SUSPENSION_CAUSES)[number];

export const WITHDRAWAL_KINDS = ['voluntary', 'disciplinary'] as const;
export type WithdrawalKind = (typeof WITHDRAWAL_KINDS)[number];

/** Each type's tier before escalation (domain.md 3). */
export const DEFAULT_TIERS: Readonly<Record<ChangeType, Tier>> = {
  'change-of-major': 'general',
  suspension: 'general',
  resumption: 'important',
  'transfer-out': 'important',
  'transfer-in': 'important',
  withdrawal: 'important',
  cancellation: 'special',
  reinstatement: 'special',
};

/** The default chains of domain.md 3 (001, 二(二)2); admins edit them as content. */
export const DEFAULT_CHAINS: Readonly<Record<Tier, { name: string; steps: Array<{ unit: ApprovalUnit; deadlineDays: number; label: string }> }>> = {
  general: {
    name: '一般异动审批',
    steps: [
      { unit: 'department', deadlineDays: 3, label: '系部提出意见' },
      { unit: 'academic-affairs', deadlineDays: 5, label: '教务处审批' },
    ],
  },
  important: {
    name: '重要异动审批',
    steps: [
      { unit: 'department', deadlineDays: 3, label: '系部提出意见' },
      { unit: 'academic-affairs', deadlineDays: 5, label: '教务处审核' },
      { unit: 'student-affairs', deadlineDays: 5, label: '学生处审核' },
      { unit: 'leadership', deadlineDays: 5, label: '校领导审批' },
    ],
  },
  special: {
    name: '特殊异动审批',
    steps: [
      { unit: 'academic-affairs', deadlineDays: 5, label: '教务处汇总' },
      { unit: 'leadership-meeting', deadlineDays: 10, label: '校领导会议决定' },
    ],
  },
};

/** The student fields only approved changes (and registration, graduation) may move. */
export const WORKFLOW_OWNED_STUDENT_FIELDS = ['status', 'major', 'schoolClass', 'studentNumber', 'department', 'suspensionStart', 'suspensionEnd', 'numberRetiredAt'] as const;
