/**
 * Demo integrity archive (诚信档案, issue 15): records from several sources in every state
 * (entered, confirmed, acknowledged, appealed, modified, revoked, amended), an appeal waiting for
 * student affairs, an amendment waiting in its chain, the students' own part pending, reviewed and
 * returned, and signed commitments. Each step runs through the real flows as the demo person who
 * takes it (a staff login or the student's own), inside a request context of that login: the
 * entering office's write through the Document Service and its rules, confirmation and
 * acknowledgement (record-actions.ts), appeals and amendments through the approval engine, the
 * students' own part and signatures (mine.ts). So every move writes its version, decision, audit
 * line and notice as it would through the API. A step whose demo login is missing (an account the
 * seed does not own) is skipped with a warning.
 */
import type { Core } from '@strapi/strapi';
import { runQueued } from '../services/after-request';
import { actorOfRequest } from '../services/scope/actor';
import { runWorkflowAction } from '../services/approval/engine';
import { approvalSubject } from '../services/approval/registry';
import { acknowledgeRecord, confirmRecord } from '../services/integrity/record-actions';
import { createSelfEntry, reviewSelfEntry, signIntegrityDocument } from '../services/integrity/mine';
import { INTEGRITY_AMENDMENT, INTEGRITY_APPEAL, INTEGRITY_RECORD } from '../services/integrity/uids';
import { loadIntegritySettings } from '../services/school-settings';
import type { WorkflowAction } from '../domain/approval-vocabulary';

type Row = Record<string, any>;

/** A demo student: the `login`-th student with a demo login (0 or 1) of the 2024 class of a major. */
interface DemoStudent {
  department: string;
  major: string;
  login: 0 | 1;
}

/** A decision on an appeal or amendment, by a demo staff email. */
interface DemoDecision {
  by: string;
  action: Extract<WorkflowAction, 'approve' | 'reject'>;
  comment: string;
  outcome?: Record<string, unknown>;
}

interface DemoRecord {
  student: DemoStudent;
  /** The demo staff email that enters it (the office or department it enters for is theirs). */
  enteredBy: string;
  data: { indicator: string; kind: string; title: string; description: string; occurredOn: string };
  /** Who confirms it (student affairs for a school-level record, the department for its own); absent: left entered. */
  confirmedBy?: string;
  confirmComment?: string;
  acknowledged?: boolean;
  appeal?: { reason: string; decisions: DemoDecision[] };
  amendment?: { reason: string; reformEvidence: string; decisions: DemoDecision[] };
}

const A: DemoStudent = { department: '01', major: '01', login: 0 };
const B: DemoStudent = { department: '01', major: '02', login: 0 };
const C: DemoStudent = { department: '02', major: '01', login: 0 };
const D: DemoStudent = { department: '03', major: '01', login: 0 };
const E: DemoStudent = { department: '02', major: '02', login: 0 };
const F: DemoStudent = { department: '03', major: '02', login: 0 };

const STUDENT_AFFAIRS = 'studentaffairs@example.com';

export const DEMO_RECORDS: DemoRecord[] = [
  // entered: waiting for student affairs (school level) and for a department (department level).
  {
    student: A, enteredBy: 'finance@example.com',
    data: { indicator: 'economic', kind: 'bad', title: '欠缴2026-2027学年学费', description: '截至2026年11月30日欠缴学费4800元，经两次催缴未缴。', occurredOn: '2026-11-30' },
  },
  {
    student: D, enteredBy: 'dept03.manager@example.com',
    data: { indicator: 'academic', kind: 'bad', title: '无故旷课累计12学时', description: '2026年10月无故旷课累计12学时，辅导员已谈话教育。', occurredOn: '2026-10-31' },
  },
  // confirmed, not yet acknowledged.
  {
    student: B, enteredBy: 'finance@example.com', confirmedBy: STUDENT_AFFAIRS, confirmComment: '与计财处台账核对无误',
    data: { indicator: 'economic', kind: 'bad', title: '欠缴住宿费', description: '2026年秋季学期住宿费1200元逾期未缴。', occurredOn: '2026-10-15' },
  },
  {
    student: C, enteredBy: 'dept02.manager@example.com', confirmedBy: 'dept02.manager@example.com',
    data: { indicator: 'daily-life', kind: 'good', title: '系部优秀学生干部', description: '2025-2026学年任班长，工作认真负责，获评系部优秀学生干部。', occurredOn: '2026-06-20' },
  },
  {
    student: F, enteredBy: STUDENT_AFFAIRS, confirmedBy: STUDENT_AFFAIRS,
    data: { indicator: 'loan-aid', kind: 'loan', title: '生源地信用助学贷款', description: '2026年办理生源地信用助学贷款8000元，按期还款中。', occurredOn: '2026-09-10' },
  },
  // acknowledged by the student.
  {
    student: C, enteredBy: 'library@example.com', confirmedBy: STUDENT_AFFAIRS, acknowledged: true,
    data: { indicator: 'economic', kind: 'bad', title: '借阅图书逾期未还', description: '《电工基础》等2册逾期90天未还。', occurredOn: '2026-07-01' },
  },
  {
    student: D, enteredBy: 'academic@example.com', confirmedBy: STUDENT_AFFAIRS, acknowledged: true,
    data: { indicator: 'academic', kind: 'good', title: '全国职业院校技能大赛三等奖', description: '2026年全国职业院校技能大赛会计技能赛项三等奖。', occurredOn: '2026-05-18' },
  },
  {
    student: A, enteredBy: STUDENT_AFFAIRS, confirmedBy: STUDENT_AFFAIRS, acknowledged: true,
    data: { indicator: 'academic', kind: 'good', title: '校级技能竞赛一等奖', description: '2026年校园技能节程序设计竞赛一等奖。', occurredOn: '2026-04-25' },
  },
  // appealed: the appeal waits for student affairs.
  {
    student: A, enteredBy: 'security@example.com', confirmedBy: STUDENT_AFFAIRS,
    data: { indicator: 'daily-life', kind: 'bad', title: '校内打架斗殴', description: '2026年10月8日晚在学生公寓与他人发生肢体冲突。', occurredOn: '2026-10-08' },
    appeal: { reason: '当晚我是劝架一方，并未动手，宿舍同学和楼栋管理员可以作证，请求撤销该记录。', decisions: [] },
  },
  // modified: the appeal approved with new content.
  {
    student: D, enteredBy: 'academic@example.com', confirmedBy: STUDENT_AFFAIRS,
    data: { indicator: 'academic', kind: 'bad', title: '期末考试作弊', description: '2026年6月《基础会计》期末考试中携带手机进入考场。', occurredOn: '2026-06-28' },
    appeal: {
      reason: '手机已关机并放在书包内，未使用，不属于作弊，请求更正定性。',
      decisions: [{ by: STUDENT_AFFAIRS, action: 'approve', comment: '经调取监控核实，手机未取出使用，按考试违纪认定。', outcome: { result: 'modify', content: { title: '期末考试违纪（携带手机进入考场）' } } }],
    },
  },
  // revoked: the appeal approved, the record revoked.
  {
    student: E, enteredBy: STUDENT_AFFAIRS, confirmedBy: STUDENT_AFFAIRS,
    data: { indicator: 'daily-life', kind: 'bad', title: '夜不归宿', description: '2026年9月20日晚未归宿且未请假。', occurredOn: '2026-09-20' },
    appeal: {
      reason: '当晚已通过辅导员线上请假（附截图），因系统未同步被记为未请假。',
      decisions: [{ by: STUDENT_AFFAIRS, action: 'approve', comment: '请假记录属实，撤销该记录。', outcome: { result: 'revoke' } }],
    },
  },
  // an appeal rejected: the record stands (confirmed again).
  {
    student: F, enteredBy: 'security@example.com', confirmedBy: STUDENT_AFFAIRS,
    data: { indicator: 'online', kind: 'bad', title: '利用校园网传播不实信息', description: '2026年10月在校园论坛发布未经核实的考试信息。', occurredOn: '2026-10-12' },
    appeal: { reason: '信息是转发的，我不知道是假的。', decisions: [{ by: STUDENT_AFFAIRS, action: 'reject', comment: '转发前未核实，造成不良影响，维持原记录。' }] },
  },
  // amended: after reform, the department, the source office and student affairs approve.
  {
    student: B, enteredBy: 'finance@example.com', confirmedBy: STUDENT_AFFAIRS, acknowledged: true,
    data: { indicator: 'economic', kind: 'bad', title: '欠缴教材费', description: '2025-2026学年教材费360元逾期未缴。', occurredOn: '2026-03-31' },
    amendment: {
      reason: '已于2026年10月补缴全部教材费，申请修定。',
      reformEvidence: '计财处收据编号 JC2026-10-0231',
      decisions: [
        { by: 'dept01.manager@example.com', action: 'approve', comment: '情况属实，同意修定。' },
        { by: 'finance@example.com', action: 'approve', comment: '已核对缴费记录。' },
        { by: STUDENT_AFFAIRS, action: 'approve', comment: '同意修定。' },
      ],
    },
  },
  // an amendment waiting in its chain: the department has approved, the source office (finance) is next.
  {
    student: E, enteredBy: 'finance@example.com', confirmedBy: STUDENT_AFFAIRS, acknowledged: true,
    data: { indicator: 'economic', kind: 'bad', title: '欠缴实训耗材费', description: '2026年春季学期实训耗材费200元逾期未缴。', occurredOn: '2026-05-31' },
    amendment: {
      reason: '已补缴实训耗材费，并在班级作诚信主题发言，申请修定。',
      reformEvidence: '计财处收据编号 JC2026-11-0112；班主任证明',
      decisions: [{ by: 'dept02.manager@example.com', action: 'approve', comment: '学生表现良好，同意。' }],
    },
  },
];

/** The students' own part: pending, reviewed and returned (by the department's manager). */
export const DEMO_SELF_ENTRIES: Array<{ student: DemoStudent; data: Record<string, unknown>; review?: { by: string; result: 'reviewed' | 'returned'; comment?: string } }> = [
  { student: A, data: { category: 'education', title: '高中', organisation: '长沙市第一中学', startedOn: '2021-09-01', endedOn: '2024-06-30' }, review: { by: 'dept01.manager@example.com', result: 'reviewed' } },
  { student: A, data: { category: 'position', title: '班级学习委员', organisation: '计算机应用技术24级1班', startedOn: '2024-10-01' } },
  { student: C, data: { category: 'practice', title: '暑期社会实践', organisation: '株洲市某机械厂', startedOn: '2025-07-10', endedOn: '2025-08-20', description: '参与生产线设备维护。' }, review: { by: 'dept02.manager@example.com', result: 'returned', comment: '请补充实践单位盖章的证明材料。' } },
  { student: C, data: { category: 'work-study', title: '图书馆勤工助学', organisation: '学院图书馆', startedOn: '2024-11-01' }, review: { by: 'dept02.manager@example.com', result: 'reviewed' } },
  { student: D, data: { category: 'certificate', title: '全国计算机等级考试二级', organisation: '教育部教育考试院', startedOn: '2025-03-30' } },
];

/** Students who signed the integrity commitment (and, the first two, the service agreement). */
export const DEMO_SIGNERS: DemoStudent[] = [A, B, C, D];

const UP_USER = 'plugin::users-permissions.user';

/** A request context of this login, as the users-permissions strategy leaves it after authentication. */
async function asLogin<T>(strapi: Core.Strapi, userId: number, work: () => Promise<T>): Promise<T> {
  const user = (await strapi.db.query(UP_USER).findOne({ where: { id: userId }, populate: ['role'] })) as Row;
  const ctx = { path: '/api/seed', request: { ip: '127.0.0.1' }, state: { auth: { strategy: { name: 'users-permissions' }, credentials: user }, user, isAuthenticated: true } };
  let result: T | undefined;
  await strapi.requestContext.run(ctx as never, async () => {
    // As authentication does (src/services/permissions/auth-hooks.ts): the actor is known before any transaction.
    await actorOfRequest(strapi, ctx);
    result = await work();
  });
  await runQueued(strapi, ctx);
  return result as T;
}

interface Context {
  strapi: Core.Strapi;
  /** Content-API login ids of the demo staff, by email (only logins the seed linked to a membership). */
  staff: Map<string, number>;
  students: Map<string, Row>;
}

async function demoStudent(context: Context, who: DemoStudent): Promise<Row | null> {
  const key = `${who.department}-${who.major}-${who.login}`;
  if (context.students.has(key)) return context.students.get(key) ?? null;
  const rows = (await context.strapi.db.query('api::student.student').findMany({
    where: { status: 'active', user: { id: { $notNull: true } }, major: { code: who.major, department: { code: who.department } } },
    orderBy: { studentNumber: 'asc' },
    populate: { user: { select: ['id'] } },
  })) as Row[];
  const found = rows[who.login] ?? null;
  context.students.set(key, found as Row);
  return found;
}

/** Runs `work` as the demo staff member, or skips (null) when their login is not the seed's. */
async function asStaff<T>(context: Context, email: string, work: () => Promise<T>): Promise<T | null> {
  const userId = context.staff.get(email);
  if (userId === undefined) {
    context.strapi.log.warn(`[seed] integrity demo: skipped a step of ${email}, whose demo login is missing`);
    return null;
  }
  return asLogin(context.strapi, userId, work);
}

async function decide(context: Context, subjectName: string, documentId: string, decisions: DemoDecision[]): Promise<boolean> {
  const subject = approvalSubject(context.strapi, subjectName);
  for (const [index, decision] of decisions.entries()) {
    const outcome = subject.parseOutcome ? subject.parseOutcome(decision.action, decision.outcome, decision.comment) : null;
    const done = await asStaff(context, decision.by, () => runWorkflowAction(context.strapi, subject, { documentId, action: decision.action, comment: decision.comment, step: index + 1, outcome }));
    if (done === null) return false;
  }
  return true;
}

/** One demo record through its flows; false when a step was skipped. */
async function driveRecord(context: Context, demo: DemoRecord): Promise<boolean> {
  const { strapi } = context;
  strapi.log.debug(`[seed] integrity demo: ${demo.data.title}`);
  const student = await demoStudent(context, demo.student);
  if (!student) return false;
  const created = await asStaff(context, demo.enteredBy, () => strapi.documents(INTEGRITY_RECORD as never).create({ data: { ...demo.data, student: student.documentId } as never }));
  if (!created) return false;
  const documentId = (created as unknown as { documentId: string }).documentId;
  if (!demo.confirmedBy) return true;
  if (!(await asStaff(context, demo.confirmedBy, () => confirmRecord(strapi, documentId, demo.confirmComment ?? null)))) return false;
  const asStudent = <T>(work: () => Promise<T>) => asLogin(strapi, student.user.id as number, work);
  if (demo.acknowledged) await asStudent(() => acknowledgeRecord(strapi, documentId));
  for (const [uid, name, request] of [[INTEGRITY_APPEAL, 'integrity-appeal', demo.appeal], [INTEGRITY_AMENDMENT, 'integrity-amendment', demo.amendment]] as const) {
    if (!request) continue;
    const { decisions, ...data } = request;
    const filed = (await asStudent(() => strapi.documents(uid as never).create({ data: { ...data, record: documentId } as never }))) as unknown as { documentId: string };
    await asStudent(() => runWorkflowAction(strapi, approvalSubject(strapi, name), { documentId: filed.documentId, action: 'submit', comment: null }));
    if (!(await decide(context, name, filed.documentId, decisions))) return false;
  }
  return true;
}

/** The demo staff's content-API logins that the seed linked to their memberships. */
async function staffLogins(strapi: Core.Strapi): Promise<Map<string, number>> {
  const memberships = (await strapi.db.query('api::staff-membership.staff-membership').findMany({ where: { active: true, user: { id: { $notNull: true } } }, populate: { user: { select: ['id'] } } })) as Row[];
  return new Map(memberships.map((m) => [String(m.email).toLowerCase(), m.user.id as number]));
}

/** Adds the demo integrity archive unless there are integrity records already; returns how many records it added. */
export async function ensureDemoIntegrity(strapi: Core.Strapi): Promise<number> {
  if ((await strapi.db.query(INTEGRITY_RECORD as never).count({})) > 0) return 0;
  const context: Context = { strapi, staff: await staffLogins(strapi), students: new Map() };
  let added = 0;
  for (const demo of DEMO_RECORDS) if (await driveRecord(context, demo)) added += 1;
  for (const entry of DEMO_SELF_ENTRIES) {
    const student = await demoStudent(context, entry.student);
    if (!student) continue;
    const created = (await asLogin(strapi, student.user.id, () => createSelfEntry(strapi, { data: entry.data }))) as unknown as { documentId: string };
    const { review } = entry;
    if (review) await asStaff(context, review.by, () => reviewSelfEntry(strapi, created.documentId, { result: review.result, comment: review.comment }));
  }
  const settings = await loadIntegritySettings(strapi);
  for (const [index, who] of DEMO_SIGNERS.entries()) {
    const student = await demoStudent(context, who);
    if (!student) continue;
    await asLogin(strapi, student.user.id, () => signIntegrityDocument(strapi, { document: 'commitment', version: settings.commitmentVersion }));
    if (index < 2) await asLogin(strapi, student.user.id, () => signIntegrityDocument(strapi, { document: 'agreement', version: settings.agreementVersion }));
  }
  return added;
}
