/**
 * Admission: the one path by which a student gets a record and a number, for a single create
 * (through the Document Service middleware) and for bulk admission alike.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkAdmission, type AdmissionInput, type FieldProblem } from '../../../domain/admission';
import { MAX_STUDENTS_PER_CLASS } from '../../../domain/constants';
import { studentNumber } from '../../../domain/student-number';
import {
  personalDataCipher,
  protectHomeAddress,
  protectNationalId,
  protectPhone,
} from '../../../services/personal-data';
import { findClassFacts, type ClassFacts } from '../repositories/class-facts';
import { advanceCounters, lockCounters } from '../repositories/number-counters';
import { insertAdmittedStudents } from '../repositories/student-rows';
import { departmentInScope, type Scope } from '../../../domain/scope';
import { withoutScope } from '../../../services/scope/context';
import { SYSTEM_ACTOR, type Actor } from '../../../services/scope/actor';
import { assertIdentityChecksAllowed, recordIdentityMatches } from '../../../services/identity-match';
import { today } from '../../../services/clock';
import { withClientErrors } from '../../../services/database-errors';
import { recordAudit } from '../../../services/audit/record';
import { admissionEntries } from '../../../services/audit/admissions';
import { Forbidden } from '../../../services/forbidden';

export interface RowProblem extends FieldProblem {
  index: number;
}

export interface PreparedStudent {
  classFacts: ClassFacts;
  /** Attribute values to store, personal data already protected; relations not included. */
  fields: Record<string, unknown>;
}

/** The 400 for a set of bad rows; `rowPath` puts `data.<index>` before each field. */
export function admissionError(problems: RowProblem[], rowPath: boolean): errors.ValidationError {
  const rows = new Set(problems.map((p) => p.index)).size;
  const message = rowPath
    ? `${rows} 行数据有误，未录取任何学生 (${rows} rows are invalid; nothing was admitted)`
    : problems.map((p) => p.message).join('; ');
  return new errors.ValidationError(message, {
    errors: problems.map((p) => ({
      path: rowPath ? ['data', String(p.index), ...p.path] : p.path,
      message: p.message,
      name: 'ValidationError',
      value: null,
    })),
  });
}

/** Duplicates within the rows and with students on record; a match says no more than that (src/services/identity-match.ts). */
async function checkIdentityIsNew(strapi: Core.Strapi, rows: Array<{ index: number; nationalIdIndex: string }>, actor: Actor) {
  await assertIdentityChecksAllowed(strapi, actor);
  const problems: RowProblem[] = [];
  const firstIndex = new Map<string, number>();
  for (const row of rows) {
    const earlier = firstIndex.get(row.nationalIdIndex);
    if (earlier === undefined) firstIndex.set(row.nationalIdIndex, row.index);
    else problems.push({ index: row.index, path: ['nationalId'], message: `身份证号码与第 ${earlier} 行重复 (same national ID as row ${earlier})` });
  }
  // The system's own uniqueness check, across the school: the searches gate does not apply.
  const taken = (await withoutScope(() =>
    strapi.db.query('api::student.student').findMany({
      where: { nationalIdIndex: { $in: [...firstIndex.keys()] } },
      select: ['documentId', 'nationalIdIndex'],
    }),
  )) as Array<{ documentId: string; nationalIdIndex: string }>;
  await recordIdentityMatches(strapi, actor, taken.map((student) => student.documentId));
  for (const { nationalIdIndex } of taken) {
    problems.push({
      index: firstIndex.get(nationalIdIndex) as number,
      path: ['nationalId'],
      message: '已有学生使用此身份证号码 (another student has this national ID number)',
    });
  }
  return problems;
}

function protectedFields(cipher: ReturnType<typeof personalDataCipher>, input: AdmissionInput, nationalIdColumns: ReturnType<typeof protectNationalId>) {
  return {
    name: input.name,
    gender: input.gender,
    birthDate: input.birthDate,
    ...nationalIdColumns,
    ...protectPhone(cipher, input.phone),
    ...protectHomeAddress(cipher, input.homeAddress),
    ethnicity: input.ethnicity,
    politicalStatus: input.politicalStatus,
    studyForm: input.studyForm,
    programLength: input.programLength,
    status: 'admitted',
  };
}

/** Checks rows against every rule; throws one error naming every bad row and field. */
async function checkRows(strapi: Core.Strapi, rows: Record<string, unknown>[], rowPath: boolean, actor: Actor) {
  const problems: RowProblem[] = [];
  const valid: Array<{ index: number; input: AdmissionInput }> = [];
  const date = today();
  rows.forEach((row, index) => {
    const checked = checkAdmission(row, date);
    if (checked.ok) valid.push({ index, input: checked.value });
    else problems.push(...checked.problems.map((p) => ({ ...p, index })));
  });
  const classes = await findClassFacts(strapi, valid.map((v) => v.input.schoolClass));
  const cipher = personalDataCipher();
  const identities = valid.map((v) => ({ ...v, nationalIdColumns: protectNationalId(cipher, v.input.nationalId) }));
  for (const v of valid) {
    if (!classes.has(v.input.schoolClass)) {
      problems.push({ index: v.index, path: ['schoolClass'], message: '班级不存在，或未设置所属专业与系部 (no such class, or it has no major and department)' });
    }
  }
  problems.push(...(await checkIdentityIsNew(strapi, identities.map((i) => ({ index: i.index, nationalIdIndex: i.nationalIdColumns.nationalIdIndex })), actor)));
  if (problems.length > 0) throw admissionError(problems.sort((a, b) => a.index - b.index), rowPath);
  // Encrypted here, before the counters are locked, so that the lock is held for numbering only.
  return identities.map((i) => ({
    index: i.index,
    classFacts: classes.get(i.input.schoolClass) as ClassFacts,
    fields: protectedFields(cipher, i.input, i.nationalIdColumns),
  }));
}

/**
 * Validates and numbers rows inside the caller's transaction; nothing is written but counters.
 * `actor` is the person admitting (for the identity-match limit), the system by default.
 */
export async function prepareAdmissions(strapi: Core.Strapi, rows: Record<string, unknown>[], rowPath: boolean, actor: Actor = SYSTEM_ACTOR): Promise<PreparedStudent[]> {
  const checked = await checkRows(strapi, rows, rowPath, actor);
  return strapi.db.transaction(async ({ trx }) => {
    const last = await lockCounters(trx, checked.map((c) => c.classFacts.prefix));
    const problems: RowProblem[] = [];
    const prepared = checked.map((c) => {
      const sequence = (last.get(c.classFacts.prefix) ?? 0) + 1;
      last.set(c.classFacts.prefix, sequence);
      if (sequence > MAX_STUDENTS_PER_CLASS) {
        problems.push({ index: c.index, path: ['schoolClass'], message: `班级已满 ${MAX_STUDENTS_PER_CLASS} 人，无法再编学号 (the class is full: ${MAX_STUDENTS_PER_CLASS} students)` });
        return null;
      }
      const fields = {
        ...c.fields,
        studentNumber: studentNumber(c.classFacts.prefix, sequence),
        enrollmentYear: c.classFacts.enrollmentYear,
        departmentScope: c.classFacts.department.id,
      };
      return { classFacts: c.classFacts, fields };
    });
    if (problems.length > 0) throw admissionError(problems, rowPath);
    await advanceCounters(trx, last);
    return prepared as PreparedStudent[];
  });
}

/** A user limited to some departments admits only into their classes: 403 naming the rows. */
async function assertRowsInScope(strapi: Core.Strapi, rows: Record<string, unknown>[], scope: Scope) {
  if (scope.kind === 'all') return;
  const classIds = rows.map((row) => (typeof row.schoolClass === 'string' ? row.schoolClass : ''));
  const classes = await findClassFacts(strapi, classIds.filter(Boolean));
  const outside = classIds
    .map((id, index) => ({ index, facts: classes.get(id) }))
    .filter(({ facts }) => facts && !departmentInScope(scope, facts.department.id))
    .map(({ index }) => index);
  if (outside.length > 0) {
    throw new Forbidden(`第 ${outside.join(', ')} 行的班级不属于本系部 (rows ${outside.join(', ')} are outside your department)`);
  }
}

type Admitted = Awaited<ReturnType<typeof insertAdmittedStudents>>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Admits every row or none: one transaction, the same rules as one at a time. */
  async function admitMany(rows: Record<string, unknown>[], scope: Scope = { kind: 'all' }, actor: Actor = SYSTEM_ACTOR) {
    // Numbering and uniqueness are the system's work: they see every student, whoever asks.
    return withoutScope(async () => {
      await assertRowsInScope(strapi, rows, scope);
      return strapi.db.transaction(async ({ trx }) => {
        const prepared = await prepareAdmissions(strapi, rows, true, actor);
        return insertAdmittedStudents(strapi, trx, prepared);
      });
    });
  }

  /**
   * A person's bulk admission (the REST route and the Excel import): admitMany in the person's
   * scope with one audit line per student, and `after` (more writes) in the same transaction.
   */
  async function admitForActor(rows: Record<string, unknown>[], actor: Actor, after?: (students: Admitted) => Promise<void>): Promise<Admitted> {
    return withClientErrors(() =>
      strapi.db.transaction(async () => {
        const students = await admitMany(rows, actor.scope, actor);
        await recordAudit(strapi, admissionEntries(rows, students), actor);
        if (after) await after(students);
        return students;
      }),
    );
  }

  return { admitMany, admitForActor };
};
