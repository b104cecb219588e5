/** A request's tier (domain.md 3): the type's default, escalated by rules kept as data. */
import type { ChangeType, Tier } from '../../src/domain/status-change';
import { DEFAULT_STATUS_CHANGE_SETTINGS } from '../../src/domain/status-change-settings';
import { tierOf, type TierFacts } from '../../src/domain/tier';

/** Facts of a `type` request that trigger no escalation. */
const tierFacts = (type: ChangeType, overrides: Partial<TierFacts> = {}): TierFacts => ({
  type,
  targetMajorPopular: false,
  suspensionCause: null,
  suspensionStart: null,
  suspensionEnd: null,
  receivingProvince: null,
  withdrawalKind: null,
  ...overrides,
});

const suspensionOf = (end: string): Partial<TierFacts> => ({ suspensionCause: 'illness', suspensionStart: '2026-03-01', suspensionEnd: end });

describe('tierOf', () => {
  test.each<[ChangeType, Tier]>([
    ['change-of-major', 'general'],
    ['suspension', 'general'],
    ['resumption', 'important'],
    ['transfer-out', 'important'],
    ['transfer-in', 'important'],
    ['withdrawal', 'important'],
    ['cancellation', 'special'],
    ['reinstatement', 'special'],
  ])('a %s request is %s by default, with no reason given', (type, tier) => {
    expect(tierOf(tierFacts(type), DEFAULT_STATUS_CHANGE_SETTINGS)).toEqual({ tier, because: [] });
  });

  test.each<[string, ChangeType, Partial<TierFacts>, Tier, string[]]>([
    ['a change to a popular major is important', 'change-of-major', { targetMajorPopular: true }, 'important', ['转入热门专业']],
    ['a suspension of 6 months stays general', 'suspension', suspensionOf('2026-09-01'), 'general', []],
    ['a suspension of 7 months is important', 'suspension', suspensionOf('2026-09-02'), 'important', ['休学超过规定月数']],
    ['a suspension without dates stays general', 'suspension', { suspensionCause: 'illness' }, 'general', []],
    ['a transfer to another province is special', 'transfer-out', { receivingProvince: '广东省' }, 'special', ['跨省转学']],
    ['a transfer within 湖南省 stays important', 'transfer-out', { receivingProvince: '湖南省' }, 'important', []],
    ['a transfer within 湖南省, written with spaces, stays important', 'transfer-out', { receivingProvince: ' 湖南省 ' }, 'important', []],
    ['a transfer with no province yet stays important', 'transfer-out', { receivingProvince: '' }, 'important', []],
    ['a disciplinary withdrawal is special', 'withdrawal', { withdrawalKind: 'disciplinary' }, 'special', ['处分退学']],
    ['a voluntary withdrawal stays important', 'withdrawal', { withdrawalKind: 'voluntary' }, 'important', []],
    ['a rule of another type does not apply', 'resumption', { targetMajorPopular: true, withdrawalKind: 'disciplinary' }, 'important', []],
  ])('%s', (_name, type, overrides, tier, because) => {
    expect(tierOf(tierFacts(type, overrides), DEFAULT_STATUS_CHANGE_SETTINGS)).toEqual({ tier, because });
  });

  test.each<[number, string, Tier]>([
    [3, '2026-06-01', 'general'],
    [3, '2026-06-02', 'important'],
    [9, '2026-12-01', 'general'],
    [9, '2026-12-02', 'important'],
  ])('with importantSuspensionOverMonths %i, a suspension from 2026-03-01 to %s is %s', (over, end, tier) => {
    // Given a school that sets its own limit
    const settings = { ...DEFAULT_STATUS_CHANGE_SETTINGS, importantSuspensionOverMonths: over };
    // Then
    expect(tierOf(tierFacts('suspension', suspensionOf(end)), settings).tier).toBe(tier);
  });

  test('the school province is a setting', () => {
    // Given a school in 广东省
    const settings = { ...DEFAULT_STATUS_CHANGE_SETTINGS, schoolProvince: '广东省' };
    // Then a transfer within 广东省 is not cross-province, one to 湖南省 is
    expect(tierOf(tierFacts('transfer-out', { receivingProvince: '广东省' }), settings).tier).toBe('important');
    expect(tierOf(tierFacts('transfer-out', { receivingProvince: '湖南省' }), settings).tier).toBe('special');
  });
});
