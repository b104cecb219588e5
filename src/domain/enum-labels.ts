/** Chinese names of every enumeration value the content types store. */
import { STUDENT_STATUS_LABELS } from './constants';
import { REQUEST_ROLE_LABELS } from './approval-vocabulary';
import { CHANGE_TYPE_LABELS, REQUEST_STATE_LABELS } from './status-change';
import { FEE_STATUS_LABELS, REGISTRATION_STATE_LABELS } from './registration';
import { ACCESS_LOG_ACTION_LABELS, ACCESS_LOG_CHANNEL_LABELS, ARCHIVE_CUSTODY_LABELS, ARCHIVE_STATE_LABELS, MATERIAL_CATEGORY_LABELS, TRANSFER_REASON_LABELS } from './student-archive';
import { TRANSFER_CHECK_RESULT_LABELS, TRANSFER_METHOD_LABELS, TRANSFER_STATE_LABELS } from './archive-transfer';
import { LINE_STATE_LABELS, ROSTER_FIELD_LABELS, ROSTER_STATE_LABELS } from './class-roster';
import { INDICATOR_LABELS, RECORD_EVENT_LABELS, RECORD_KIND_LABELS, RECORD_STATE_LABELS, SELF_ENTRY_CATEGORY_LABELS, THIRD_PARTY_CATEGORY_LABELS } from './integrity';

const { withdrawn: _requestWithdrawn, ...REQUEST_STATES_BUT_WITHDRAWN } = REQUEST_STATE_LABELS;

export const ENUM_LABELS: Record<string, string> = {
  // student.status (domain.md 2)
  ...STUDENT_STATUS_LABELS,
  // student.gender
  male: '男',
  female: '女',
  // student.studyForm
  'full-time': '全日制',
  'part-time': '非全日制',
  // office.kind (domain.md 1)
  'academic-affairs': '教务处',
  'student-affairs': '学生工作处',
  archive: '档案室',
  leadership: '校领导',
  'leadership-meeting': '校领导会议',
  security: '保卫处',
  finance: '计财处',
  'youth-league': '校团委',
  library: '图书馆',
  organisation: '组织部',
  admissions: '招生就业处',
  // staff-membership.position
  clerk: '教务员',
  manager: '管理员',
  leader: '负责人',
  // status-change.type (domain.md 3)
  ...CHANGE_TYPE_LABELS,
  // status-change.tier and approval-chain.tier
  general: '一般',
  important: '重要',
  special: '特殊',
  // status-change.state ('withdrawn' is shared with the student status: see STATE_LABELS)
  ...REQUEST_STATES_BUT_WITHDRAWN,
  // approval-decision.decision
  approve: '同意',
  reject: '不同意',
  return: '退回',
  // approval units: the request's roles and several offices (single offices are above)
  ...REQUEST_ROLE_LABELS,
  // status-change.suspensionCause and withdrawalKind
  illness: '因病',
  personal: '因事',
  voluntary: '自愿退学',
  disciplinary: '处分退学',
  // approval-chain.subject
  'status-change': '学籍异动',
  // calendar-day.kind
  holiday: '法定节假日',
  'make-up-workday': '调休上班日',
  // the integrity archive (domain.md 5)
  'integrity-appeal': '诚信记录申诉',
  'integrity-amendment': '诚信记录修定',
  ...INDICATOR_LABELS,
  ...RECORD_KIND_LABELS,
  ...RECORD_STATE_LABELS,
  ...RECORD_EVENT_LABELS,
  ...SELF_ENTRY_CATEGORY_LABELS,
  ...THIRD_PARTY_CATEGORY_LABELS,
  school: '校级',
  open: '在档',
  closed: '已封存',
  pending: '待审核',
  reviewed: '已审核',
  // semester registration (domain.md 4); a registration's own words for submitted / approved are REGISTRATION_STATE_LABELS
  registration: '学籍注册',
  'registration-deferral': '延期注册',
  expected: REGISTRATION_STATE_LABELS.expected,
  'department-reviewed': REGISTRATION_STATE_LABELS['department-reviewed'],
  registered: REGISTRATION_STATE_LABELS.registered,
  deferred: REGISTRATION_STATE_LABELS.deferred,
  missed: REGISTRATION_STATE_LABELS.missed,
  ...FEE_STATUS_LABELS,
  manual: '逐条登记',
  import: '导入',
  // the student archive (domain.md 6); values another list names otherwise (department, academic,
  // status-change, transferred) take their archive names from ARCHIVE_FIELD_LABELS on those fields
  'archive-office': ARCHIVE_CUSTODY_LABELS['archive-office'],
  transferred: ARCHIVE_STATE_LABELS.transferred,
  building: ARCHIVE_STATE_LABELS.building,
  complete: ARCHIVE_STATE_LABELS.complete,
  'in-custody': ARCHIVE_STATE_LABELS['in-custody'],
  'transfer-requested': ARCHIVE_STATE_LABELS['transfer-requested'],
  'receipt-overdue': ARCHIVE_STATE_LABELS['receipt-overdue'],
  admission: MATERIAL_CATEGORY_LABELS.admission,
  'rewards-discipline': MATERIAL_CATEGORY_LABELS['rewards-discipline'],
  graduation: MATERIAL_CATEGORY_LABELS.graduation,
  other: MATERIAL_CATEGORY_LABELS.other,
};

/** The archive's enumerations by field, where a value's name differs from ENUM_LABELS' (department is 系部整理中 as a custody). */
export const ARCHIVE_FIELD_LABELS: Readonly<Record<string, Record<string, Record<string, string>>>> = {
  'api::student-archive.student-archive': { custody: { ...ARCHIVE_CUSTODY_LABELS }, state: { ...ARCHIVE_STATE_LABELS } },
  'api::archive-material.archive-material': { category: { ...MATERIAL_CATEGORY_LABELS }, custody: { ...ARCHIVE_CUSTODY_LABELS } },
  'api::material-kind.material-kind': { category: { ...MATERIAL_CATEGORY_LABELS } },
  'api::archive-access-log.archive-access-log': { channel: { ...ACCESS_LOG_CHANNEL_LABELS }, action: { ...ACCESS_LOG_ACTION_LABELS }, custody: { ...ARCHIVE_CUSTODY_LABELS } },
  'api::archive-transfer.archive-transfer': {
    reason: { ...TRANSFER_REASON_LABELS },
    state: { ...TRANSFER_STATE_LABELS },
    method: { ...TRANSFER_METHOD_LABELS },
    checkResult: { ...TRANSFER_CHECK_RESULT_LABELS },
    custody: { ...ARCHIVE_CUSTODY_LABELS },
  },
  // The class roster check: its states and the fields a student may report (pending, confirmed... mean other things elsewhere).
  'api::class-roster.class-roster': { state: { ...ROSTER_STATE_LABELS } },
  'api::roster-line.roster-line': { state: { ...LINE_STATE_LABELS }, errorField: { ...ROSTER_FIELD_LABELS } },
};

/** A status change's `withdrawn` state is 已撤回, not the student status 退学 of the same value. */
export const STATE_LABELS: Record<string, string> = { withdrawn: REQUEST_STATE_LABELS.withdrawn };
