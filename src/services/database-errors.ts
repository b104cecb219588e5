/**
 * Turns the database's refusals (unique indexes, check constraints) into the 400 a client should
 * see, naming the field. The constraint names are those of database/migrations/.
 */
import { errors } from '@strapi/utils';

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
};

interface PgError {
  code?: string;
  constraint?: string;
}

/** The ValidationError for a known constraint violation, or the error itself. */
export function toClientError(error: unknown): unknown {
  const pg = error as PgError;
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
