/**
 * The student status machine (domain.md 2): which workflow moves a student from which status to
 * which. Status changes are one kind of workflow; registration, graduation and deregistration are
 * the others. Checked at start-up: every status reachable, no dead end that is not meant as one.
 */
import { STUDENT_STATUSES, type StudentStatus } from './constants';
import { CHANGE_TYPES, type ChangeType } from './status-change';

export const OTHER_WORKFLOWS = ['admission', 'registration', 'graduation', 'completion', 'leaving', 'deregistration'] as const;
export type Workflow = ChangeType | (typeof OTHER_WORKFLOWS)[number];

export interface StatusMachine {
  /** Workflows that create a student, and the status the student starts in. */
  entries: Partial<Record<Workflow, StudentStatus>>;
  /** from status -> workflow -> to status. */
  transitions: Record<StudentStatus, Partial<Record<Workflow, StudentStatus>>>;
  /** Statuses meant to end a record: nothing leaves them. */
  terminal: readonly StudentStatus[];
}

const LEAVING_ANY_TIME = { withdrawal: 'withdrawn', cancellation: 'cancelled', deregistration: 'deregistered' } as const;

export const STATUS_MACHINE: StatusMachine = {
  entries: { admission: 'admitted', 'transfer-in': 'active' },
  transitions: {
    admitted: { registration: 'active', ...LEAVING_ANY_TIME },
    active: {
      'change-of-major': 'active',
      suspension: 'suspended',
      'transfer-out': 'transferred-out',
      graduation: 'graduated',
      completion: 'completed',
      leaving: 'left',
      ...LEAVING_ANY_TIME,
    },
    suspended: { resumption: 'active', 'transfer-out': 'transferred-out', ...LEAVING_ANY_TIME },
    cancelled: { reinstatement: 'active', deregistration: 'deregistered' },
    withdrawn: {},
    'transferred-out': {},
    graduated: {},
    completed: {},
    left: {},
    deregistered: {},
  },
  terminal: ['withdrawn', 'transferred-out', 'graduated', 'completed', 'left', 'deregistered'],
};

/** The status `workflow` moves a student in `from` to, or null when it may not. */
export function nextStatus(from: StudentStatus, workflow: Workflow, machine: StatusMachine = STATUS_MACHINE): StudentStatus | null {
  return machine.transitions[from]?.[workflow] ?? null;
}

/** The statuses from which `workflow` may start. */
export function statusesAllowing(workflow: Workflow, machine: StatusMachine = STATUS_MACHINE): StudentStatus[] {
  return STUDENT_STATUSES.filter((status) => nextStatus(status, workflow, machine) !== null);
}

/** What is wrong with a machine: unreachable statuses, dead ends, unused change types. */
export function statusMachineProblems(machine: StatusMachine): string[] {
  const problems: string[] = [];
  const reached = new Set<StudentStatus>(Object.values(machine.entries));
  const queue = [...reached];
  while (queue.length > 0) {
    const from = queue.shift() as StudentStatus;
    for (const to of Object.values(machine.transitions[from] ?? {})) {
      if (to && !reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  for (const status of STUDENT_STATUSES) {
    const outgoing = Object.keys(machine.transitions[status] ?? {}).length;
    const terminal = machine.terminal.includes(status);
    if (!reached.has(status)) problems.push(`status ${status} is unreachable`);
    if (!terminal && outgoing === 0) problems.push(`status ${status} is a dead end`);
    if (terminal && outgoing > 0) problems.push(`terminal status ${status} has outgoing transitions`);
  }
  const used = new Set<string>([
    ...Object.keys(machine.entries),
    ...Object.values(machine.transitions).flatMap((byWorkflow) => Object.keys(byWorkflow)),
  ]);
  for (const type of CHANGE_TYPES) if (!used.has(type)) problems.push(`change type ${type} moves no student`);
  return problems;
}

/** Throws at start-up when the machine has problems. */
export function assertStatusMachine(machine: StatusMachine = STATUS_MACHINE): void {
  const problems = statusMachineProblems(machine);
  if (problems.length > 0) throw new Error(`student status machine is invalid: ${problems.join('; ')}`);
}
