/**
 * The custom routes in the OpenAPI document (the plugin generates only the core routes of each
 * content type), with semester registration's in ./registration-paths. test/api/openapi.test.ts
 * calls every path described and fails on one the router has and these files lack, so a new
 * route is described when it is added.
 */
import { REQUEST_STATES } from '../domain/approval-vocabulary';
import { DOCUMENT_ID, TAGS, XLSX, decisionAndTimelinePaths, json, operation, workflowPaths, type WorkflowSubject } from './operation';
import { archivePaths } from './archive-paths';
import { transferPaths } from './transfer-paths';
import { registrationPaths } from './registration-paths';
import { rosterPaths } from './roster-paths';
import { ref } from './schemas';

const STATUS_CHANGE_WORKFLOW: WorkflowSubject = {
  base: '/status-changes',
  tag: TAGS.workflow,
  description: '提交、重新提交、撤回：学生本人、其系部或教务处；同意、不同意、退回：当前步骤单位的成员（系部步骤为学生所在系部）。GraphQL 同名 mutation，如 approveStatusChange。',
  body: ref('WorkflowActionRequest'),
  envelope: ref('StatusChangeEnvelope'),
};

const APPEAL_WORKFLOW: WorkflowSubject = {
  base: '/integrity-appeals',
  tag: 'integrity-appeal',
  description:
    '提交、重新提交、撤回：只有学生本人（提交时记录转为“申诉中”）；同意、不同意、退回：记录层级的管理者（校级为学生工作处，系部级为学生所在系部）。' +
    '同意须写明理由（comment）并给出处理结果 outcome：`{ result: "modify", content: {...} }` 修改记录内容，或 `{ result: "revoke" }` 撤销记录；不同意即驳回申诉，记录恢复为已认定，须写明理由。' +
    '记录已不在可申诉状态时 400 指向 record。GraphQL 同名 mutation，如 approveIntegrityAppeal。',
  body: ref('IntegrityAppealActionRequest'),
  envelope: ref('IntegrityAppealEnvelope'),
};

const AMENDMENT_WORKFLOW: WorkflowSubject = {
  base: '/integrity-amendments',
  tag: 'integrity-amendment',
  description:
    '提交、重新提交、撤回：只有学生本人；只有有效的不良记录可以申请修定（否则 400 指向 record）。流程：系部审核、记录来源部门审核（校级记录）、学生工作处决定；最后一步同意后记录为“已修定”，不再计入不良记录。' +
    '决定不带 outcome。GraphQL 同名 mutation，如 approveIntegrityAmendment。',
  body: ref('WorkflowActionRequest'),
  envelope: ref('IntegrityAmendmentEnvelope'),
};


const INTEGRITY_STAFF_READ = '学生工作处、校领导看全校的记录，系部看本系部学生的，信息来源部门看本部门录入的；教职工每次查看他人的诚信信息记入审计。';

function integrityPaths() {
  return {
    '/integrity-archives/{documentId}/summary': {
      get: operation(
        {
          tag: 'integrity-archive', summary: '诚信档案汇总（第二十条）：各指标优良与有效不良记录数、申诉中、等级、是否“无未解决的不良记录” (the summary)',
          description: '等级的阈值为学校设置（thresholds）。学生本人只能看自己的档案；学生工作处、校领导看全校，系部看本系部学生（每次查看记入审计）；范围外的档案 404。GraphQL：integritySummary。',
          ok: ref('IntegritySummaryResponse'), errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/integrity/checks': {
      post: operation({
        tag: 'integrity-archive', summary: '批量诚信核查：评优、入党、资助、就业推荐、注册等，逐个学号答复是否无未解决的不良记录及原因 (batch check, up to 5,000 students)',
        description: '按发送顺序逐项答复；调用者范围外或不存在的学号答 found: false（不区分两者）。每个被核查的学生记一条审计。GraphQL：integrityChecks。',
        body: ref('IntegrityCheckRequest'), ok: ref('IntegrityCheckResponse'), errors: [400],
      }),
    },
    '/me/integrity': {
      get: operation({
        tag: TAGS.me, summary: '我的诚信档案：汇总、已认定的记录、个人填写部分、申诉、修定、第三方记录、承诺书与服务协议的签署 (the signed-in student\'s own archive)',
        description: '只给学生本人（教职工 403）。待认定的记录不在其中。GraphQL：myIntegrity。', ok: ref('MyIntegrity'), errors: [404],
      }),
    },
    '/me/integrity/sign': {
      post: operation({
        tag: TAGS.me, summary: '签署诚信承诺书或服务协议的当前版本 (sign the commitment or the agreement)',
        description: 'version 须为当前版本（见 GET /me/integrity 的 currentVersion），否则 400 指向 version；档案已封存时 400。只给学生本人。',
        body: ref('IntegritySignRequest'), ok: ref('IntegritySignResponse'), errors: [400, 404],
      }),
    },
    '/me/integrity/self-entries': {
      post: operation({
        tag: TAGS.me, summary: '填写个人部分的一项：学历、培训、任职、实践实习、勤工助学、工作经历、证书 (an entry of the student\'s own part)', status: 201,
        description: '写入后待系部审核（review: pending）。只给学生本人；档案已封存时 400。',
        body: ref('IntegritySelfEntryInput'), ok: ref('IntegritySelfEntryEnvelope'), errors: [400, 404],
      }),
    },
    '/me/integrity/self-entries/{documentId}': {
      put: operation(
        {
          tag: TAGS.me, summary: '修改本人填写的一项，修改后重新待审核 (edit one\'s own entry; reviewed again)',
          description: '只能修改本人的；他人的 404。', body: ref('IntegritySelfEntryInput'), ok: ref('IntegritySelfEntryEnvelope'), errors: [400, 404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/integrity-self-entries/{documentId}/review': {
      post: operation(
        {
          tag: 'integrity-self-entry', summary: '系部审核学生填写的一项：通过或退回（退回须说明原因）(the department\'s review)',
          description: '学生所在系部（学生工作处亦可）审核；其他系部 404，学生 403。', body: ref('IntegritySelfEntryReview'), ok: ref('IntegritySelfEntryEnvelope'), errors: [400, 404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/integrity-records/{documentId}/confirm': {
      post: operation(
        {
          tag: 'integrity-record', summary: '认定一条待认定的记录，认定后学生可见并收到通知 (confirm an entered record)',
          description: '校级记录由学生工作处、系部级记录由学生所在系部认定，否则 403；记录已不是“待认定”时 409。写入新版本与审计。GraphQL：confirmIntegrityRecord。',
          body: ref('IntegrityConfirmRequest'), ok: ref('IntegrityRecordEnvelope'), errors: [400, 404, 409, 422], idempotent: true,
        },
        [DOCUMENT_ID],
      ),
    },
    '/integrity-records/{documentId}/acknowledge': {
      post: operation(
        {
          tag: 'integrity-record', summary: '学生确认已知悉本人的一条记录 (the student acknowledges their confirmed record)',
          description: '只给记录所属的学生本人（他人 403 或 404）；记录不在“已认定/已修改”时 409。GraphQL：acknowledgeIntegrityRecord。',
          ok: ref('IntegrityRecordEnvelope'), errors: [404, 409, 422], idempotent: true,
        },
        [DOCUMENT_ID],
      ),
    },
    '/integrity-records/{documentId}/timeline': {
      get: operation(
        {
          tag: 'integrity-record', summary: '记录的全部版本，从录入起按时间先后 (every version of the record)',
          description: `学生本人看到认定以后的版本，且不显示经办人（actor 为 null）；${INTEGRITY_STAFF_READ}GraphQL：integrityRecordTimeline。`,
          ok: ref('IntegrityRecordTimeline'), errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/integrity-records/{documentId}/evidence': {
      post: operation(
        {
          tag: 'integrity-record', summary: '上传记录的证明材料（认定前，由录入部门）(attach evidence before confirmation)', status: 201,
          description: 'PDF、JPEG 或 PNG（按文件内容识别），每个至多 10 MB，每次至多 5 个，否则 400 指向 files；不是录入此记录的部门或记录已认定时 403；档案已封存时 400。文件存于 public/ 之外，只能经下面的路由读取。',
          multipart: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } },
          ok: ref('StoredDocuments'), errors: [400, 404, 413],
        },
        [DOCUMENT_ID],
      ),
    },
    '/integrity-records/{documentId}/evidence/{fileId}': {
      get: operation(
        {
          tag: 'integrity-record', summary: '下载记录的一份证明材料 (download one evidence file)',
          description: `能查看该记录者可下载（学生本人在认定后）；${INTEGRITY_STAFF_READ}`,
          ok: null, okContent: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
          errors: [404],
        },
        [DOCUMENT_ID, { name: 'fileId', in: 'path', required: true, description: '材料的 id（见上传的答复或记录的 evidence 字段）', schema: { type: 'integer' } }],
      ),
    },
    ...workflowPaths(APPEAL_WORKFLOW),
    ...decisionAndTimelinePaths(APPEAL_WORKFLOW, { decide: '无批量 mutation，逐项用 approveIntegrityAppeal 等', timeline: 'integrityAppealTimeline' }),
    ...workflowPaths(AMENDMENT_WORKFLOW),
    ...decisionAndTimelinePaths(AMENDMENT_WORKFLOW, { decide: '无批量 mutation，逐项用 approveIntegrityAmendment 等', timeline: 'integrityAmendmentTimeline' }),
  };
}

const MATERIAL_FORM = {
  type: 'object',
  required: ['files'],
  properties: {
    kind: { type: 'string', description: '材料种类的 documentId（GET /material-kinds）；更正时不填，沿用原件的种类' },
    materialDate: { type: 'string', format: 'date', description: '材料日期，不晚于今天' },
    title: { type: 'string', maxLength: 100, description: '标题，缺省为种类名称' },
    checkedAgainstOriginal: { type: 'boolean', description: '复印件已与原件核对无误（记录核对人与时间）' },
    stampUnit: { type: 'string', description: '盖章单位' },
    files: { type: 'array', items: { type: 'string', format: 'binary' } },
  },
};
const MATERIAL_FILES = 'PDF、JPEG 或 PNG（按文件内容识别），每个不超过学校设置的大小（档案材料单个文件上限，默认 20 MB），否则 400 指向 files；文件存于 public/ 之外，只能经 GET /archive-materials/{documentId}/files/{fileId} 读取。';

/** The student archive's materials (issue 17): filing, correcting, reading a file through the scope and the access register. */
function materialPaths() {
  return {
    '/student-archives/{documentId}/materials': {
      post: operation(
        {
          tag: 'student-archive', summary: '向学籍档案归档一份材料 (file a material with its files)', status: 201,
          description: `表单字段见下；${MATERIAL_FILES}档案在系部整理期间由本系部归档，移交档案室后由档案室归档；已转出的档案不再归档（403 说明原因）；看不到的档案 404。`,
          multipart: MATERIAL_FORM, ok: ref('FiledArchiveMaterial'), errors: [400, 404, 413],
        },
        [DOCUMENT_ID],
      ),
    },
    '/archive-materials/{documentId}/corrections': {
      post: operation(
        {
          tag: 'archive-material', summary: '以更正件替换一份材料，原件保留并标为已替换 (supersede a material by a corrected one)', status: 201,
          description: `同一种类的新材料；原件不删除，标为已替换（supersededBy 指向新件），其文件仍可读取。已被替换的材料不能再更正（403）。${MATERIAL_FILES}`,
          multipart: MATERIAL_FORM, ok: ref('FiledArchiveMaterial'), errors: [400, 404, 413],
        },
        [DOCUMENT_ID],
      ),
    },
    '/archive-materials/{documentId}/files/{fileId}': {
      get: operation(
        {
          tag: 'archive-material', summary: '下载档案材料的一份文件 (download one file of a material)',
          description: '能查看该材料者可下载：学生本人、系部（档案在系部期间）、档案室与教务处。除学生本人外，每次读取记入档案查阅登记（GET /archive-access-logs）；可带 purpose 说明查阅目的。',
          ok: null, okContent: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
          errors: [404],
        },
        [DOCUMENT_ID, { name: 'fileId', in: 'path', required: true, description: '文件的 id（见归档的答复或材料的 files 字段）', schema: { type: 'integer' } }, { name: 'purpose', in: 'query', required: false, description: '查阅目的，记入查阅登记（缺省为“工作查阅”）', schema: { type: 'string', maxLength: 300 } }],
      ),
    },
  };
}

export function customPaths(): Record<string, unknown> {
  return {
    '/auth/local': {
      post: operation({
        tag: TAGS.auth, summary: '登录，得到 JWT (log in: identifier and password)', isPublic: true,
        description: '学生以学号或邮箱、教职工以邮箱登录；每个账号与地址 15 分钟内至多失败 10 次，之后 429。',
        body: ref('LoginRequest'), ok: ref('LoginResponse'), errors: [400, 429],
      }),
    },
    '/me': {
      get: operation({
        tag: TAGS.me, summary: '学生本人的学籍，个人信息为明文 (the signed-in student\'s own record)',
        description: 'registration 为本学期的注册状态（与 GET /students/{documentId}/registration 相同）：未注册的学生不能选课、参加考试。', ok: ref('OwnRecord'), errors: [404],
      }),
    },
    '/me/status-changes': {
      get: operation({ tag: TAGS.me, summary: '本人的学籍异动申请 (own requests)', ok: ref('MyStatusChanges'), errors: [404] }),
      post: operation({
        tag: TAGS.me, summary: '为自己起草学籍异动申请 (a draft request for oneself)', status: 201,
        description: '只可填写申请本身的字段；转入由学校办理。起草后以 POST /status-changes/{documentId}/submit 提交。',
        body: ref('MyStatusChangeRequest'), ok: ref('MyStatusChange'), errors: [400, 404],
      }),
    },
    '/me/notifications': { get: operation({ tag: TAGS.me, summary: '学校发给本人的通知 (own notifications)', ok: ref('MyNotifications'), errors: [404] }) },
    '/me/inbox': {
      get: operation({
        tag: TAGS.workflow, summary: '待我审批：各审批对象中等待调用者决定的申请，按到期日 (waiting for my decision)',
        description: '`overdue` 按学校日历（工作日）计算。GraphQL：myInbox。', ok: ref('InboxResponse'), errors: [],
      }),
    },
    '/students/admissions': {
      post: operation({
        tag: 'student', summary: '批量录取新生 (bulk admission, up to 5,000 students)', status: 201,
        description: '一个事务：任一行有误则什么也不写，400 列出每个错行 `data.<序号>.<字段>`。身份证号已在籍：400 指向 nationalId；每人 24 小时内至多 20 次此类答复，之后 429。',
        body: ref('AdmissionRequest'), ok: ref('AdmissionResponse'), errors: [400, 422, 429], idempotent: true,
      }),
    },
    '/students/{documentId}/reveal': {
      post: operation(
        {
          tag: 'student', summary: '查看完整个人信息（须填写理由，记入审计）(reveal personal data, with a logged reason)',
          description: '需要“查看完整个人信息”权限；与检索共用次数窗口：10 分钟 20 次，之后 429。',
          body: ref('RevealRequest'), ok: ref('RevealResponse'), errors: [400, 404, 429],
        },
        [DOCUMENT_ID],
      ),
    },
    '/status-changes/report': {
      get: operation({
        tag: 'status-change', summary: '学籍异动统计：按学期、系部、类型计数 (counts per semester, department and type)',
        description: '系部人员只见本系部的行。format=xlsx 时为 Excel 表（与后台“学籍异动统计”页相同：每系部一行、每类别一列、合计；标题行注明学期、状态与范围）。GraphQL：statusChangeReport。',
        query: [
          { name: 'semester', in: 'query', required: false, description: '如 2026-2027-1；none 为尚未提交（无学期）的草稿', schema: { type: 'string', pattern: '^(\\d{4}-\\d{4}-[12]|none)$' } },
          { name: 'state', in: 'query', required: false, description: '默认 approved', schema: { type: 'string', enum: [...REQUEST_STATES] } },
          { name: 'format', in: 'query', required: false, description: '默认 json；xlsx 下载 Excel 表', schema: { type: 'string', enum: ['json', 'xlsx'] } },
        ],
        ok: null, okContent: { ...json(ref('StatusChangeReport')), [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [400],
      }),
    },
    ...workflowPaths(STATUS_CHANGE_WORKFLOW),
    '/status-changes/decisions': {
      post: operation({
        tag: TAGS.workflow, summary: '批量决定：每项各自一个事务，逐项答复 (batch decisions, answered per request)',
        description: '每项与单个路由的结果相同；格式有误（400）或角色无此操作（403）则一项也不处理。不接受 Idempotency-Key：再次发送时已决定的各项逐项被拒（409 或 403）。GraphQL：decideStatusChanges。',
        body: ref('BatchDecisionRequest'), ok: ref('BatchDecisionResponse'), errors: [400],
      }),
    },
    '/status-changes/{documentId}/timeline': {
      get: operation(
        { tag: TAGS.workflow, summary: '流程、各轮决定、调用者此刻可用的操作 (chain, decisions and the caller\'s allowed actions)', ok: ref('ApprovalTimeline'), errors: [404] },
        [DOCUMENT_ID],
      ),
    },
    '/status-changes/{documentId}/documents': {
      post: operation(
        {
          tag: TAGS.documents, summary: '上传证明材料（草稿或退回时）(attach supporting documents)', status: 201,
          description: 'PDF、JPEG 或 PNG（按文件内容识别），每个至多 10 MB，每次至多 5 个，否则 400 指向 files；申请已提交审批时 403。文件存于 public/ 之外，只能经下面的路由读取。',
          multipart: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } },
          ok: ref('StoredDocuments'), errors: [400, 404, 413],
        },
        [DOCUMENT_ID],
      ),
    },
    '/status-changes/{documentId}/documents/{fileId}': {
      get: operation(
        {
          tag: TAGS.documents, summary: '下载一份证明材料 (download one supporting document)', ok: null,
          okContent: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
          errors: [404],
        },
        [DOCUMENT_ID, { name: 'fileId', in: 'path', required: true, description: '材料的 id（见 documents 字段或时间线）', schema: { type: 'integer' } }],
      ),
    },
    '/status-changes/{documentId}/form.pdf': {
      get: operation(
        {
          tag: TAGS.print, summary: '《学籍异动申请表》及各步审批意见，A4 PDF，内嵌思源黑体 (the request form with its decisions, as a PDF)',
          description: '能查看该申请者可打印；范围外的申请 404。文件名见 Content-Disposition（filename*，UTF-8）。',
          ok: null, okContent: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }, errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/school-classes/{documentId}/roster.pdf': {
      get: operation(
        {
          tag: TAGS.print, summary: '班级花名册，A4 PDF (a class roster as a PDF)',
          description: '按学号列出调用者可见的该班学生（学号、姓名、性别、入学年份、学籍状态）；需要查看学生的权限；范围外的班级 404。',
          ok: null, okContent: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }, errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/students/export': {
      get: operation({
        tag: TAGS.print, summary: '学生名单导出为 Excel (.xlsx)，中文表头，与列表相同的筛选与排序 (students as .xlsx)',
        description: '参数同列表：filters、sort、_q。敏感信息默认脱敏；reveal=all 或 reveal=nationalId,phone 并附 reason 时导出明文（需要查看完整个人信息的权限，记一次审计）。详见 docs/excel.md。',
        query: [
          { name: 'reveal', in: 'query', required: false, description: 'all，或以逗号分隔的 nationalId、phone、homeAddress', schema: { type: 'string' } },
          { name: 'reason', in: 'query', required: false, description: '导出明文的理由（reveal 时必填）', schema: { type: 'string' } },
        ],
        ok: null, okContent: { [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [400, 429],
      }),
    },
    '/integrity-third-party-records/import': {
      post: operation({
        tag: 'integrity-third-party-record', summary: '导入征信机构的信用卡透支、话费记录（.xlsx 或 .csv）(import third-party records, all or none)', status: 201,
        description:
          '表单字段 file：.xlsx 或 .csv（UTF-8 或 GB18030），至多 5,000 行、10 MB。列：学号 或 身份证号（按检索索引匹配，不以明文查找）、类别（信用卡透支 / 话费）、机构、日期、金额、逾期天数、说明；也接受英文字段名作表头。' +
          '只匹配调用者可见的学生。一个事务：任一行有误则什么也不写，400 的 details.errors[] 逐个指出行（row）、列（column）与单元格（cell），details.workbook 为标红并加“错误原因”列的表格副本（base64 .xlsx），文件名见 details.filename。详见 docs/integrity-third-party-import.md。',
        multipart: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
        ok: ref('ThirdPartyImportResponse'), errors: [400],
      }),
    },
    '/integrity-third-party-records/import-template': {
      get: operation({
        tag: 'integrity-third-party-record', summary: '第三方记录导入模板 (.xlsx)：表头、填写说明与一行示例 (the import template)',
        ok: null, okContent: { [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [],
      }),
    },
    '/fee-statuses/import': {
      post: operation({
        tag: 'fee-status', summary: '导入计财处的学生缴费状态（.xlsx 或 .csv，全部成功或全部不写）(import fee statuses, all or none)', status: 201,
        description:
          '表单字段 file：.xlsx 或 .csv（UTF-8 或 GB18030），至多 5,000 行、10 MB；semester：学期代码，如 2026-2027-1。列：学号、姓名（须与学籍一致）、缴费状态（已缴费 / 资助 / 欠费）、欠费金额、备注。' +
          '同一学生同一学期已有状态时更新之。只有计财处（角色“计财处”）可以导入。任一行有误则什么也不写，400 的 details.errors[] 逐个指出行与列。详见 docs/fee-status.md。',
        multipart: { type: 'object', required: ['file', 'semester'], properties: { file: { type: 'string', format: 'binary' }, semester: { type: 'string' } } },
        ok: ref('FeeImportResponse'), errors: [400],
      }),
    },
    '/fee-statuses/import-template': {
      get: operation({
        tag: 'fee-status', summary: '缴费状态导入模板 (.xlsx)：表头、填写说明与一行示例 (the import template)',
        ok: null, okContent: { [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [],
      }),
    },
    ...integrityPaths(),
    ...materialPaths(),
    ...registrationPaths(),
    ...archivePaths(),
    ...transferPaths(),
    ...rosterPaths(),
    '/graphql': {
      servers: [{ url: '/', description: 'GraphQL 不在 /api 之下' }],
      post: operation({
        tag: 'GraphQL', summary: 'GraphQL：与 REST 相同的类型、权限与范围 (the same types, permissions and scope as REST)',
        description: '错误在 `errors[].extensions.code` 中（FORBIDDEN、BAD_USER_INPUT...），HTTP 状态多为 200。生产环境关闭 introspection。',
        body: ref('GraphqlRequest'), ok: ref('GraphqlResponse'), errors: [400],
      }),
    },
  };
}
