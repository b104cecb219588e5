/**
 * Turns the database's refusals (unique indexes, check constraints, values of the wrong type) into
 * the 400 a client should see, naming the field where the database says which. The constraint
 * names are those of database/migrations/.
 */
import { errors } from '@strapi/utils';
import { conflict } from './approval/errors';
import { fieldError } from './field-error';
import { Forbidden } from './forbidden';

const CONSTRAINT_FIELDS: Record<string, { path: string; message: string }> = {
  departments_code_uq: { path: 'code', message: '系部代码已被使用 (department code is already taken)' },
  departments_name_uq: { path: 'name', message: '系部名称已被使用 (department name is already taken)' },
  majors_unique_key_uq: { path: 'code', message: '该系部已有此专业代码 (major code is already used in this department)' },
  school_classes_unique_key_uq: {
    path: 'sequence',
    message: '该专业本年级已有此班级序号 (class sequence is already used for this major and year)',
  },
  offices_kind_uq: { path: 'kind', message: '该类职能部门已存在 (an office of this kind already exists)' },
  students_student_number_uq: { path: 'studentNumber', message: '学号已被使用 (student number is already taken)' },
  students_national_id_index_uq: {
    path: 'nationalId',
    message: '已有学生使用此身份证号码 (another student has this national ID number)',
  },
  student_number_counters_range: { path: 'schoolClass', message: '班级已满 99 人 (the class is full: 99 students)' },
  approval_chains_one_active_uq: {
    path: 'active',
    message: '同一层级和异动类别已有启用的审批流程，请先停用原流程 (another active chain has this tier and change type)',
  },
  approval_chains_one_active_sub_type_uq: {
    path: 'active',
    message: '同一申请类别、层级和子类别已有启用的审批流程，请先停用原流程 (another active chain has this subject, tier and sub-type)',
  },
  calendar_days_date_uq: { path: 'date', message: '校历中已有这一天 (this date is already in the calendar)' },
  calendar_days_kind_ck: { path: 'kind', message: '类别应为法定节假日或调休上班日 (kind must be holiday or make-up-workday)' },
  semesters_code_uq: { path: 'code', message: '已有此学期 (this semester already exists)' },
  semesters_code_ck: { path: 'code', message: '学期代码应形如 2026-2027-1 (code must look like 2026-2027-1)' },
  semesters_dates_ck: { path: 'endDate', message: '学期结束日期应晚于开始日期 (endDate must be after startDate)' },
  semesters_registration_days_ck: { path: 'registrationWorkingDays', message: '注册期限应为 1 至 60 个工作日 (1 to 60 working days)' },
  status_changes_one_open_uq: { path: 'student', message: '该学生已有一项学籍异动申请正在办理 (the student already has a request under way)' },
  integrity_appeals_one_open_uq: { path: 'record', message: '此记录已有一项申诉正在办理 (the record already has an appeal under way)' },
  // database/migrations/2026.12.02T00.00.00.registrations.sql
  registrations_one_per_semester_uq: { path: 'student', message: '该学生本学期已有注册记录 (the student already has a registration for this semester)' },
  registration_deferrals_one_per_semester_uq: { path: 'semester', message: '本学期已有一项延期注册申请正在办理或已获批准 (a deferral for this semester is under way or granted)' },
  fee_statuses_one_per_semester_uq: { path: 'student', message: '该学生本学期已有缴费状态，请修改原记录 (the student already has a fee status for this semester; edit it)' },
  fee_statuses_status_ck: { path: 'status', message: 'status 须为 paid / aid / owing 之一' },
  fee_statuses_amount_ck: { path: 'amountOwed', message: '欠费金额不能为负数 (amountOwed cannot be negative)' },
  integrity_amendments_one_open_uq: { path: 'record', message: '此记录已有一项修定申请正在办理 (the record already has an amendment under way)' },
  // database/migrations/2026.12.01T14.00.00.integrity-one-request-per-record.sql
  integrity_appeals_other_kind_open: {
    path: 'record',
    message: '此记录已有一项修定申请正在办理，办结后才能申诉 (the record has an amendment under way)',
  },
  integrity_amendments_other_kind_open: {
    path: 'record',
    message: '此记录已有一项申诉正在办理，办结后才能申请修定 (the record has an appeal under way)',
  },
  // database/migrations/2026.12.02T02.00.00.student-archive.sql
  material_kinds_name_uq: { path: 'name', message: '已有同名的材料种类 (a material kind of this name exists)' },
  material_kinds_category_ck: { path: 'category', message: 'category 须为 admission / academic / status-change / rewards-discipline / graduation / other 之一' },
  // database/migrations/2026.12.02T15.00.00.archive-transfers.sql
  archive_transfers_register_number_uq: { path: 'registerNumber', message: '转递登记簿中已有此编号 (registerNumber is already in the transfer register)' },
};

/** Refusals that are not the client's input: another decision came first, or a record is final. */
const CONFLICTS: Record<string, () => Error> = {
  material_kinds_in_use: () => new Forbidden('已有档案材料使用此种类，不能删除；可改为停用 (a kind in use is retired, not deleted)'),
  approval_decisions_one_per_step_uq: () => conflict('此步骤已有审批决定，请刷新后再试 (this step has just been decided; reload)'),
  archive_transfers_one_per_archive_uq: () => conflict('该学籍档案已有一项转递正在办理或已转递 (the archive already has a transfer under way or done)'),
  approval_decisions_one_per_person_uq: () => new Forbidden('您已对此申请作出过审批决定 (you have already decided on this request)'),
  // database/migrations/2026.12.02T15.10.00.class-roster.sql: two registry clerks producing the same class's roster at once.
  class_rosters_one_open_per_class_uq: () => conflict('该班级已有一份尚未复审盖章的学籍名册 (the class already has an open roster)'),
};

const APPEND_ONLY = /_append_only$/;
/** SQLSTATE class 22, data exceptions: a value the column cannot hold or compare ("abc" for an integer, a NUL byte). */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
const INVALID_VALUE = '请求中的某个值不符合字段类型 (a value in the request does not fit its field)';

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** The ValidationError for a known constraint violation or a data exception, or the error itself. */
export function toClientError(error: unknown): unknown {
  const pg = error as PgError;
  if (pg?.constraint && CONFLICTS[pg.constraint]) return CONFLICTS[pg.constraint]();
  if (pg?.code === '42501' && pg.constraint && APPEND_ONLY.test(pg.constraint)) {
    return new Forbidden('此记录只增不改，不能修改或删除 (this record is kept as written)');
  }
  if (typeof pg?.code === 'string' && DATA_EXCEPTION.test(pg.code)) {
    return fieldError(pg.column ?? 'value', INVALID_VALUE);
  }
  if (!pg || (pg.code !== '23505' && pg.code !== '23514') || !pg.constraint) return error;
  const known = CONSTRAINT_FIELDS[pg.constraint];
  if (!known) return error;
  return new errors.ValidationError(known.message, {
    errors: [{ path: [known.path], message: known.message, name: 'ValidationError', value: null }],
  });
}

/** Runs `work`, rethrowing constraint violations as ValidationErrors. */
export async function withClientErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toClientError(error);
  }
}
