/** The transfer's steps as a table, its refusals naming the state, and the retention line (pure). */
import { TRANSFER_STATES, TRANSFER_STEPS, daysBetween, shiftDays, stateRefusal, statesFor } from '../../src/domain/archive-transfer';
import { retentionDue } from '../../src/domain/student-archive';

describe('the steps', () => {
  test.each([
    ['check', ['requested']],
    ['send', ['checked']],
    ['receipt', ['sent']],
    ['cancel', ['requested', 'checked']],
  ] as const)('%s starts from %j only', (action, from) => {
    expect(statesFor(action)).toEqual(from);
  });

  test('received and cancelled are final; every step leads to a known state', () => {
    expect(TRANSFER_STEPS.received).toEqual({});
    expect(TRANSFER_STEPS.cancelled).toEqual({});
    for (const state of TRANSFER_STATES) for (const next of Object.values(TRANSFER_STEPS[state])) expect(TRANSFER_STATES).toContain(next);
  });

  test('a refusal names the state it found and the one the step needs', () => {
    expect(stateRefusal('send', 'requested')).toContain('“已申请”');
    expect(stateRefusal('send', 'requested')).toContain('“已审核”');
    expect(stateRefusal('cancel', 'sent')).toContain('state: sent');
  });
});

describe('days', () => {
  test.each([
    ['2035-12-31', '2036-01-31', 31],
    ['2036-02-28', '2036-03-01', 2],
    ['2036-03-01', '2036-02-28', -2],
  ])('%s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(shiftDays(from, days)).toBe(to);
  });
});

describe('retention', () => {
  test.each([
    ['2034-07-01', '2036-06-30', false],
    ['2034-07-01', '2036-07-01', true],
    ['2034-02-28', '2036-02-28', true],
    [null, '2099-01-01', false],
  ])('graduated %s: due on %s is %s', (graduatedOn, today, due) => {
    expect(retentionDue(graduatedOn, today)).toBe(due);
  });
});
