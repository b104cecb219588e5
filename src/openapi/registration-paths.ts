/**
 * Semester registration's routes in the OpenAPI document (issue 16): opening a semester and the
 * window's end, late registration, the report and the unregistered list, the status other systems
 * read, the approval engine's routes of registrations and deferrals, and the student's own under /me.
 */
import { DOCUMENT_ID, TAGS, XLSX, decisionAndTimelinePaths, json, operation, workflowPaths, type WorkflowSubject } from './operation';
import { ref } from './schemas';

const REGISTRATION_WORKFLOW: WorkflowSubject = {
  base: '/registrations',
  tag: 'registration',
  description:
    '流程：系部初审（2 个工作日）、教务处审核（3 个工作日）、学生确认注册。同意、退回：当前步骤单位的成员（系部步骤为学生所在系部，可逐个或经 /registrations/decisions 整班决定）；' +
    '注册条件（缴费或资助、无未处理的不良记录、新生或健康状况有变动者的健康检查）未满足时不能同意，400 指向 conditions 并说明原因；退回须写明须补充的材料或原因。' +
    '注册只退回、不驳回也不撤回：reject、withdraw 一律 400 指向 action。提交、重新提交与确认只由学生本人经 /me/registrations/{documentId}/submit、/confirm，此处的 submit、resubmit 对任何登录答 403。不带 outcome（带则 400）。',
  body: ref('WorkflowActionRequest'),
  envelope: ref('RegistrationEnvelope'),
};

const DEFERRAL_WORKFLOW: WorkflowSubject = {
  base: '/registration-deferrals',
  tag: 'registration-deferral',
  description:
    '提交、重新提交、撤回：只有学生本人；提交须在学期开学前（否则 400 指向 semester）、已上传证明材料（否则 400 指向 documents）、延期至晚于注册截止日且至多截止日后 14 天（学校设置；否则 400 指向 requestedUntil）。' +
    '同意、不同意、退回：教务处（3 个工作日）。同意只顺延该学生本人的注册截止日（其本学期注册为“已准延期”），不改变全体的注册窗口。不带 outcome。',
  body: ref('WorkflowActionRequest'),
  envelope: ref('RegistrationDeferralEnvelope'),
};

const FILE_TYPES = Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
const FILE_ID = { name: 'fileId', in: 'path', required: true, description: '材料的 id（见上传的答复或 GET /me/... 的材料字段）', schema: { type: 'integer' } };
const UPLOAD_RULES = 'PDF、JPEG 或 PNG（按文件内容识别），每个至多 10 MB，每次至多 5 个，否则 400 指向 files';
const SEMESTER_QUERY = { name: 'semester', in: 'query', required: false, description: '学期代码，如 2026-2027-1；默认当前学期（学校日期所在的，否则最近已开学的）', schema: { type: 'string', pattern: '^\\d{4}-\\d{4}-[12]$' } };
const FORMAT_QUERY = { name: 'format', in: 'query', required: false, description: '默认 json；xlsx 下载 Excel 表', schema: { type: 'string', enum: ['json', 'xlsx'] } };

/** Semester registration (issue 16): opening and closing the window, the report, the student's own, deferrals. */
export function registrationPaths() {
  return {
    '/registrations/open': {
      post: operation({
        tag: 'registration', summary: '开放一个学期的注册：为每个应注册的学生建立待注册记录 (open a semester\'s registration)',
        description:
          '只有教务处（全校范围；其他 403）。应注册：在籍与新生，以及休学期满于本学期的学生；已获准延期的学生记为“已准延期”，截止日为延期后的日期。一条集合 SQL、一个事务。' +
          '再次开放只为尚无记录的学生（如后录取的新生）补建，不重复。注册窗口按学校日历：开学后第一个工作日起的 N 个工作日（学期的 registrationWorkingDays，默认 10）。学期代码有误或不存在时 400 指向 semester。',
        body: ref('RegistrationOpenRequest'), ok: ref('RegistrationOpenResponse'), errors: [400],
      }),
    },
    '/registrations/close-window': {
      post: operation({
        tag: 'registration', summary: '注册窗口结束：逾期未注册的记为未注册，必要时提请取消学籍 (the window\'s end, now)',
        description:
          '每日由定时任务执行，教务处也可随时执行（全校范围；其他 403）。本人截止日（窗口截止日或延期后的日期）已过、未提交或退回后未再提交的注册记为未注册（missed；未获延期的另记逾期 overdue），审核中的照常办理；' +
          '连续两个学期或累计三个学期未注册的学生，系统提出取消学籍的学籍异动申请（特殊层级，附所缺学期）并送入其审批流程；有学生记为未注册的系部各收到一条通知。一个事务；重复执行不重复处理。semester 有误时 400 指向 semester。',
        body: ref('RegistrationCloseWindowRequest'), ok: ref('RegistrationWindowEndResponse'), errors: [400],
      }),
    },
    '/registrations/report': {
      get: operation({
        tag: 'registration', summary: '学籍注册统计：应注册、按时注册与按时注册率、延期（已办、逾期、补办、离校）、从未注册，按系部与全校 (the registration report)',
        description: '能读注册者可读；系部人员只见本系部。format=xlsx 时为 Excel 表（每系部一行及合计；标题行注明学期与范围）。没有此学期时 400 指向 semester。',
        query: [SEMESTER_QUERY, FORMAT_QUERY],
        ok: null, okContent: { ...json(ref('RegistrationReport')), [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [400],
      }),
    },
    '/registrations/unregistered': {
      get: operation({
        tag: 'registration', summary: '未注册学生名单：该学期尚未注册的学生，按系部、班级、学号 (the unregistered students)',
        description: '学期结束时发给各系部的名单；系部人员只见本系部的学生。format=xlsx 时为 Excel 表。没有此学期时 400 指向 semester。',
        query: [SEMESTER_QUERY, FORMAT_QUERY],
        ok: null, okContent: { ...json(ref('UnregisteredStudents')), [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [400],
      }),
    },
    '/registrations/{documentId}/reopen': {
      post: operation(
        {
          tag: 'registration', summary: '补办注册：教务处为记为未注册的学生重新开放，设新的截止日 (late registration)',
          description:
            '需要修改注册的权限（教务处）。until 须在今天至今天加延期最长天数（学校设置，默认 14 天）之间，否则 400 指向 until；注册不是“未注册”时 409。' +
            '补办后学生可再次提交；记为逾期且补办（late），统计中计为“补办注册”，不计按时。',
          body: ref('RegistrationReopenRequest'), ok: ref('RegistrationEnvelope'), errors: [400, 404, 409],
        },
        [DOCUMENT_ID],
      ),
    },
    '/registrations/{documentId}/documents/{fileId}': {
      get: operation(
        {
          tag: 'registration', summary: '下载注册的一份材料：缴费凭证或资助证明、健康检查证明、其他材料 (download one registration document)',
          description: '能查看该注册者可下载：学生本人、其系部、教务处等；范围外的注册或不属于它的材料 404。', ok: null, okContent: FILE_TYPES, errors: [404],
        },
        [DOCUMENT_ID, FILE_ID],
      ),
    },
    '/students/{documentId}/registration': {
      get: operation(
        {
          tag: 'registration', summary: '学生本学期的注册状态，供选课、考试等系统查询 (a student\'s registration this semester)',
          description: '未注册的学生不能选课、参加考试。学期为学校日期所在的学期（否则最近已开学的学期）；学生不在调用者范围内时 404。学生本人见 GET /me 的 registration。',
          ok: ref('StudentRegistration'), errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
    ...workflowPaths(REGISTRATION_WORKFLOW),
    ...decisionAndTimelinePaths(REGISTRATION_WORKFLOW, { decide: '无（只有 REST）', timeline: '无（只有 REST）' }),
    '/me/registrations': {
      get: operation({
        tag: TAGS.me, summary: '本人的各学期注册：状态、条件及其原因、截止日、已上传的材料 (own registrations)',
        description: '只给学生本人（教职工 403）。', ok: ref('MyRegistrations'), errors: [404],
      }),
    },
    '/me/registrations/{documentId}': {
      put: operation(
        {
          tag: TAGS.me, summary: '修改本人注册的说明或“健康状况有变动” (own fields of a registration)',
          description: '只给学生本人；未提交或退回时可改（已提交审核或已记为未注册时 403）；其他字段 400 指出该字段；他人的注册 404。健康状况有变动者须上传健康检查证明。',
          body: ref('MyRegistrationUpdate'), ok: ref('MyRegistration'), errors: [400, 404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/me/registrations/{documentId}/documents': {
      post: operation(
        {
          tag: TAGS.me, summary: '上传本人注册的材料：缴费凭证或资助证明、健康检查证明、其他材料 (attach proofs)', status: 201,
          description: `表单字段 kind（fee-proof、health-certificate、other，否则 400 指向 kind）与 files：${UPLOAD_RULES}。只有学生本人；已提交审核或已记为未注册时 403（退回后可补充）。文件存于 public/ 之外，经 GET /registrations/{documentId}/documents/{fileId} 读取。`,
          multipart: ref('RegistrationDocumentUpload'), ok: ref('StoredDocuments'), errors: [400, 404, 413],
        },
        [DOCUMENT_ID],
      ),
    },
    '/me/registrations/{documentId}/submit': {
      post: operation(
        {
          tag: TAGS.me, summary: '提交本人的注册；退回后再次提交 (submit, or resubmit after a return)',
          description:
            '只给学生本人；须在本人的截止日之内（否则 400 指向 deadline；已记为未注册的须先由教务处准予补办）。提交时判定并记录各项条件及其原因：条件未满足也可提交，系部审核时看到原因，满足前不能通过。' +
            '已提交时 409。答复为提交后的注册（与 GET /me/registrations 的一项相同）。',
          body: ref('WorkflowActionRequest'), ok: ref('MyRegistration'), errors: [400, 404, 409, 422], idempotent: true,
        },
        [DOCUMENT_ID],
      ),
    },
    '/me/registrations/{documentId}/confirm': {
      post: operation(
        {
          tag: TAGS.me, summary: '确认注册（流程最后一步）：注册完成，新生的学籍状态变为在籍 (confirm the registration)',
          description: '教务处审核通过后由学生本人确认（期限为学校设置的工作日数，默认 3）；新生（录取）在同一事务中变为在籍并记入学籍变动历史。尚未到确认这一步时 403 或 409。',
          body: ref('WorkflowActionRequest'), ok: ref('MyRegistration'), errors: [400, 404, 409, 422], idempotent: true,
        },
        [DOCUMENT_ID],
      ),
    },
    '/me/registration-deferrals': {
      get: operation({ tag: TAGS.me, summary: '本人的延期注册申请 (own deferral applications)', description: '只给学生本人（教职工 403）。', ok: ref('MyRegistrationDeferrals'), errors: [404] }),
      post: operation({
        tag: TAGS.me, summary: '申请延期注册（草稿），上传证明材料后提交 (a draft deferral application)', status: 201,
        description:
          '只给学生本人。semester 为学期代码（无此学期 400 指向 semester）；同一学期至多一份办理中或已批准的申请（否则 400 指向 semester）；其他字段 400 指出该字段。' +
          '随后以 POST /me/registration-deferrals/{documentId}/documents 上传证明，在开学前以 POST /registration-deferrals/{documentId}/submit 提交。',
        body: ref('MyRegistrationDeferralRequest'), ok: ref('MyRegistrationDeferral'), errors: [400, 404],
      }),
    },
    '/me/registration-deferrals/{documentId}/documents': {
      post: operation(
        {
          tag: TAGS.me, summary: '上传延期注册申请的证明材料 (attach proof to a deferral application)', status: 201,
          description: `表单字段 files：${UPLOAD_RULES}。只有学生本人，草稿或退回时（已提交审批 403）；他人的申请 404。文件经 GET /registration-deferrals/{documentId}/documents/{fileId} 读取。`,
          multipart: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } },
          ok: ref('StoredDocuments'), errors: [400, 404, 413],
        },
        [DOCUMENT_ID],
      ),
    },
    '/registration-deferrals/{documentId}/documents/{fileId}': {
      get: operation(
        {
          tag: 'registration-deferral', summary: '下载延期注册申请的一份证明材料 (download one deferral document)',
          description: '能查看该申请者可下载：学生本人、其系部、教务处等；范围外 404。', ok: null, okContent: FILE_TYPES, errors: [404],
        },
        [DOCUMENT_ID, FILE_ID],
      ),
    },
    ...workflowPaths(DEFERRAL_WORKFLOW),
    ...decisionAndTimelinePaths(DEFERRAL_WORKFLOW, { decide: '无（只有 REST）', timeline: '无（只有 REST）' }),
  };
}
