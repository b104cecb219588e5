/** Who may apply for which status change (domain.md 3): one table of rules per type. */
import { eligibilityViolations, type EligibilityFacts } from '../../src/domain/eligibility';
import { composeNationalId } from '../../src/domain/national-id';
import { CHANGE_TYPES, type ChangeType } from '../../src/domain/status-change';
import { DEFAULT_STATUS_CHANGE_SETTINGS, type StatusChangeSettings } from '../../src/domain/status-change-settings';

type Student = NonNullable<EligibilityFacts['student']>;
type History = EligibilityFacts['history'];
type RequestFacts = EligibilityFacts['request'];

interface Overrides {
  today?: string;
  student?: Partial<Student> | null;
  history?: Partial<History>;
  request?: Partial<RequestFacts>;
}

const VALID_NATIONAL_ID = composeNationalId('430102', '20080315', 12);
const WRONG_CHECK_CHARACTER = VALID_NATIONAL_ID.slice(0, 17) + (VALID_NATIONAL_ID[17] === '0' ? '1' : '0');

/** A first-year student of major 1, enrolled 2025-09-01. */
const FIRST_YEAR: Student = { status: 'active', enrollmentYear: 2025, majorId: 1, classEnrollmentYear: 2025 };
const NO_HISTORY: History = { suspensions: [], majorChanges: 0, lastSuspensionCause: null };
const EMPTY_REQUEST: RequestFacts = {
  reason: null,
  studentSigned: false,
  guardianSigned: false,
  documentCount: 0,
  targetMajor: null,
  targetClass: null,
  failedCourses: null,
  averageScore: null,
  majorRankPercent: null,
  suspensionCause: null,
  suspensionStart: null,
  suspensionEnd: null,
  receivingSchool: null,
  receivingProvince: null,
  provincialApproval: null,
  withdrawalKind: null,
  investigationRecord: null,
  noticeRecord: null,
  hearingRecord: null,
  registeredMailNumber: null,
  incomingName: null,
  incomingNationalId: null,
  incomingNationalIdOnRecord: false,
  incomingPreviousSchool: null,
};
const SIGNED_WITH_REASON: Partial<RequestFacts> = { reason: '本人申请', studentSigned: true, guardianSigned: true, documentCount: 1 };

/** Each type's fully eligible facts under the default settings, on 2026-04-15 (inside the change-of-major window). */
const BASELINES: Record<ChangeType, { student: Student | null; history?: Partial<History>; request: Partial<RequestFacts> }> = {
  'change-of-major': {
    student: FIRST_YEAR,
    request: {
      targetMajor: { id: 2, popular: false, restricted: false },
      targetClass: { id: 20, majorId: 2, enrollmentYear: 2025 },
      failedCourses: 0,
      averageScore: 85,
      majorRankPercent: 10,
    },
  },
  suspension: {
    student: FIRST_YEAR,
    request: { suspensionCause: 'illness', suspensionStart: '2026-04-20', suspensionEnd: '2026-10-20' },
  },
  resumption: {
    student: { ...FIRST_YEAR, status: 'suspended' },
    history: { suspensions: [{ cause: 'illness', months: 6 }], lastSuspensionCause: 'illness' },
    request: { targetClass: { id: 10, majorId: 1, enrollmentYear: 2025 } },
  },
  'transfer-out': {
    student: FIRST_YEAR,
    request: { receivingSchool: '长沙职业技术学院', receivingProvince: '湖南省', provincialApproval: '湘教学籍〔2026〕12号' },
  },
  'transfer-in': {
    student: null,
    request: {
      incomingName: '李明',
      incomingNationalId: VALID_NATIONAL_ID,
      incomingPreviousSchool: '衡阳市职业中专',
      targetClass: { id: 20, majorId: 2, enrollmentYear: 2025 },
    },
  },
  withdrawal: { student: FIRST_YEAR, request: { withdrawalKind: 'voluntary' } },
  cancellation: { student: { ...FIRST_YEAR, status: 'admitted' }, request: {} },
  reinstatement: { student: { ...FIRST_YEAR, status: 'cancelled' }, request: {} },
};

/** Fully eligible facts for `type`, with `overrides` changing what a test is about. */
function facts(type: ChangeType, overrides: Overrides = {}): EligibilityFacts {
  const baseline = BASELINES[type];
  const student =
    overrides.student === undefined ? baseline.student : overrides.student === null ? null : { ...(baseline.student ?? FIRST_YEAR), ...overrides.student };
  return {
    type,
    today: overrides.today ?? '2026-04-15',
    student,
    history: { ...NO_HISTORY, ...baseline.history, ...overrides.history },
    request: { ...EMPTY_REQUEST, ...SIGNED_WITH_REASON, ...baseline.request, ...overrides.request },
  };
}

const settings = (changes: Partial<StatusChangeSettings> = {}): StatusChangeSettings => ({ ...DEFAULT_STATUS_CHANGE_SETTINGS, ...changes });

/** The fields named by the violations of `type` with `overrides`, under `changes` to the settings. */
const violatedFields = (type: ChangeType, overrides: Overrides, changes: Partial<StatusChangeSettings> = {}) =>
  eligibilityViolations(facts(type, overrides), settings(changes)).map((v) => v.field);

type RefusalRow = [string, Overrides, string];
type AcceptedRow = [string, Overrides];

describe('eligible baselines', () => {
  test.each(CHANGE_TYPES.map((type) => [type]))('a %s request with every fact in order has no violation', (type) => {
    expect(eligibilityViolations(facts(type), DEFAULT_STATUS_CHANGE_SETTINGS)).toEqual([]);
  });

  test('every violation carries a message', () => {
    const violations = eligibilityViolations(facts('withdrawal', { request: { withdrawalKind: null, reason: null } }), DEFAULT_STATUS_CHANGE_SETTINGS);
    expect(violations.length).toBeGreaterThan(0);
    for (const violation of violations) expect(violation.message).not.toBe('');
  });
});

describe('change of major', () => {
  test.each<RefusalRow>([
    ['a second-year student', { student: { enrollmentYear: 2024 } }, 'student'],
    ['a request after the yearly window', { today: '2026-07-01' }, 'type'],
    ['a request before the yearly window', { today: '2026-02-28' }, 'type'],
    ['a student with a failed course', { request: { failedCourses: 1 } }, 'failedCourses'],
    ['failed courses not yet filled in', { request: { failedCourses: null } }, 'failedCourses'],
    ['average 79 and rank 31%', { request: { averageScore: 79, majorRankPercent: 31 } }, 'averageScore'],
    ['average 79 and no rank', { request: { averageScore: 79, majorRankPercent: null } }, 'averageScore'],
    ['neither average nor rank filled in', { request: { averageScore: null, majorRankPercent: null } }, 'averageScore'],
    ['a restricted target major', { request: { targetMajor: { id: 2, popular: false, restricted: true } } }, 'targetMajor'],
    ['no target major', { request: { targetMajor: null } }, 'targetMajor'],
    ['the current major as target', { request: { targetMajor: { id: 1, popular: false, restricted: false }, targetClass: { id: 10, majorId: 1, enrollmentYear: 2025 } } }, 'targetMajor'],
    ['a target class of another major', { request: { targetClass: { id: 30, majorId: 3, enrollmentYear: 2025 } } }, 'targetClass'],
    ['no target class', { request: { targetClass: null } }, 'targetClass'],
    ['a student who changed major once already', { history: { majorChanges: 1 } }, 'student'],
    ['no student signature', { request: { studentSigned: false } }, 'studentSigned'],
    ['no guardian signature', { request: { guardianSigned: false } }, 'guardianSigned'],
    ['no reason', { request: { reason: null } }, 'reason'],
    ['a blank reason', { request: { reason: '   ' } }, 'reason'],
    ['a suspended student', { student: { status: 'suspended' } }, 'student'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('change-of-major', overrides)).toEqual([field]);
  });

  test.each<AcceptedRow>([
    ['average 80 alone', { request: { averageScore: 80, majorRankPercent: null } }],
    ['rank 30% alone', { request: { averageScore: null, majorRankPercent: 30 } }],
    ['average 79 but rank 30%', { request: { averageScore: 79, majorRankPercent: 30 } }],
    ['average 80 but rank 31%', { request: { averageScore: 80, majorRankPercent: 31 } }],
    ['the first day of the window', { today: '2026-03-01' }],
    ['the last day of the window', { today: '2026-06-30' }],
    ['a popular target major (a matter of tier, not eligibility)', { request: { targetMajor: { id: 2, popular: true, restricted: false } } }],
  ])('accepted: %s', (_name, overrides) => {
    expect(violatedFields('change-of-major', overrides)).toEqual([]);
  });
});

describe('suspension', () => {
  test.each<RefusalRow>([
    ['illness for 13 months', { request: { suspensionCause: 'illness', suspensionEnd: '2027-04-21' } }, 'suspensionEnd'],
    ['personal affairs for 7 months', { request: { suspensionCause: 'personal', suspensionEnd: '2026-11-21' } }, 'suspensionEnd'],
    ['a third suspension', { history: { suspensions: [{ cause: 'illness', months: 3 }, { cause: 'personal', months: 3 }] } }, 'student'],
    ['an end before the start', { request: { suspensionEnd: '2026-04-19' } }, 'suspensionEnd'],
    ['an end on the start day', { request: { suspensionEnd: '2026-04-20' } }, 'suspensionEnd'],
    ['no start date', { request: { suspensionStart: null } }, 'suspensionStart'],
    ['no end date', { request: { suspensionEnd: null } }, 'suspensionEnd'],
    ['an impossible end date', { request: { suspensionEnd: '2026-02-30' } }, 'suspensionEnd'],
    ['no cause', { request: { suspensionCause: null } }, 'suspensionCause'],
    ['no supporting document', { request: { documentCount: 0 } }, 'documents'],
    ['a student suspended already', { student: { status: 'suspended' } }, 'student'],
    ['a new student not yet registered', { student: { status: 'admitted' } }, 'student'],
    ['no student signature', { request: { studentSigned: false } }, 'studentSigned'],
    ['no guardian signature', { request: { guardianSigned: false } }, 'guardianSigned'],
    ['no reason', { request: { reason: null } }, 'reason'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('suspension', overrides)).toEqual([field]);
  });

  test.each<AcceptedRow>([
    ['illness for 12 months', { request: { suspensionCause: 'illness', suspensionEnd: '2027-04-20' } }],
    ['personal affairs for 6 months', { request: { suspensionCause: 'personal', suspensionEnd: '2026-10-20' } }],
    ['a second suspension, 12 + 12 = 24 months in total', { history: { suspensions: [{ cause: 'illness', months: 12 }] }, request: { suspensionEnd: '2027-04-20' } }],
  ])('accepted: %s', (_name, overrides) => {
    expect(violatedFields('suspension', overrides)).toEqual([]);
  });

  test('more than 24 months in total is refused even when more suspensions are allowed', () => {
    // Given: a school allowing 3 suspensions, a student with 12 + 12 months behind them
    const history = { suspensions: [{ cause: 'illness' as const, months: 12 }, { cause: 'illness' as const, months: 12 }] };
    // When: they ask for one more month
    const fields = violatedFields('suspension', { history, request: { suspensionEnd: '2026-05-20' } }, { maxSuspensions: 3 });
    // Then
    expect(fields).toEqual(['suspensionEnd']);
  });
});

describe('resumption', () => {
  test.each<RefusalRow>([
    ['an active student', { student: { status: 'active' } }, 'student'],
    ['a withdrawn student', { student: { status: 'withdrawn' } }, 'student'],
    ['after illness without a health certificate', { history: { lastSuspensionCause: 'illness' }, request: { documentCount: 0 } }, 'documents'],
    ['into a class of another major', { request: { targetClass: { id: 30, majorId: 3, enrollmentYear: 2025 } } }, 'targetClass'],
    ['into a class of an earlier cohort', { request: { targetClass: { id: 9, majorId: 1, enrollmentYear: 2024 } } }, 'targetClass'],
    ['no student signature', { request: { studentSigned: false } }, 'studentSigned'],
    ['no guardian signature', { request: { guardianSigned: false } }, 'guardianSigned'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('resumption', overrides)).toEqual([field]);
  });

  test.each<AcceptedRow>([
    ['after personal affairs without documents', { history: { lastSuspensionCause: 'personal', suspensions: [{ cause: 'personal', months: 6 }] }, request: { documentCount: 0 } }],
    ['into the next cohort', { request: { targetClass: { id: 12, majorId: 1, enrollmentYear: 2026 } } }],
    ['into the own cohort', { request: { targetClass: { id: 10, majorId: 1, enrollmentYear: 2025 } } }],
  ])('accepted: %s', (_name, overrides) => {
    expect(violatedFields('resumption', overrides)).toEqual([]);
  });
});

describe('transfer out', () => {
  test.each<RefusalRow>([
    ['13 months after enrolment', { today: '2026-10-01' }, 'student'],
    ['12 months and a day after enrolment', { today: '2026-09-02' }, 'student'],
    ['no receiving school', { request: { receivingSchool: null } }, 'receivingSchool'],
    ['no receiving province', { request: { receivingProvince: ' ' } }, 'receivingProvince'],
    ['no provincial approval', { request: { provincialApproval: null } }, 'provincialApproval'],
    ['no reason', { request: { reason: null } }, 'reason'],
    ['no student signature', { request: { studentSigned: false } }, 'studentSigned'],
    ['a new student not yet registered', { student: { status: 'admitted' } }, 'student'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('transfer-out', overrides)).toEqual([field]);
  });

  test.each<AcceptedRow>([
    ['exactly 12 months after enrolment', { today: '2026-09-01' }],
    ['a suspended student', { student: { status: 'suspended' } }],
    ['to another province (a matter of tier, not eligibility)', { request: { receivingProvince: '广东省' } }],
  ])('accepted: %s', (_name, overrides) => {
    expect(violatedFields('transfer-out', overrides)).toEqual([]);
  });
});

describe('withdrawal', () => {
  const DISCIPLINARY: Partial<RequestFacts> = {
    withdrawalKind: 'disciplinary',
    studentSigned: false,
    guardianSigned: false,
    investigationRecord: '调查记录 2026-03',
    noticeRecord: '告知书 2026-03-20',
    hearingRecord: '听证记录 2026-03-27',
    registeredMailNumber: 'XA123456789CN',
  };

  test.each<RefusalRow>([
    ['voluntary without student signature', { request: { studentSigned: false } }, 'studentSigned'],
    ['voluntary without guardian signature', { request: { guardianSigned: false } }, 'guardianSigned'],
    ['voluntary without reason', { request: { reason: null } }, 'reason'],
    ['no kind', { request: { withdrawalKind: null } }, 'withdrawalKind'],
    ['disciplinary without investigation record', { request: { ...DISCIPLINARY, investigationRecord: null } }, 'investigationRecord'],
    ['disciplinary without notice record', { request: { ...DISCIPLINARY, noticeRecord: '' } }, 'noticeRecord'],
    ['disciplinary without hearing record', { request: { ...DISCIPLINARY, hearingRecord: null } }, 'hearingRecord'],
    ['disciplinary without registered mail number', { request: { ...DISCIPLINARY, registeredMailNumber: null } }, 'registeredMailNumber'],
    ['disciplinary without reason', { request: { ...DISCIPLINARY, reason: null } }, 'reason'],
    ['a student withdrawn already', { student: { status: 'withdrawn' } }, 'student'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('withdrawal', overrides)).toEqual([field]);
  });

  test.each<AcceptedRow>([
    ['disciplinary with its records and no signatures', { request: DISCIPLINARY }],
    ['voluntary while suspended', { student: { status: 'suspended' } }],
  ])('accepted: %s', (_name, overrides) => {
    expect(violatedFields('withdrawal', overrides)).toEqual([]);
  });
});

describe('transfer in', () => {
  test.each<RefusalRow>([
    ['a national ID with a wrong check character', { request: { incomingNationalId: WRONG_CHECK_CHARACTER } }, 'incomingNationalId'],
    ['a national ID too short', { request: { incomingNationalId: VALID_NATIONAL_ID.slice(0, 17) } }, 'incomingNationalId'],
    ['no national ID', { request: { incomingNationalId: null } }, 'incomingNationalId'],
    ['a national ID already on record', { request: { incomingNationalIdOnRecord: true } }, 'incomingNationalId'],
    ['no name', { request: { incomingName: null } }, 'incomingName'],
    ['no previous school', { request: { incomingPreviousSchool: '' } }, 'incomingPreviousSchool'],
    ['no target class', { request: { targetClass: null } }, 'targetClass'],
    ['no student signature', { request: { studentSigned: false } }, 'studentSigned'],
    ['an existing student', { student: { status: 'active' } }, 'student'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('transfer-in', overrides)).toEqual([field]);
  });

  test('a request without a student (it does not exist yet) is accepted', () => {
    expect(facts('transfer-in').student).toBeNull();
    expect(violatedFields('transfer-in', {})).toEqual([]);
  });
});

describe('cancellation', () => {
  test.each<AcceptedRow>([
    ['a new student not yet registered', { student: { status: 'admitted' } }],
    ['an active student', { student: { status: 'active' } }],
    ['a suspended student', { student: { status: 'suspended' } }],
    ['without signatures (the system proposes it)', { request: { studentSigned: false, guardianSigned: false } }],
  ])('accepted: %s', (_name, overrides) => {
    expect(violatedFields('cancellation', overrides)).toEqual([]);
  });

  test.each<RefusalRow>([
    ['a withdrawn student', { student: { status: 'withdrawn' } }, 'student'],
    ['a cancelled student', { student: { status: 'cancelled' } }, 'student'],
    ['no reason', { request: { reason: null } }, 'reason'],
    ['no student', { student: null }, 'student'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('cancellation', overrides)).toEqual([field]);
  });
});

describe('reinstatement', () => {
  test.each<RefusalRow>([
    ['an active student', { student: { status: 'active' } }, 'student'],
    ['a withdrawn student', { student: { status: 'withdrawn' } }, 'student'],
    ['a suspended student', { student: { status: 'suspended' } }, 'student'],
    ['no reason', { request: { reason: null } }, 'reason'],
    ['no guardian signature', { request: { guardianSigned: false } }, 'guardianSigned'],
  ])('refused: %s (field %s)', (_name, overrides, field) => {
    expect(violatedFields('reinstatement', overrides)).toEqual([field]);
  });
});

describe('thresholds are settings', () => {
  test('an average of 82 that the default accepts is refused when the school asks for 85', () => {
    // Given: average 82, no rank
    const overrides: Overrides = { request: { averageScore: 82, majorRankPercent: null } };
    // Then
    expect(violatedFields('change-of-major', overrides)).toEqual([]);
    expect(violatedFields('change-of-major', overrides, { majorChangeMinAverage: 85 })).toEqual(['averageScore']);
  });

  test.each<[string, ChangeType, Overrides, Partial<StatusChangeSettings>, string[]]>([
    ['a second-year student may change major when not limited to the first year', 'change-of-major', { student: { enrollmentYear: 2024 } }, { majorChangeFirstYearOnly: false }, []],
    ['a second change of major is allowed when two are', 'change-of-major', { history: { majorChanges: 1 } }, { majorChangeMaxTimes: 2 }, []],
    ['a rank of 20% is refused when the top 15% is asked', 'change-of-major', { request: { averageScore: null, majorRankPercent: 20 } }, { majorChangeTopPercent: 15 }, ['averageScore']],
    ['the window follows the setting', 'change-of-major', { today: '2026-04-15' }, { majorChangeWindowStart: '09-01', majorChangeWindowEnd: '10-15' }, ['type']],
    ['a 9-month personal suspension is allowed when the school allows 9', 'suspension', { request: { suspensionCause: 'personal', suspensionEnd: '2027-01-20' } }, { personalSuspensionMaxMonths: 9 }, []],
    ['a 6-month illness suspension is refused when the school allows 3', 'suspension', {}, { illnessSuspensionMaxMonths: 3 }, ['suspensionEnd']],
    ['transfer out after 8 months is refused when the school allows 6', 'transfer-out', {}, { transferOutWithinMonths: 6 }, ['student']],
    ['the enrolment day moves the transfer-out limit', 'transfer-out', { today: '2026-09-15' }, { enrolmentDay: '09-20' }, []],
  ])('%s', (_name, type, overrides, changes, expected) => {
    expect(violatedFields(type, overrides, changes)).toEqual(expected);
  });
});
