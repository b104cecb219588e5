/**
 * The student's own integrity archive (/api/me/integrity): the summary, their confirmed records,
 * their own part, appeals, amendments and the third party's records; signing the integrity
 * commitment (承诺书) and the service agreement (服务协议) in their current versions; and writing
 * their own part, which their department then reviews.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { signedInStudent } from '../../api/student/repositories/own-student';
import { SELF_ENTRY_CATEGORIES } from '../../domain/integrity';
import { recordAudit } from '../audit/record';
import { now as clockNow } from '../clock';
import { fieldError } from '../field-error';
import { loadIntegritySettings } from '../school-settings';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { openArchiveOf, archiveOfStudent } from './archive';
import { summaryBody } from './summary';
import { INTEGRITY_AMENDMENT, INTEGRITY_APPEAL, INTEGRITY_ARCHIVE, INTEGRITY_RECORD, INTEGRITY_SELF_ENTRY, INTEGRITY_THIRD_PARTY } from './uids';
import type { SummaryRecord } from '../../domain/integrity';
import { Forbidden } from '../forbidden';

async function ownStudent(strapi: Core.Strapi): Promise<{ id: number; documentId: string; name: string; studentNumber: string; userId: number }> {
  const row = await signedInStudent(strapi, '我的诚信档案');
  return { id: row.id, documentId: row.documentId, name: row.name, studentNumber: row.studentNumber, userId: row.userId };
}

const pick = (row: Record<string, any>, fields: string[]) => Object.fromEntries(['documentId', ...fields].map((field) => [field, row[field] ?? null]));

export async function myIntegrity(strapi: Core.Strapi) {
  const student = await ownStudent(strapi);
  const archive = await archiveOfStudent(strapi, student.id);
  if (!archive) throw new errors.NotFoundError('没有诚信档案 (no integrity archive)');
  const full = (await withoutScope(() => strapi.db.query(INTEGRITY_ARCHIVE as never).findOne({ where: { id: archive.id } }))) as Record<string, any>;
  const settings = await loadIntegritySettings(strapi);
  // Read in the student's own scope: their confirmed records, and nobody else's.
  const where = { student: { id: student.id } };
  const records = (await strapi.db.query(INTEGRITY_RECORD as never).findMany({ where, orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }] })) as Array<Record<string, any>>;
  const selfEntries = (await strapi.db.query(INTEGRITY_SELF_ENTRY as never).findMany({ where, orderBy: [{ startedOn: 'desc' }, { id: 'desc' }] })) as Array<Record<string, any>>;
  const appeals = (await strapi.db.query(INTEGRITY_APPEAL as never).findMany({ where, populate: { record: { select: ['documentId', 'title'] } }, orderBy: [{ id: 'desc' }] })) as Array<Record<string, any>>;
  const amendments = (await strapi.db.query(INTEGRITY_AMENDMENT as never).findMany({ where, populate: { record: { select: ['documentId', 'title'] } }, orderBy: [{ id: 'desc' }] })) as Array<Record<string, any>>;
  const thirdParty = (await strapi.db.query(INTEGRITY_THIRD_PARTY as never).findMany({ where, orderBy: [{ occurredOn: 'desc' }] })) as Array<Record<string, any>>;
  const signature = (kind: 'commitment' | 'agreement', current: string) => ({
    version: full[`${kind}Version`] ?? null,
    signedAt: full[`${kind}SignedAt`] ?? null,
    currentVersion: current,
    needsSigning: full[`${kind}Version`] !== current,
  });
  return {
    archive: {
      documentId: full.documentId,
      state: full.state,
      closedAt: full.closedAt ?? null,
      commitment: signature('commitment', settings.commitmentVersion),
      agreement: signature('agreement', settings.agreementVersion),
    },
    summary: summaryBody(records.map((r) => ({ indicator: r.indicator, kind: r.kind, state: r.state }) as SummaryRecord), settings.thresholds),
    records: records.map((r) => pick(r, ['indicator', 'kind', 'title', 'description', 'occurredOn', 'sourceOffice', 'level', 'state', 'version', 'confirmedAt', 'acknowledgedAt'])),
    selfEntries: selfEntries.map((e) => pick(e, ['category', 'title', 'organisation', 'startedOn', 'endedOn', 'description', 'review', 'reviewComment', 'reviewedAt'])),
    appeals: appeals.map((a) => ({ ...pick(a, ['reason', 'state', 'submittedAt', 'decidedAt', 'effect']), record: a.record ? pick(a.record, ['title']) : null })),
    amendments: amendments.map((a) => ({ ...pick(a, ['reason', 'reformEvidence', 'state', 'submittedAt', 'decidedAt']), record: a.record ? pick(a.record, ['title']) : null })),
    thirdParty: thirdParty.map((t) => pick(t, ['category', 'agency', 'occurredOn', 'amount', 'overdueDays', 'description'])),
  };
}

const SIGNABLE = ['commitment', 'agreement'] as const;
const DOCUMENT_MESSAGE = 'document 须为 commitment（诚信承诺书）或 agreement（服务协议） (what is signed)';

/** POST /api/me/integrity/sign `{ document, version }`: the version must be the current one (the student read that text). */
export async function signIntegrityDocument(strapi: Core.Strapi, body: unknown) {
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const unknownKey = Object.keys(input).find((key) => key !== 'document' && key !== 'version');
  if (unknownKey) throw fieldError(unknownKey, `未知字段 ${unknownKey} (unknown field)`);
  if (!(SIGNABLE as readonly unknown[]).includes(input.document)) throw fieldError('document', DOCUMENT_MESSAGE);
  const document = input.document as (typeof SIGNABLE)[number];
  const settings = await loadIntegritySettings(strapi);
  const current = document === 'commitment' ? settings.commitmentVersion : settings.agreementVersion;
  if (input.version !== current) throw fieldError('version', `请签署当前版本 ${current} (version: sign the current version, ${current})`);
  const student = await ownStudent(strapi);
  const actor = await currentActor(strapi);
  return withoutScope(() =>
    strapi.db.transaction(async () => {
      const archive = await openArchiveOf(strapi, student.id, 'document');
      const at = clockNow();
      await strapi.db.query(INTEGRITY_ARCHIVE as never).update({
        where: { id: archive.id },
        data: { [`${document}Version`]: current, [`${document}SignedAt`]: at, [`${document}SignedBy`]: `${student.name}（${student.studentNumber}）`.slice(0, 100) },
      });
      await recordAudit(strapi, { action: 'sign', targetType: INTEGRITY_ARCHIVE, targetDocumentId: archive.documentId, fields: [`${document}Version`] }, actor);
      return { document, version: current, signedAt: at.toISOString() };
    }),
  );
}

const ENTRY_FIELDS = ['category', 'title', 'organisation', 'startedOn', 'endedOn', 'description'];

function entryData(body: unknown): Record<string, unknown> {
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? ((body as Record<string, unknown>).data ?? body) : null) as Record<string, unknown> | null;
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new errors.ValidationError('请求体须为对象 { data: {...} } (the body must be { data })');
  const unknownKey = Object.keys(input).find((key) => !ENTRY_FIELDS.includes(key));
  if (unknownKey) throw fieldError(unknownKey, `个人填写部分没有字段 ${unknownKey} (unknown field)`);
  if (input.category !== undefined && !(SELF_ENTRY_CATEGORIES as readonly unknown[]).includes(input.category)) {
    throw fieldError('category', `category 须为 ${SELF_ENTRY_CATEGORIES.join(' / ')} 之一 (unknown category)`);
  }
  if (typeof input.startedOn === 'string' && typeof input.endedOn === 'string' && input.endedOn < input.startedOn) throw fieldError('endedOn', '结束日期不能早于开始日期 (endedOn is before startedOn)');
  return input;
}

/** POST /api/me/integrity/self-entries: an entry of the student's own part, pending review. */
export async function createSelfEntry(strapi: Core.Strapi, body: unknown) {
  const data = entryData(body);
  const student = await ownStudent(strapi);
  return strapi.documents(INTEGRITY_SELF_ENTRY as never).create({ data: { ...data, student: student.documentId } as never });
}

/** PUT /api/me/integrity/self-entries/:documentId: the student's own entry, reviewed again afterwards. */
export async function updateSelfEntry(strapi: Core.Strapi, documentId: string, body: unknown) {
  const data = entryData(body);
  await ownStudent(strapi);
  // Scoped: another student's entry is not found.
  const found = await strapi.db.query(INTEGRITY_SELF_ENTRY as never).findOne({ where: { documentId }, select: ['id'] });
  if (!found) throw new errors.NotFoundError('Not Found');
  return strapi.documents(INTEGRITY_SELF_ENTRY as never).update({ documentId, data: data as never } as never);
}

const REVIEW_RESULTS = ['reviewed', 'returned'] as const;

/** POST /api/integrity-self-entries/:documentId/review `{ result, comment }`: the department's review (returned needs a comment). */
export async function reviewSelfEntry(strapi: Core.Strapi, documentId: string, body: unknown) {
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const unknownKey = Object.keys(input).find((key) => key !== 'result' && key !== 'comment');
  if (unknownKey) throw fieldError(unknownKey, `未知字段 ${unknownKey} (unknown field)`);
  if (!(REVIEW_RESULTS as readonly unknown[]).includes(input.result)) throw fieldError('result', 'result 须为 reviewed（审核通过）或 returned（退回） (the review\'s result)');
  const comment = typeof input.comment === 'string' ? input.comment.trim() : input.comment === undefined || input.comment === null ? '' : null;
  if (comment === null || comment.length > 500) throw fieldError('comment', 'comment 须为不超过 500 字的文字 (comment: text of at most 500 characters)');
  if (input.result === 'returned' && !comment) throw fieldError('comment', '退回时须说明原因 (comment: say why it is returned)');
  const actor = await currentActor(strapi);
  if (actor.scope.kind === 'self') throw new Forbidden('个人填写部分由系部审核 (the department reviews)');
  // Scoped: the reviewer's department's students only.
  const seen = (await strapi.db.query(INTEGRITY_SELF_ENTRY as never).findOne({ where: { documentId }, select: ['id'], populate: { student: { select: ['id'] } } })) as { id: number; student: { id: number } | null } | null;
  if (!seen) throw new errors.NotFoundError('Not Found');
  const staff = 'staff' in actor.scope ? actor.scope.staff : undefined;
  const stored = (await withoutScope(() => strapi.db.query(INTEGRITY_SELF_ENTRY as never).findOne({ where: { id: seen.id }, select: ['departmentScope'] }))) as { departmentScope: number | null };
  // The department reviews its students' part (student affairs keeps the archive and may as well).
  if (staff && !staff.offices.includes('student-affairs') && !(stored.departmentScope !== null && staff.departmentIds.includes(stored.departmentScope))) {
    throw new Forbidden('个人填写部分由学生所在系部审核 (the student\'s department reviews)');
  }
  return withoutScope(() =>
    strapi.db.transaction(async () => {
      if (seen.student) await openArchiveOf(strapi, seen.student.id, 'documentId');
      const at = clockNow();
      await strapi.db.query(INTEGRITY_SELF_ENTRY as never).update({ where: { id: seen.id }, data: { review: input.result, reviewComment: comment || null, reviewedBy: actor.label.slice(0, 100), reviewedAt: at } });
      await recordAudit(strapi, { action: 'review', targetType: INTEGRITY_SELF_ENTRY, targetDocumentId: documentId, fields: ['review'] }, actor);
      return strapi.db.query(INTEGRITY_SELF_ENTRY as never).findOne({ where: { id: seen.id } });
    }),
  );
}
