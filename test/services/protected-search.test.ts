/**
 * The inspection of database queries for personal data (src/services/protected-search/inspect.ts):
 * one exact value at the top level of a student query passes, everything else is refused with the
 * field's path. A small model stands in for Strapi's metadata.
 */
import { inspectQuery, withBlindIndex } from '../../src/services/protected-search/inspect';
import type { ModelAttributes } from '../../src/services/scope/query-scope';

const STUDENT = 'api::student.student';
const CLASS = 'api::school-class.school-class';
const CHANGE = 'api::status-change.status-change';
const ID = '430102200509150015';

const MODEL: Record<string, Record<string, { type: string; target?: string }>> = {
  [STUDENT]: { name: { type: 'string' }, nationalId: { type: 'string' }, phone: { type: 'string' }, schoolClass: { type: 'relation', target: CLASS } },
  [CLASS]: { name: { type: 'string' }, students: { type: 'relation', target: STUDENT } },
  [CHANGE]: { student: { type: 'relation', target: STUDENT }, incomingNationalId: { type: 'string' } },
};
const attributesOf: ModelAttributes = (uid) => MODEL[uid];

describe('allowed: one exact value on the student itself', () => {
  test.each([
    ['implicit equality', { nationalId: ID }],
    ['$eq', { nationalId: { $eq: ID } }],
    ['inside the top-level $and', { $and: [{ name: 'x' }, { phone: { $eq: '13812345678' } }] }],
    ['beside the scope condition', { $and: [{ $and: [{ nationalId: ID }] }, { schoolClass: { id: 1 } }] }],
  ])('%s', (_label, where) => {
    const inspection = inspectQuery(STUDENT, { where }, attributesOf);

    expect(inspection.ok && inspection.exact !== null).toBe(true);
  });

  test('no personal data at all: nothing to count', () => {
    expect(inspectQuery(STUDENT, { where: { name: 'x' }, orderBy: [{ name: 'asc' }] }, attributesOf)).toEqual({ ok: true, exact: null });
  });

  test('the exact condition is answered by the blind index', () => {
    const inspection = inspectQuery(STUDENT, { where: { $and: [{ nationalId: ID }] } }, attributesOf);
    if (!inspection.ok || !inspection.exact) throw new Error('expected an exact search');

    expect(withBlindIndex({ where: { $and: [{ nationalId: ID }] } }, inspection.exact, 'hmac')).toEqual({ where: { $and: [{ nationalIdIndex: { $eq: 'hmac' } }] } });
  });
});

describe('refused, naming the field', () => {
  test.each([
    ['$or', STUDENT, { where: { $or: [{ nationalId: ID }, { nationalId: '11010519491231002X' }] } }, 'nationalId'],
    ['$not', STUDENT, { where: { $not: { nationalId: ID } } }, 'nationalId'],
    ['$in', STUDENT, { where: { nationalId: { $in: [ID] } } }, 'nationalId'],
    ['an implicit list', STUDENT, { where: { nationalId: [ID, '11010519491231002X'] } }, 'nationalId'],
    ['$eq beside another operator', STUDENT, { where: { phone: { $eq: '1', $ne: '2' } } }, 'phone'],
    ['$null', STUDENT, { where: { phone: { $null: true } } }, 'phone'],
    ['a number', STUDENT, { where: { phone: 13812345678 } }, 'phone'],
    ['a masked value', STUDENT, { where: { nationalId: '430***************' } }, 'nationalId'],
    ['the blind index itself', STUDENT, { where: { nationalIdIndex: { $eq: 'x' } } }, 'nationalId'],
    ['two values', STUDENT, { where: { $and: [{ nationalId: ID }, { phone: '13812345678' }] } }, 'phone'],
    ['through a relation', CHANGE, { where: { student: { nationalId: ID } } }, 'student.nationalId'],
    ['through two relations', CLASS, { where: { students: { schoolClass: { students: { phone: '1' } } } } }, 'students.schoolClass.students.phone'],
    ['a transfer-in national ID', CHANGE, { where: { incomingNationalId: ID } }, 'incomingNationalId'],
    ['a sort', STUDENT, { orderBy: [{ nationalId: 'asc' }] }, 'nationalId'],
    ['a sort as text', STUDENT, { orderBy: 'phone:desc' }, 'phone'],
    ['a sort through a relation', CLASS, { orderBy: { students: { nationalIdCipher: 'asc' } } }, 'students.nationalId'],
    ['a populate filter', CLASS, { populate: { students: { where: { nationalId: ID } } } }, 'students.nationalId'],
    ['a nested populate sort', CHANGE, { populate: { student: { populate: { schoolClass: { populate: { students: { orderBy: 'phone' } } } } } } }, 'student.schoolClass.students.phone'],
  ])('%s', (_label, uid, params, path) => {
    expect(inspectQuery(uid, params, attributesOf)).toEqual({ ok: false, path });
  });
});
