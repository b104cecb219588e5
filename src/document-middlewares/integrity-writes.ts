/**
 * Writing the integrity archive by hand (Content Manager, REST, GraphQL): nothing of it is ever
 * deleted; a record is entered by a source the rules allow (诚信信息来源规则), edited only while
 * it waits for confirmation and only by its source, and changes after confirmation only through
 * the flows (第十九条: confirmation, appeal, amendment), which write its versions. Appeals and
 * amendments are filed by the student on their own records; the student's own part is theirs to
 * write; the third party's part comes from student affairs' import.
 */
import { errors } from '@strapi/utils';
import { APPEALABLE_STATES, AMENDABLE_STATES, INDICATORS, RECORD_KINDS, RECORD_STATE_LABELS, RECORD_SOURCES, entryRuleFor, isStandingBad, type Indicator, type RecordKind, type RecordLevel, type RecordSource } from '../domain/integrity';
import { fieldError } from '../services/field-error';
import { integrityActor, type IntegrityActor } from '../services/integrity/actors';
import { openArchiveOf } from '../services/integrity/archive';
import { loadEntryRules } from '../services/integrity/entry-rules';
import { loadRecord, lockRecord, writeVersion, type RecordRow } from '../services/integrity/records';
import { conflict } from '../services/approval/errors';
import {
  INTEGRITY_AMENDMENT, INTEGRITY_APPEAL, INTEGRITY_ARCHIVE, INTEGRITY_ENTRY_RULE, INTEGRITY_RECORD, INTEGRITY_SELF_ENTRY, INTEGRITY_THIRD_PARTY, INTEGRITY_TYPES, STUDENT,
} from '../services/integrity/uids';
import { relationTarget, sameStoredValue, whereRef } from '../services/relations';
import { currentActor, type Actor } from '../services/scope/actor';
import { withoutScope } from '../services/scope/context';
import { now as clockNow } from '../services/clock';
import type { DocumentContext, DocumentMiddlewareFactory } from './types';
import { Forbidden } from '../services/forbidden';

type Strapi = Parameters<DocumentMiddlewareFactory>[0];
type Row = Record<string, any>;

const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
const NEVER_DELETED = '诚信档案的内容永久保留，不能删除（《诚信档案管理办法》第十九条） (nothing in the integrity archive is deleted)';

/** Set by the system and the flows only. */
const RECORD_SYSTEM_FIELDS = ['state', 'version', 'level', 'sourceOffice', 'student', 'studentLabel', 'department', 'departmentScope', 'enteredBy', 'confirmedAt', 'confirmedBy', 'acknowledgedAt'];
const RECORD_CONTENT = ['indicator', 'kind', 'title', 'description', 'occurredOn', 'evidence'];
const REQUEST_SYSTEM_FIELDS = ['state', 'round', 'currentStep', 'currentStepDue', 'chain', 'chainSteps', 'submittedAt', 'decidedAt', 'effect', 'openRecordId', 'departmentScope', 'student', 'department', 'level', 'sourceOffice'];
const SELF_ENTRY_REVIEW_FIELDS = ['review', 'reviewComment', 'reviewedBy', 'reviewedAt', 'student', 'department', 'departmentScope'];

const blank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function systemField(field: string): errors.ValidationError {
  return fieldError(field, `${field} 由系统维护，不能直接设置 (${field} is set by the system)`);
}

/** On create: none of these may carry a value. */
function assertUnset(data: Row, fields: readonly string[]): void {
  for (const field of fields) if (!blank(data[field])) throw systemField(field);
}

/** On update: none of these may change from what is stored. */
function assertUnchanged(strapi: Strapi, uid: string, data: Row, stored: Row, fields: readonly string[]): void {
  for (const field of fields) {
    if (field === 'evidence') {
      if (!sameFiles(data.evidence, stored.evidence)) throw systemField(field);
    } else if (!sameStoredValue(strapi, uid, field, data[field], stored[field])) throw systemField(field);
  }
}

/** Files sent for a multiple media field, compared by id with what is stored. */
function sameFiles(sent: unknown, stored: unknown): boolean {
  if (sent === undefined) return true;
  const ids = (value: unknown) => (Array.isArray(value) ? value : value === null ? [] : [value]).map((item) => (typeof item === 'object' && item !== null ? Number((item as Row).id) : Number(item))).sort((a, b) => a - b).join(',');
  return ids(sent) === ids(stored ?? []);
}

/** The student named by the write, found whatever the writer's scope (a source office sees no student lists). */
async function namedStudent(strapi: Strapi, value: unknown): Promise<Row> {
  const ref = relationTarget(value, 'student');
  if (!ref) throw fieldError('student', '必须指定学生 (student is required)');
  const row = (await withoutScope(() => strapi.db.query(STUDENT as never).findOne({ where: whereRef(ref), select: ['id', 'documentId', 'departmentScope', 'pickerLabel'], populate: { department: { select: ['id', 'documentId'] } } }))) as Row | null;
  if (!row) throw fieldError('student', '学生不存在 (no such student)');
  return row;
}

/** The source the writer enters as: the one they name, which must be theirs, or their only one. */
function sourceOf(who: IntegrityActor, sent: unknown): RecordSource {
  const own: RecordSource[] = [...(who.offices as RecordSource[]), ...(who.departmentIds.length > 0 ? (['department'] as RecordSource[]) : [])];
  if (!blank(sent)) {
    if (typeof sent !== 'string' || !(RECORD_SOURCES as readonly string[]).includes(sent)) throw fieldError('sourceOffice', `sourceOffice 须为 ${RECORD_SOURCES.join(' / ')} 之一 (unknown source)`);
    if (!who.unlimited && !own.includes(sent as RecordSource)) throw new Forbidden('只能以本人所在部门的名义录入诚信记录 (you can enter records only for your own office or department)');
    return sent as RecordSource;
  }
  if (own.length === 1) return own[0];
  throw fieldError('sourceOffice', '请指定信息来源部门 (sourceOffice: name the office you enter for)');
}

function assertEnum(data: Row, field: 'indicator' | 'kind', values: readonly string[]): void {
  if (data[field] === undefined) return;
  if (typeof data[field] !== 'string' || !values.includes(data[field])) throw fieldError(field, `${field} 须为 ${values.join(' / ')} 之一 (unknown ${field})`);
}

/** 第六条, 第七条 as content: the source may enter this indicator and kind at its level. */
async function assertEntryRule(strapi: Strapi, source: RecordSource, indicator: unknown, kind: unknown, level: RecordLevel): Promise<void> {
  const rule = entryRuleFor(await loadEntryRules(strapi), source, indicator as Indicator, kind as RecordKind, level);
  if (!rule) throw new Forbidden('按诚信信息来源规则，本部门不负责录入这一指标或类别的记录 (your office does not enter this indicator or kind)');
}

async function onRecordCreate(strapi: Strapi, actor: Actor, context: DocumentContext, next: () => Promise<unknown>) {
  const who = integrityActor(actor);
  if (who.studentUserId !== null) throw new Forbidden('诚信记录由信息来源部门录入 (records are entered by the source offices)');
  const data: Row = { ...(context.params.data ?? {}) };
  assertUnset(data, RECORD_SYSTEM_FIELDS.filter((field) => !['student', 'sourceOffice', 'level'].includes(field)));
  if (!blank(data.evidence)) throw fieldError('evidence', '证明材料请在记录保存后上传 (evidence: upload it after saving the record)');
  assertEnum(data, 'indicator', INDICATORS);
  assertEnum(data, 'kind', RECORD_KINDS);
  const source = sourceOf(who, data.sourceOffice);
  const level: RecordLevel = source === 'department' ? 'department' : 'school';
  if (!blank(data.level) && data.level !== level) throw fieldError('level', `由${source === 'department' ? '系部' : '职能部门'}录入的记录层级为 ${level} (level follows the source: ${level})`);
  const student = await namedStudent(strapi, data.student);
  const departmentId: number | null = student.department?.id ?? student.departmentScope ?? null;
  // A department enters records of its own students only; out of reach reads as no such student.
  if (source === 'department' && !who.unlimited && (departmentId === null || !who.departmentIds.includes(departmentId))) throw fieldError('student', '学生不存在 (no such student)');
  await assertEntryRule(strapi, source, data.indicator, data.kind, level);
  return strapi.db.transaction(async () => {
    await openArchiveOf(strapi, student.id, 'student');
    context.params.data = {
      ...data,
      student: student.documentId,
      // Name and number as entered: a source office sees the records it entered, not the student rows.
      studentLabel: String(student.pickerLabel ?? '').slice(0, 100) || null,
      department: student.department?.documentId ?? null,
      departmentScope: departmentId,
      sourceOffice: source,
      level,
      state: 'entered',
      version: 1,
      enteredBy: who.label.slice(0, 100),
    };
    // Checked above; a source office's scope reaches no student row for the relation to resolve in.
    const created = (await withoutScope(next)) as Row;
    const row = await loadRecord(strapi, { documentId: created.documentId });
    if (row) await writeVersion(strapi, row, 'enter', who.label, clockNow());
    return created;
  });
}

async function storedRecord(strapi: Strapi, documentId: string | undefined): Promise<RecordRow & Row> {
  // Scoped: a record out of the writer's reach is not found.
  const seen = documentId ? ((await strapi.db.query(INTEGRITY_RECORD as never).findOne({ where: { documentId }, select: ['id'] })) as Row | null) : null;
  const stored = seen ? ((await withoutScope(() => strapi.db.query(INTEGRITY_RECORD as never).findOne({ where: { id: seen.id }, populate: ['student', 'department', 'evidence'] }))) as Row | null) : null;
  if (!stored) throw new errors.NotFoundError('Not Found');
  return stored as RecordRow & Row;
}

/** The source that entered the record, and only it, corrects it before confirmation. */
function isSourceOf(who: IntegrityActor, record: Pick<RecordRow, 'sourceOffice' | 'departmentScope'>): boolean {
  if (who.unlimited) return true;
  if (record.sourceOffice === 'department') return record.departmentScope !== null && who.departmentIds.includes(record.departmentScope);
  return who.offices.includes(record.sourceOffice);
}

async function onRecordUpdate(strapi: Strapi, actor: Actor, context: DocumentContext, next: () => Promise<unknown>) {
  const stored = await storedRecord(strapi, context.params.documentId);
  const data: Row = { ...(context.params.data ?? {}) };
  const who = integrityActor(actor);
  assertUnchanged(strapi, INTEGRITY_RECORD, data, stored, RECORD_SYSTEM_FIELDS);
  const changed = RECORD_CONTENT.filter((field) => (field === 'evidence' ? !sameFiles(data.evidence, stored.evidence) : !sameStoredValue(strapi, INTEGRITY_RECORD, field, data[field], stored[field])));
  if (changed.length === 0) return next();
  if (stored.state !== 'entered') {
    throw fieldError(changed[0], `诚信记录已${RECORD_STATE_LABELS[stored.state]}，内容不能直接修改；如有错误，请由学生申诉或申请修定（第十九条） (a confirmed record changes only through an appeal or amendment)`);
  }
  if (who.studentUserId !== null || !isSourceOf(who, stored)) throw new Forbidden('只有录入此记录的部门可以在认定前更正 (only the entering office corrects a record before confirmation)');
  if (changed.includes('evidence')) throw fieldError('evidence', '证明材料请通过上传添加 (evidence: add it through the upload)');
  assertEnum(data, 'indicator', INDICATORS);
  assertEnum(data, 'kind', RECORD_KINDS);
  await assertEntryRule(strapi, stored.sourceOffice as RecordSource, data.indicator ?? stored.indicator, data.kind ?? stored.kind, stored.level);
  return strapi.db.transaction(async () => {
    // Confirmed or corrected meanwhile (the confirmation locks the same row): refuse, and write nothing.
    const locked = await lockRecord(strapi, stored.id);
    if (locked.state !== 'entered' || locked.version !== stored.version) {
      throw conflict('诚信记录刚刚被认定或更正，请刷新后再试 (the record has just been confirmed or corrected: reload)');
    }
    context.params.data = { ...data, version: stored.version + 1 };
    const result = await next();
    const row = await loadRecord(strapi, { id: stored.id });
    if (row) await writeVersion(strapi, row, 'edit', who.label, clockNow());
    return result;
  });
}

/** The record an appeal or amendment names: the student's own, shown to them; else as if it did not exist. */
async function studentsRecord(strapi: Strapi, userId: number, value: unknown): Promise<RecordRow> {
  const ref = relationTarget(value, 'record');
  if (!ref) throw fieldError('record', '必须指定诚信记录 (record is required)');
  const found = (await withoutScope(() => strapi.db.query(INTEGRITY_RECORD as never).findOne({ where: whereRef(ref), select: ['id'] }))) as Row | null;
  const row = found ? await loadRecord(strapi, { id: found.id }) : null;
  if (!row || row.student?.user?.id !== userId || row.state === 'entered') throw fieldError('record', '诚信记录不存在 (no such record)');
  return row;
}

async function onRequestCreate(strapi: Strapi, actor: Actor, context: DocumentContext, uid: string) {
  const appeal = uid === INTEGRITY_APPEAL;
  if (actor.scope.kind !== 'self') throw new Forbidden(appeal ? '申诉由学生本人提出 (an appeal is filed by the student)' : '修定由学生本人申请 (an amendment is applied for by the student)');
  const data: Row = { ...(context.params.data ?? {}) };
  assertUnset(data, REQUEST_SYSTEM_FIELDS);
  const record = await studentsRecord(strapi, actor.scope.userId, data.record);
  if (appeal && !APPEALABLE_STATES.includes(record.state)) throw fieldError('record', `诚信记录当前为“${RECORD_STATE_LABELS[record.state]}”，不能申诉 (a ${record.state} record cannot be appealed)`);
  if (!appeal && !(isStandingBad(record as never) && AMENDABLE_STATES.includes(record.state))) {
    throw fieldError('record', `只有有效的不良记录可以申请修定，此记录当前为“${RECORD_STATE_LABELS[record.state]}” (only a standing bad record can be amended)`);
  }
  await openArchiveOf(strapi, record.student!.id, 'record');
  const stored = (await withoutScope(() => strapi.db.query(INTEGRITY_RECORD as never).findOne({ where: { id: record.id }, populate: { department: { select: ['documentId'] } } }))) as Row;
  context.params.data = {
    ...data,
    record: record.documentId,
    student: record.student!.documentId,
    department: stored.department?.documentId ?? null,
    departmentScope: record.departmentScope,
    sourceOffice: record.sourceOffice,
    ...(appeal ? { level: record.level } : {}),
    state: 'draft',
    round: 0,
    openRecordId: record.id,
  };
}

async function onRequestUpdate(strapi: Strapi, actor: Actor, context: DocumentContext, uid: string) {
  const seen = (await strapi.db.query(uid as never).findOne({ where: { documentId: context.params.documentId }, select: ['id'] })) as Row | null;
  const stored = seen ? ((await withoutScope(() => strapi.db.query(uid as never).findOne({ where: { id: seen.id }, populate: ['record', 'student', 'department', 'chain'] }))) as Row) : null;
  if (!stored) throw new errors.NotFoundError('Not Found');
  const data: Row = { ...(context.params.data ?? {}) };
  assertUnchanged(strapi, uid, data, stored, [...REQUEST_SYSTEM_FIELDS, 'record']);
  const editable = ['reason', 'reformEvidence'].filter((field) => uid === INTEGRITY_AMENDMENT || field === 'reason');
  const changes = editable.some((field) => !sameStoredValue(strapi, uid, field, data[field], stored[field]));
  if (!changes) return;
  if (actor.scope.kind !== 'self') throw new Forbidden('申请的内容由学生本人填写 (the student writes their own request)');
  if (!['draft', 'returned'].includes(stored.state)) throw new Forbidden('申请已提交审批，不能修改；退回后可修改 (a request under approval cannot be edited)');
}

async function onSelfEntryWrite(strapi: Strapi, actor: Actor, context: DocumentContext) {
  if (actor.scope.kind !== 'self') {
    throw new Forbidden('个人填写部分由学生本人填写，系部通过“审核”处理 (the student writes their own part; the department reviews it)');
  }
  const data: Row = { ...(context.params.data ?? {}) };
  if (context.action === 'create') {
    assertUnset(data, SELF_ENTRY_REVIEW_FIELDS.filter((field) => field !== 'student'));
    const student = await namedStudent(strapi, data.student);
    const own = await withoutScope(() => strapi.db.query(STUDENT as never).count({ where: { id: student.id, user: { id: actor.scope.kind === 'self' ? actor.scope.userId : -1 } } }));
    if (own === 0) throw fieldError('student', '学生不存在 (no such student)');
    await openArchiveOf(strapi, student.id, 'student');
    context.params.data = { ...data, student: student.documentId, department: student.department?.documentId ?? null, departmentScope: student.department?.id ?? student.departmentScope ?? null, review: 'pending' };
    return;
  }
  const seen = (await strapi.db.query(INTEGRITY_SELF_ENTRY as never).findOne({ where: { documentId: context.params.documentId }, select: ['id'] })) as Row | null;
  const stored = seen ? ((await withoutScope(() => strapi.db.query(INTEGRITY_SELF_ENTRY as never).findOne({ where: { id: seen.id }, populate: ['student', 'department'] }))) as Row) : null;
  if (!stored) throw new errors.NotFoundError('Not Found');
  assertUnchanged(strapi, INTEGRITY_SELF_ENTRY, data, stored, SELF_ENTRY_REVIEW_FIELDS);
  await openArchiveOf(strapi, stored.student.id, 'student');
  // A changed entry is reviewed again.
  context.params.data = { ...data, review: 'pending', reviewComment: null, reviewedBy: null, reviewedAt: null };
}

const RULE_KINDS_MESSAGE = `kinds 须为记录类别的列表（${RECORD_KINDS.join(' / ')}），至少一项 (kinds: a non-empty list of record kinds)`;

function onEntryRuleWrite(context: DocumentContext) {
  const kinds = context.params.data?.kinds;
  if (kinds === undefined && context.action !== 'create') return;
  if (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((kind) => typeof kind !== 'string' || !(RECORD_KINDS as readonly string[]).includes(kind)) || new Set(kinds).size !== kinds.length) {
    throw fieldError('kinds', RULE_KINDS_MESSAGE);
  }
}

export const integrityWrites: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const { uid, action } = context;
  if (!WRITES.has(action)) return next();
  if (uid === INTEGRITY_ENTRY_RULE) {
    if (action === 'create' || action === 'update') onEntryRuleWrite(context);
    return next();
  }
  if (!INTEGRITY_TYPES.includes(uid)) return next();
  const actor = await currentActor(strapi);
  // The flows write through the database layer; the system acting through the Document Service (seed) is trusted.
  if (actor.kind === 'system') return next();
  if (action === 'delete' || action === 'discardDraft' || action === 'unpublish') throw new Forbidden(NEVER_DELETED);
  if (action !== 'create' && action !== 'update') throw new Forbidden('诚信档案不支持此操作 (not supported for the integrity archive)');
  switch (uid) {
    case INTEGRITY_RECORD:
      return action === 'create' ? onRecordCreate(strapi, actor, context, next) : onRecordUpdate(strapi, actor, context, next);
    case INTEGRITY_APPEAL:
    case INTEGRITY_AMENDMENT:
      if (action === 'create') {
        await onRequestCreate(strapi, actor, context, uid);
        // Checked above; the student cannot see the department row the request is filed under.
        return withoutScope(next);
      }
      await onRequestUpdate(strapi, actor, context, uid);
      return next();
    case INTEGRITY_SELF_ENTRY:
      await onSelfEntryWrite(strapi, actor, context);
      return context.action === 'create' ? withoutScope(next) : next();
    case INTEGRITY_ARCHIVE:
      if (action === 'create') throw new Forbidden('诚信档案随学籍自动建立 (an archive is made with its student)');
      throw new Forbidden('诚信档案由系统维护；承诺书与服务协议由学生本人签署 (the archive is kept by the system; the student signs through /api/me/integrity)');
    case INTEGRITY_THIRD_PARTY:
      throw new Forbidden('第三方诚信记录由学生处导入 (third-party records come from student affairs\' import)');
    default:
      // Versions: written by the flows alone.
      throw new Forbidden('诚信记录的版本由系统写入，只增不改 (versions are written by the system)');
  }
};
