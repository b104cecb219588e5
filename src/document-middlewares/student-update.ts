/**
 * Editing a student: personal data is re-validated and re-encrypted, a masked value sent back
 * unchanged leaves the stored one alone, the number never changes, and moving to another class
 * carries the class's major, department and year with it.
 */
import { NATIONAL_ID_MESSAGES, parseNationalId } from '../domain/national-id';
import { isPhoneNumber } from '../domain/contact';
import { findClassFacts, requireClassDocumentId } from '../api/student/repositories/class-facts';
import { fieldError } from '../services/field-error';
import { personalDataCipher, protectHomeAddress, protectNationalId, protectPhone } from '../services/personal-data';
import { relationTarget } from '../services/relations';
import { assertDerivedAgree, PROTECTED_COLUMNS } from './student-derived';
import type { DocumentMiddlewareFactory } from './types';
import { today } from '../services/clock';

const UID = 'api::student.student';

interface CurrentStudent {
  id: number;
  studentNumber: string;
  nationalId: string;
  phone: string | null;
  homeAddress: string | null;
  gender: string | null;
  birthDate: string | null;
  schoolClass?: { documentId: string } | null;
}

const blank = (value: unknown) => value === null || value === '';

function nationalIdChanges(data: Record<string, unknown>, current: CurrentStudent) {
  const value = data.nationalId;
  if (value === undefined || value === current.nationalId) return { gender: current.gender, birthDate: current.birthDate, columns: {} };
  if (typeof value !== 'string' || blank(value)) throw fieldError('nationalId', '身份证号码必填 (nationalId is required)');
  const parsed = parseNationalId(value, today());
  if (!parsed.ok) throw fieldError('nationalId', NATIONAL_ID_MESSAGES[parsed.problem]);
  const columns = protectNationalId(personalDataCipher(), parsed.facts.value);
  return { gender: parsed.facts.gender, birthDate: parsed.facts.birthDate, columns: { ...columns, birthDate: parsed.facts.birthDate } };
}

function contactChanges(data: Record<string, unknown>, current: CurrentStudent) {
  const cipher = personalDataCipher();
  const columns: Record<string, unknown> = {};
  const phone = data.phone;
  if (phone !== undefined && phone !== current.phone) {
    if (!blank(phone) && (typeof phone !== 'string' || !isPhoneNumber(phone.trim()))) {
      throw fieldError('phone', '电话号码格式错误 (phone is not a valid phone number)');
    }
    Object.assign(columns, protectPhone(cipher, blank(phone) ? null : String(phone).trim()));
  }
  const address = data.homeAddress;
  if (address !== undefined && address !== current.homeAddress) {
    if (!blank(address) && (typeof address !== 'string' || address.length > 200)) {
      throw fieldError('homeAddress', '家庭住址最多 200 字 (homeAddress must be a string of at most 200 characters)');
    }
    Object.assign(columns, protectHomeAddress(cipher, blank(address) ? null : String(address).trim()));
  }
  return columns;
}

async function classChanges(strapi: Parameters<DocumentMiddlewareFactory>[0], data: Record<string, unknown>, current: CurrentStudent) {
  const target = relationTarget(data.schoolClass, 'schoolClass');
  if (target === null) throw fieldError('schoolClass', '学生必须属于一个班级 (a student must belong to a class)');
  const documentId = target ? await requireClassDocumentId(strapi, target) : current.schoolClass?.documentId;
  if (!documentId) throw fieldError('schoolClass', '班级不存在 (no such class)');
  const facts = (await findClassFacts(strapi, [documentId])).get(documentId);
  if (!facts) throw fieldError('schoolClass', '班级未设置所属专业与系部 (the class has no major and department)');
  return facts;
}

export const studentUpdate: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid !== UID || context.action !== 'update' || !context.params.data) return next();
  const data: Record<string, unknown> = { ...context.params.data };
  const current = (await strapi.db.query(UID).findOne({
    where: { documentId: context.params.documentId },
    populate: { schoolClass: { select: ['documentId'] } },
  })) as CurrentStudent | null;
  if (!current) return next();
  if (data.studentNumber !== undefined && data.studentNumber !== current.studentNumber) {
    throw fieldError('studentNumber', '学号不能修改 (studentNumber cannot be changed)');
  }
  const identity = nationalIdChanges(data, current);
  if (!blank(data.gender) && data.gender !== undefined && data.gender !== identity.gender) {
    throw fieldError('gender', '性别与身份证号码不符 (gender does not match the national ID number)');
  }
  const facts = await classChanges(strapi, data, current);
  assertDerivedAgree(data, facts, identity.birthDate);
  const rest = Object.fromEntries(Object.entries(data).filter(([key]) => !PROTECTED_COLUMNS.includes(key) && !['nationalId', 'phone', 'homeAddress', 'gender'].includes(key)));
  const moved = relationTarget(data.schoolClass, 'schoolClass') !== undefined;
  context.params.data = {
    ...rest,
    ...(data.status !== undefined ? { status: data.status } : {}),
    ...identity.columns,
    ...(identity.gender ? { gender: identity.gender } : {}),
    ...contactChanges(data, current),
    ...(moved
      ? {
          schoolClass: facts.documentId,
          major: facts.major.documentId,
          department: facts.department.documentId,
          enrollmentYear: facts.enrollmentYear,
          departmentScope: facts.department.id,
        }
      : {}),
  };
  return next();
};
