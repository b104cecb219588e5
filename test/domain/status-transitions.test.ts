/** The student status machine as data (domain.md 2), checked at start-up. */
import type { StudentStatus } from '../../src/domain/constants';
import {
  STATUS_MACHINE,
  assertStatusMachine,
  nextStatus,
  statusMachineProblems,
  statusesAllowing,
  type StatusMachine,
  type Workflow,
} from '../../src/domain/status-transitions';

/** A deep copy of the shipped machine, so a test may break it without touching the original. */
const copyOfMachine = (): StatusMachine => structuredClone(STATUS_MACHINE) as StatusMachine;

describe('the shipped STATUS_MACHINE', () => {
  test('has no problems', () => {
    expect(statusMachineProblems(STATUS_MACHINE)).toEqual([]);
  });

  test('passes assertStatusMachine', () => {
    expect(() => assertStatusMachine()).not.toThrow();
  });
});

describe('nextStatus', () => {
  test.each([
    ['suspension', 'active', 'suspension', 'suspended'],
    ['suspension of a suspended student', 'suspended', 'suspension', null],
    ['resumption', 'suspended', 'resumption', 'active'],
    ['resumption of an active student', 'active', 'resumption', null],
    ['transfer out while active', 'active', 'transfer-out', 'transferred-out'],
    ['transfer out while suspended', 'suspended', 'transfer-out', 'transferred-out'],
    ['transfer out of a new student', 'admitted', 'transfer-out', null],
    ['change of major keeps the student active', 'active', 'change-of-major', 'active'],
    ['change of major while suspended', 'suspended', 'change-of-major', null],
    ['registration of a new student', 'admitted', 'registration', 'active'],
    ['withdrawal while active', 'active', 'withdrawal', 'withdrawn'],
    ['withdrawal from withdrawn', 'withdrawn', 'withdrawal', null],
    ['withdrawal from transferred-out', 'transferred-out', 'withdrawal', null],
    ['withdrawal from graduated', 'graduated', 'withdrawal', null],
    ['withdrawal from completed', 'completed', 'withdrawal', null],
    ['withdrawal from left', 'left', 'withdrawal', null],
    ['withdrawal from deregistered', 'deregistered', 'withdrawal', null],
    ['cancellation of a new student', 'admitted', 'cancellation', 'cancelled'],
    ['reinstatement', 'cancelled', 'reinstatement', 'active'],
    ['reinstatement of an active student', 'active', 'reinstatement', null],
    ['reinstatement of a withdrawn student', 'withdrawn', 'reinstatement', null],
    ['graduation', 'active', 'graduation', 'graduated'],
    ['graduation while suspended', 'suspended', 'graduation', null],
  ] as Array<[string, StudentStatus, Workflow, StudentStatus | null]>)('%s: %s --%s--> %s', (_name, from, workflow, expected) => {
    expect(nextStatus(from, workflow)).toBe(expected);
  });

  test('transfer-in is an entry to active, not a move of an existing student', () => {
    expect(STATUS_MACHINE.entries['transfer-in']).toBe('active');
    expect(statusesAllowing('transfer-in')).toEqual([]);
  });
});

describe('statusMachineProblems', () => {
  test('finds a status no workflow reaches', () => {
    // Given: nothing leads to completed any more
    const machine = copyOfMachine();
    delete machine.transitions.active.completion;
    // Then
    expect(statusMachineProblems(machine)).toEqual(['status completed is unreachable']);
  });

  test('finds a status that is not terminal but cannot be left', () => {
    // Given: withdrawn is no longer declared terminal
    const machine = copyOfMachine();
    machine.terminal = machine.terminal.filter((status) => status !== 'withdrawn');
    // Then
    expect(statusMachineProblems(machine)).toEqual(['status withdrawn is a dead end']);
  });

  test('finds a terminal status with outgoing transitions', () => {
    // Given: a graduate could be reinstated
    const machine = copyOfMachine();
    machine.transitions.graduated = { reinstatement: 'active' };
    // Then
    expect(statusMachineProblems(machine)).toEqual(['terminal status graduated has outgoing transitions']);
  });

  test('finds a change type that moves no student', () => {
    // Given: change of major is gone from the table
    const machine = copyOfMachine();
    delete machine.transitions.active['change-of-major'];
    // Then
    expect(statusMachineProblems(machine)).toEqual(['change type change-of-major moves no student']);
  });

  test('an entry counts as a use of its change type', () => {
    // Given: transfer-in is no longer an entry
    const machine = copyOfMachine();
    delete machine.entries['transfer-in'];
    // Then
    expect(statusMachineProblems(machine)).toEqual(['change type transfer-in moves no student']);
  });
});

describe('assertStatusMachine', () => {
  test('throws on a broken machine, naming the problem', () => {
    // Given
    const machine = copyOfMachine();
    delete machine.transitions.suspended.resumption;
    // When / Then
    expect(() => assertStatusMachine(machine)).toThrow('change type resumption moves no student');
  });
});
