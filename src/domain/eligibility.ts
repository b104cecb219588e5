/**
 * Who may apply for which status change (domain.md 3), as one rule list per type. Pure: the
 * caller gathers the facts (student, history, request, settings) and gets back every problem,
 * each naming the request field to fix.
 */
import { STUDENT_STATUS_LABELS, type StudentStatus } from './constants';
import { monthsBetween, inYearlyWindow, isIsoDate } from './calendar-months';
import { NATIONAL_ID_MESSAGES, parseNationalId } from './national-id';
import type { ChangeType, SuspensionCause, WithdrawalKind } from './status-change';
import type { StatusChangeSettings } from './status-change-settings';
import { nextStatus, statusesAllowing } from './status-transitions';

export interface MajorFacts {
  id: number;
  popular: boolean;
  restricted: boolean;
}

export interface ClassFacts {
  id: number;
  majorId: number;
  enrollmentYear: number;
}

export interface EligibilityFacts {
  type: ChangeType;
  /** The day the rule is applied, YYYY-MM-DD. */
  today: string;
  /** Null only for transfer-in, where the student does not exist yet. */
  student: { status: StudentStatus; enrollmentYear: number; majorId: number | null; classEnrollmentYear: number | null } | null;
  /** The student's approved changes before this one. */
  history: { suspensions: Array<{ cause: SuspensionCause; months: number }>; majorChanges: number; lastSuspensionCause: SuspensionCause | null };
  request: {
    reason: string | null;
    studentSigned: boolean;
    guardianSigned: boolean;
    documentCount: number;
    targetMajor: MajorFacts | null;
    targetClass: ClassFacts | null;
    failedCourses: number | null;
    averageScore: number | null;
    majorRankPercent: number | null;
    suspensionCause: SuspensionCause | null;
    suspensionStart: string | null;
    suspensionEnd: string | null;
    receivingSchool: string | null;
    receivingProvince: string | null;
    provincialApproval: string | null;
    withdrawalKind: WithdrawalKind | null;
    investigationRecord: string | null;
    noticeRecord: string | null;
    hearingRecord: string | null;
    registeredMailNumber: string | null;
    incomingName: string | null;
    incomingNationalId: string | null;
    /** Whether a student with the incoming national ID is already on record (never admitted twice). */
    incomingNationalIdOnRecord: boolean;
    incomingPreviousSchool: string | null;
  };
}

export interface Violation {
  field: string;
  message: string;
}

type Rule = (facts: EligibilityFacts, settings: StatusChangeSettings) => Violation | Violation[] | null;


const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';
const violation = (field: string, message: string): Violation => ({ field, message });
const required = (field: keyof EligibilityFacts['request'], label: string): Rule => (facts) =>
  blank(facts.request[field] as string | null) ? violation(field, `${label}必填 (${field} is required)`) : null;

/** The day the student enrolled: their enrolment year at the school's enrolment day. */
function enrolledOn(facts: EligibilityFacts, settings: StatusChangeSettings): string {
  return `${facts.student?.enrollmentYear ?? 0}-${settings.enrolmentDay}`;
}

const statusAllows: Rule = (facts) => {
  if (!facts.student) return facts.type === 'transfer-in' ? null : violation('student', '必须指定学生 (student is required)');
  if (nextStatus(facts.student.status, facts.type)) return null;
  const allowed = statusesAllowing(facts.type).map((s) => STUDENT_STATUS_LABELS[s]).join('、');
  return violation('student', `学生当前学籍状态为${STUDENT_STATUS_LABELS[facts.student.status]}，此类异动只适用于：${allowed} (the student's status ${facts.student.status} does not allow ${facts.type})`);
};

const signed = (facts: EligibilityFacts): Violation[] => {
  const problems: Violation[] = [];
  if (!facts.request.studentSigned) problems.push(violation('studentSigned', '需要学生本人签字确认 (studentSigned: the student must sign)'));
  if (!facts.request.guardianSigned) problems.push(violation('guardianSigned', '需要监护人签字确认 (guardianSigned: a guardian must sign)'));
  return problems;
};

const withProof = (label: string, english: string): Rule => (facts) =>
  facts.request.documentCount > 0 ? null : violation('documents', `需要上传${label} (documents: ${english} is required)`);

const requiredReason = required('reason', '异动原因');

const majorChange: Rule[] = [
  (facts, settings) => {
    if (!settings.majorChangeFirstYearOnly || !facts.student) return null;
    return monthsBetween(enrolledOn(facts, settings), facts.today) <= 12 ? null : violation('student', '转专业一般限一年级学生申请 (change of major is for first-year students)');
  },
  (facts, settings) =>
    inYearlyWindow(facts.today, settings.majorChangeWindowStart, settings.majorChangeWindowEnd)
      ? null
      : violation('type', `转专业申请时间为每年 ${settings.majorChangeWindowStart} 至 ${settings.majorChangeWindowEnd} (change of major is open from ${settings.majorChangeWindowStart} to ${settings.majorChangeWindowEnd})`),
  (facts, settings) =>
    facts.history.majorChanges < settings.majorChangeMaxTimes ? null : violation('student', `转专业最多 ${settings.majorChangeMaxTimes} 次 (at most ${settings.majorChangeMaxTimes} change(s) of major)`),
  (facts) => {
    const { failedCourses } = facts.request;
    if (failedCourses === null) return violation('failedCourses', '不及格课程数由教务处填写后才能提交 (failedCourses must be filled in by academic affairs)');
    return failedCourses === 0 ? null : violation('failedCourses', '有不及格课程，不能转专业 (a student with failed courses cannot change major)');
  },
  (facts, settings) => {
    const { averageScore, majorRankPercent } = facts.request;
    if (averageScore === null && majorRankPercent === null) return violation('averageScore', '平均成绩或专业排名由教务处填写后才能提交 (averageScore or majorRankPercent must be filled in)');
    if (averageScore !== null && averageScore >= settings.majorChangeMinAverage) return null;
    if (majorRankPercent !== null && majorRankPercent <= settings.majorChangeTopPercent) return null;
    return violation('averageScore', `平均成绩须不低于 ${settings.majorChangeMinAverage} 分或位列本专业前 ${settings.majorChangeTopPercent}% (average >= ${settings.majorChangeMinAverage} or top ${settings.majorChangeTopPercent}% required)`);
  },
  (facts) => {
    const { targetMajor, targetClass } = facts.request;
    if (!targetMajor) return violation('targetMajor', '目标专业必填 (targetMajor is required)');
    if (targetMajor.restricted) return violation('targetMajor', '目标专业为特殊管理专业，不接受转入 (the target major is restricted)');
    if (targetMajor.id === facts.student?.majorId) return violation('targetMajor', '目标专业与当前专业相同 (the target major is the current one)');
    if (!targetClass) return violation('targetClass', '目标班级必填 (targetClass is required)');
    return targetClass.majorId === targetMajor.id ? null : violation('targetClass', '目标班级不属于目标专业 (the target class is not in the target major)');
  },
];

const suspension: Rule[] = [
  (facts) => (facts.request.suspensionCause ? null : violation('suspensionCause', '休学原因类别必填 (suspensionCause is required)')),
  (facts) => {
    const { suspensionStart, suspensionEnd } = facts.request;
    if (!isIsoDate(suspensionStart)) return violation('suspensionStart', '休学开始日期必填 (suspensionStart is required)');
    if (!isIsoDate(suspensionEnd)) return violation('suspensionEnd', '休学结束日期必填 (suspensionEnd is required)');
    return suspensionEnd > suspensionStart ? null : violation('suspensionEnd', '休学结束日期须晚于开始日期 (suspensionEnd must be after suspensionStart)');
  },
  (facts, settings) => {
    const { suspensionCause, suspensionStart, suspensionEnd } = facts.request;
    if (!suspensionCause || !isIsoDate(suspensionStart) || !isIsoDate(suspensionEnd)) return null;
    const months = monthsBetween(suspensionStart, suspensionEnd);
    const limit = suspensionCause === 'illness' ? settings.illnessSuspensionMaxMonths : settings.personalSuspensionMaxMonths;
    if (months > limit) return violation('suspensionEnd', `${suspensionCause === 'illness' ? '因病' : '因事'}休学每次不超过 ${limit} 个月 (at most ${limit} months)`);
    const previous = facts.history.suspensions;
    if (previous.length >= settings.maxSuspensions) return violation('student', `休学最多 ${settings.maxSuspensions} 次 (at most ${settings.maxSuspensions} suspensions)`);
    const total = previous.reduce((sum, s) => sum + s.months, 0) + months;
    return total <= settings.maxSuspensionMonths ? null : violation('suspensionEnd', `休学累计不超过 ${settings.maxSuspensionMonths} 个月 (at most ${settings.maxSuspensionMonths} months in total)`);
  },
  withProof('证明材料（因病休学须医院证明）', 'a proof (a hospital certificate for illness)'),
];

const resumption: Rule[] = [
  (facts) => (facts.history.lastSuspensionCause === 'illness' && facts.request.documentCount === 0 ? violation('documents', '因病休学复学须提交医院健康证明 (documents: a health certificate is required after illness)') : null),
  (facts) => {
    const target = facts.request.targetClass;
    if (!target || !facts.student) return null;
    if (target.majorId !== facts.student.majorId) return violation('targetClass', '复学班级须为本专业班级 (the resumption class must be in the student\'s major)');
    return target.enrollmentYear >= (facts.student.classEnrollmentYear ?? 0) ? null : violation('targetClass', '复学只能编入本级或下一级班级 (the resumption class must be of the same or a later cohort)');
  },
];

const transferOut: Rule[] = [
  (facts, settings) =>
    monthsBetween(enrolledOn(facts, settings), facts.today) <= settings.transferOutWithinMonths
      ? null
      : violation('student', `转学须在入学后 ${settings.transferOutWithinMonths} 个月内申请 (transfer out only within ${settings.transferOutWithinMonths} months of enrolment)`),
  required('receivingSchool', '转入学校'),
  required('receivingProvince', '转入学校所在省份'),
  required('provincialApproval', '省级教育主管部门批准文号'),
];

const withdrawal: Rule[] = [
  (facts) => (facts.request.withdrawalKind ? null : violation('withdrawalKind', '退学类别必填 (withdrawalKind is required)')),
  (facts) => {
    if (facts.request.withdrawalKind !== 'disciplinary') return signed(facts);
    const fields = [
      ['investigationRecord', '调查记录'],
      ['noticeRecord', '告知记录'],
      ['hearingRecord', '听证（陈述申辩）记录'],
      ['registeredMailNumber', '挂号信（告知监护人）单号'],
    ] as const;
    return fields.filter(([field]) => blank(facts.request[field])).map(([field, label]) => violation(field, `处分退学须记录${label} (${field} is required for a disciplinary withdrawal)`));
  },
];

const transferIn: Rule[] = [
  required('incomingName', '转入学生姓名'),
  (facts) => {
    const value = facts.request.incomingNationalId;
    if (blank(value)) return violation('incomingNationalId', '转入学生身份证号码必填 (incomingNationalId is required)');
    const parsed = parseNationalId(value as string, facts.today);
    if (!parsed.ok) return violation('incomingNationalId', NATIONAL_ID_MESSAGES[parsed.problem]);
    return facts.request.incomingNationalIdOnRecord
      ? violation('incomingNationalId', '该身份证号码已有学籍，不能转入 (this national ID is already on record)')
      : null;
  },
  required('incomingPreviousSchool', '原学校'),
  (facts) => (facts.request.targetClass ? null : violation('targetClass', '转入班级必填 (targetClass is required)')),
];

/** Every type's rules, beyond the status check every request passes. */
export const ELIGIBILITY_RULES: Readonly<Record<ChangeType, Rule[]>> = {
  'change-of-major': [signed, requiredReason, ...majorChange],
  suspension: [signed, requiredReason, ...suspension],
  resumption: [signed, ...resumption],
  'transfer-out': [signed, requiredReason, ...transferOut],
  'transfer-in': [signed, ...transferIn],
  withdrawal: [requiredReason, ...withdrawal],
  cancellation: [requiredReason],
  reinstatement: [signed, requiredReason],
};

/** Every problem that keeps this request from being submitted (empty when it may go). */
export function eligibilityViolations(facts: EligibilityFacts, settings: StatusChangeSettings): Violation[] {
  const status = statusAllows(facts, settings);
  if (status) return [status as Violation];
  return ELIGIBILITY_RULES[facts.type].flatMap((rule) => {
    const result = rule(facts, settings);
    return result === null ? [] : Array.isArray(result) ? result : [result];
  });
}
