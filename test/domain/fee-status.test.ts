/** The amount a fee status may carry (src/domain/fee-status.ts): one rule for the hand-written door and the import. */
import fc from 'fast-check';
import { feeAmountProblem, feeScopeReaches, isFeeStatus } from '../../src/domain/fee-status';
import type { Scope } from '../../src/domain/scope';

describe('the amount a status carries', () => {
  test.each([
    ['owing', 1200.5, null],
    ['owing', 0.01, null],
    ['owing', null, '缴费状态为欠费时，须填写大于 0 的欠费金额'],
    ['owing', 0, '缴费状态为欠费时，须填写大于 0 的欠费金额'],
    ['paid', null, null],
    ['paid', 0, null],
    ['paid', 300, '缴费状态为已缴费时，欠费金额须为空或 0'],
    ['aid', null, null],
    ['aid', 0, null],
    ['aid', 2500, null],
    ['aid', -1, '欠费金额须在 0 至 99999999.99 之间'],
    ['owing', 1e8, '欠费金额须在 0 至 99999999.99 之间'],
    ['owing', 10.005, '欠费金额最多两位小数'],
    ['aid', Number.NaN, '欠费金额须在 0 至 99999999.99 之间'],
  ] as const)('%s with %p: %p', (status, amount, problem) => {
    expect(feeAmountProblem(status, amount)).toBe(problem);
  });

  test('a negative amount is refused whatever the status', () => {
    fc.assert(
      fc.property(fc.constantFrom('paid' as const, 'aid' as const, 'owing' as const), fc.double({ max: -0.01, noNaN: true }), (status, amount) => feeAmountProblem(status, amount) !== null),
    );
  });

  test.each([
    ['paid', true],
    ['aid', true],
    ['owing', true],
    ['已缴费', false],
    ['PAID', false],
    [null, false],
  ])('%p is a stored status: %p', (value, expected) => {
    expect(isFeeStatus(value)).toBe(expected);
  });
});

describe('whose fee statuses a writer reaches', () => {
  const staff = (departmentIds: number[], offices: string[]) => ({ departmentIds, offices });
  test.each<[string, Scope, number | null, boolean]>([
    ['a finance member (whose own scope reaches no students), any department', { kind: 'none', staff: staff([], ['finance']) }, 7, true],
    ['academic affairs, any department', { kind: 'all', staff: staff([], ['academic-affairs']) }, 7, true],
    ['a super admin or the system', { kind: 'all' }, 7, true],
    ['a department member, their own department', { kind: 'departments', departmentIds: [7], staff: staff([7], []) }, 7, true],
    ['a department member, another department', { kind: 'departments', departmentIds: [7], staff: staff([7], []) }, 8, false],
    ['a department member, a student without a department', { kind: 'departments', departmentIds: [7], staff: staff([7], []) }, null, false],
    ['the archive office (whole school for students, not for fees)', { kind: 'all', staff: staff([], ['archive']) }, 7, false],
    ['a student', { kind: 'self', userId: 3 }, 7, false],
  ])('%s', (_label, scope, departmentId, expected) => {
    expect(feeScopeReaches(scope, departmentId)).toBe(expected);
  });
});
