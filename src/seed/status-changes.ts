/**
 * Demo status changes (学籍异动) in every state the admin shows: a draft, requests waiting at the
 * department and at academic affairs, one returned, one rejected, and approved ones with their
 * effect on the student. Staff decisions need a logged-in staff member, so the seed replays each
 * script through the pure approval rules (src/domain/approval.ts) as the demo staff, and writes
 * what the engine would: decisions, the request's columns, the effect, history and notices.
 */
import type { Core } from '@strapi/strapi';
import { applyAction, type ApprovalActor, type ApprovalRequest, type ChainStep, type Outcome } from '../domain/approval';
import { addWorkingDays, semesterOf } from '../domain/calendar-months';
import { FINAL_STATES, type Decision, type Tier } from '../domain/status-change';
import { tierOf } from '../domain/tier';
import { recordDecision } from '../services/approval/decisions';
import { activeChain } from '../services/approval/chains';
import { loadStatusChangeSettings } from '../services/school-settings';
import { loadStatusChange, STATUS_CHANGE, type StatusChangeRow } from '../api/status-change/repositories/status-change-rows';
import { applyStatusChangeEffect } from '../api/status-change/services/effects';
import { tierFacts } from '../api/status-change/services/facts';
import { notifyStudent } from '../api/status-change/services/notify';
import { demoStaff } from './organisation';
import { now as clockNow, schoolDate } from '../services/clock';
import { loadSchoolCalendar } from '../services/school-calendar';

const DAY = 24 * 60 * 60 * 1000;
const DEMO_YEAR = 2024;

interface ScriptedDecision {
  by: string;
  decision: Decision;
  comment?: string;
  daysAgo: number;
}

interface DemoRequest {
  /**
   * The student: the `pick`-th active student of a major counted from the highest number (the
   * lowest numbers of each class hold the demo student logins), by department and major code.
   */
  student: { department: string; major: string; pick: number };
  data: Record<string, unknown>;
  /** The class (of the demo year) a change of major moves to. */
  target?: { department: string; major: string };
  /** Left out for a draft. */
  submittedDaysAgo?: number;
  decisions?: ScriptedDecision[];
  appliedBy: string;
}

const signed = { studentSigned: true, guardianSigned: true };

export const DEMO_STATUS_CHANGES: DemoRequest[] = [
  {
    student: { department: '01', major: '02', pick: 0 }, appliedBy: 'dept01.clerk@example.com', target: { department: '01', major: '01' },
    data: { type: 'change-of-major', reason: '对计算机应用方向更感兴趣，申请转入计算机应用技术专业', failedCourses: 0, averageScore: 86.5, majorRankPercent: 12, ...signed },
  },
  {
    student: { department: '01', major: '01', pick: 0 }, appliedBy: 'dept01.clerk@example.com', submittedDaysAgo: 1,
    data: { type: 'suspension', reason: '家中老人病重需长期照料，申请因事休学', suspensionCause: 'personal', suspensionStart: '2027-03-01', suspensionEnd: '2027-07-31', ...signed },
  },
  {
    student: { department: '02', major: '01', pick: 0 }, appliedBy: 'dept02.clerk@example.com', submittedDaysAgo: 20,
    data: { type: 'suspension', reason: '腰椎间盘突出需手术及康复治疗，附医院诊断证明', suspensionCause: 'illness', suspensionStart: '2026-12-01', suspensionEnd: '2027-08-31', ...signed },
    decisions: [
      { by: 'dept02.manager@example.com', decision: 'approve', comment: '情况属实，同意休学', daysAgo: 19 },
      { by: 'academic@example.com', decision: 'approve', comment: '诊断证明齐全，同意', daysAgo: 17 },
      { by: 'studentaffairs@example.com', decision: 'approve', daysAgo: 15 },
      { by: 'leader@example.com', decision: 'approve', comment: '同意。', daysAgo: 14 },
    ],
  },
  {
    student: { department: '03', major: '01', pick: 0 }, appliedBy: 'dept03.clerk@example.com', submittedDaysAgo: 9,
    data: { type: 'withdrawal', reason: '本人拟赴国外就读，自愿申请退学', withdrawalKind: 'voluntary', ...signed },
    decisions: [
      { by: 'dept03.manager@example.com', decision: 'approve', comment: '已与学生及家长确认，同意', daysAgo: 8 },
      { by: 'academic@example.com', decision: 'return', comment: '请补充学生本人及监护人签字的退学申请书扫描件', daysAgo: 6 },
    ],
  },
  {
    student: { department: '03', major: '01', pick: 1 }, appliedBy: 'dept03.clerk@example.com', submittedDaysAgo: 4,
    data: { type: 'transfer-out', reason: '随父母工作调动迁居长沙，申请转学', receivingSchool: '长沙民政职业技术学院', receivingProvince: '湖南省', provincialApproval: '湘教学〔2026〕118号', ...signed },
    decisions: [{ by: 'dept03.manager@example.com', decision: 'approve', comment: '同意转出', daysAgo: 3 }],
  },
  {
    student: { department: '02', major: '02', pick: 0 }, appliedBy: 'dept02.clerk@example.com', submittedDaysAgo: 12, target: { department: '02', major: '01' },
    data: { type: 'change-of-major', reason: '申请转入机电一体化技术专业', failedCourses: 2, averageScore: 71, majorRankPercent: 55, ...signed },
    decisions: [{ by: 'dept02.manager@example.com', decision: 'reject', comment: '有两门课程不及格，不符合转专业条件', daysAgo: 11 }],
  },
  {
    student: { department: '03', major: '02', pick: 0 }, appliedBy: 'dept03.clerk@example.com', submittedDaysAgo: 30, target: { department: '03', major: '01' },
    data: { type: 'change-of-major', reason: '希望从事财务工作，申请转入大数据与会计专业', failedCourses: 0, averageScore: 88, majorRankPercent: 8, ...signed },
    decisions: [
      { by: 'dept03.manager@example.com', decision: 'approve', daysAgo: 29 },
      { by: 'academic@example.com', decision: 'approve', comment: '成绩符合条件，同意转入', daysAgo: 27 },
    ],
  },
  {
    student: { department: '01', major: '01', pick: 1 }, appliedBy: 'dept01.clerk@example.com', submittedDaysAgo: 200,
    data: { type: 'withdrawal', reason: '家庭经济原因，本人自愿退学', withdrawalKind: 'voluntary', ...signed },
    decisions: [
      { by: 'dept01.manager@example.com', decision: 'approve', daysAgo: 199 },
      { by: 'academic@example.com', decision: 'approve', daysAgo: 197 },
      { by: 'studentaffairs@example.com', decision: 'approve', comment: '已告知学生可申请助学金，学生仍坚持退学', daysAgo: 195 },
      { by: 'leader@example.com', decision: 'approve', daysAgo: 194 },
    ],
  },
];

type Row = Record<string, any>;
interface Context {
  strapi: Core.Strapi;
  now: number;
  departments: Map<string, Row>;
  deciders: Map<string, ApprovalActor & { name: string }>;
  used: Set<number>;
}

const daysAgo = (context: Context, days: number) => new Date(context.now - days * DAY);

async function activeStudentOf(context: Context, { department, major, pick }: DemoRequest['student']): Promise<Row> {
  const students = (await context.strapi.db.query('api::student.student').findMany({
    where: { status: 'active', major: { code: major, department: { code: department } } },
    orderBy: { studentNumber: 'desc' },
  })) as Row[];
  // Skips students an earlier demo request took (an approved one may have moved them on).
  const student = students.filter((s) => !context.used.has(s.id))[pick];
  if (!student) throw new Error(`demo status changes: major ${department}-${major} has no active student #${pick}`);
  context.used.add(student.id);
  return student;
}

async function targetClass(context: Context, target: NonNullable<DemoRequest['target']>): Promise<Row> {
  const found = (await context.strapi.db.query('api::school-class.school-class').findOne({
    where: { enrollmentYear: DEMO_YEAR, major: { code: target.major, department: { code: target.department } } },
    populate: ['major'],
  })) as Row | null;
  if (!found) throw new Error(`demo status changes: no ${DEMO_YEAR} class of major ${target.department}-${target.major}`);
  return found;
}

/** Every demo staff member as the approval rules see them (key, units). */
function demoDeciders(departments: Map<string, Row>, offices: Set<string>) {
  return new Map(
    demoStaff().map((person) => {
      const memberships = person.department
        ? [{ unit: 'department', departmentId: departments.get(person.department)?.id ?? null }]
        : offices.has(person.office as string) ? [{ unit: person.office as string, departmentId: null }] : [];
      return [person.email, { key: person.email, memberships, isSubject: false, name: person.name }];
    }),
  );
}

async function chainFor(strapi: Core.Strapi, tier: Tier): Promise<{ id: number; steps: ChainStep[] }> {
  const chain = await activeChain(strapi, 'status-change', { tier, subType: null });
  if (!chain) throw new Error(`demo status changes: no active ${tier} chain`);
  return chain;
}

async function createDraft(context: Context, demo: DemoRequest): Promise<string> {
  const student = await activeStudentOf(context, demo.student);
  const department = context.departments.get(demo.student.department) as Row;
  const target = demo.target ? await targetClass(context, demo.target) : null;
  // As the system the write middleware is skipped: set what it sets for a user's draft.
  const created = await context.strapi.documents(STATUS_CHANGE as never).create({
    data: {
      ...demo.data,
      student: student.documentId,
      ...(target ? { targetMajor: target.major.documentId, targetClass: target.documentId } : {}),
      state: 'draft',
      round: 0,
      department: department.documentId,
      departmentScope: department.id,
      openStudentId: student.id,
      appliedBy: demo.appliedBy,
    } as never,
  });
  return (created as unknown as { documentId: string }).documentId;
}

function expectOk(outcome: Outcome, what: string): Extract<Outcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`demo status changes: ${what} refused: ${outcome.message}`);
  return outcome;
}

interface Replayed {
  outcome: Extract<Outcome, { ok: true }>;
  /** When the last decision was taken, and since when the request waits at its current step. */
  last: Date;
}

/** Submits and decides through the pure rules, recording each decision as the engine does. */
async function replayDecisions(context: Context, row: StatusChangeRow, steps: ChainStep[], demo: DemoRequest, submittedAt: Date): Promise<Replayed> {
  let request: ApprovalRequest = { state: 'draft', round: 0, currentStep: null, steps, departmentId: row.departmentId, decisions: [] };
  let outcome = expectOk(applyAction(request, 'submit', context.deciders.get(demo.appliedBy) as ApprovalActor), 'submit');
  let last = submittedAt;
  for (const scripted of demo.decisions ?? []) {
    request = { ...request, state: outcome.state, round: outcome.round, currentStep: outcome.currentStep };
    const decider = context.deciders.get(scripted.by) as ApprovalActor & { name: string };
    outcome = expectOk(applyAction(request, scripted.decision, decider), `${scripted.decision} by ${scripted.by}`);
    const decision = outcome.decision;
    if (!decision) throw new Error(`demo status changes: ${scripted.decision} recorded no decision`);
    last = daysAgo(context, scripted.daysAgo);
    const recorded = { ...decision, round: outcome.round, step: decision.step + 1 };
    await recordDecision(context.strapi, { name: 'status-change', decisionLink: 'statusChange' }, row, recorded, steps[decision.step], decider, scripted.comment ?? null, last);
    request = { ...request, decisions: [...request.decisions, { round: outcome.round, step: decision.step, deciderKey: scripted.by }] };
  }
  return { outcome, last };
}

/** Submits the draft, replays its decisions, then stores what the engine would: columns, effect, notice. */
async function drive(context: Context, documentId: string, demo: DemoRequest, submittedDaysAgo: number): Promise<void> {
  const { strapi } = context;
  const settings = await loadStatusChangeSettings(strapi);
  const row = await loadStatusChange(strapi, documentId);
  const { tier, because } = tierOf(tierFacts(row.raw), settings);
  const chain = await chainFor(strapi, tier);
  const submittedAt = daysAgo(context, submittedDaysAgo);
  const { outcome, last } = await replayDecisions(context, row, chain.steps, demo, submittedAt);
  const waitingSince = schoolDate(last);
  const columns: Row = {
    tier,
    tierReasons: because.join('；') || null,
    chain: chain.id,
    chainSteps: chain.steps,
    semester: semesterOf(schoolDate(submittedAt)),
    submittedAt,
    state: outcome.state,
    round: outcome.round,
    currentStep: outcome.currentStep === null ? null : outcome.currentStep + 1,
    currentStepDue: outcome.currentStep === null ? null : addWorkingDays(waitingSince, chain.steps[outcome.currentStep].deadlineDays, await loadSchoolCalendar(strapi, waitingSince)),
    decidedAt: FINAL_STATES.includes(outcome.state) ? last : null,
  };
  if (outcome.final) columns.effect = await applyStatusChangeEffect(strapi, { ...row.raw, ...columns }, settings, last);
  await strapi.db.query(STATUS_CHANGE as never).update({ where: { id: row.id }, data: columns });
  await notifyStudent(strapi, { ...row.raw, ...columns }, outcome.state, demo.decisions?.at(-1)?.comment ?? null, row.raw.student?.id ?? null);
}

/** Adds the demo requests unless there are status changes already; returns how many it added. */
export async function ensureDemoStatusChanges(strapi: Core.Strapi, now = clockNow().getTime()): Promise<number> {
  if ((await strapi.db.query(STATUS_CHANGE as never).count({})) > 0) return 0;
  const departments = new Map(((await strapi.db.query('api::department.department').findMany({})) as Row[]).map((d) => [d.code as string, d]));
  const offices = new Set(((await strapi.db.query('api::office.office').findMany({ select: ['kind'] })) as Row[]).map((o) => o.kind as string));
  const context: Context = { strapi, now, departments, deciders: demoDeciders(departments, offices), used: new Set() };
  for (const demo of DEMO_STATUS_CHANGES) {
    const documentId = await createDraft(context, demo);
    if (demo.submittedDaysAgo !== undefined) await drive(context, documentId, demo, demo.submittedDaysAgo);
  }
  return DEMO_STATUS_CHANGES.length;
}
