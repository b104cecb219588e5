/**
 * Appeals (申诉) and amendments (修定) as subjects of the approval engine (src/services/approval).
 * Their chains are content (approval-chain with subject integrity-appeal / integrity-amendment,
 * chosen by the record's level). An appeal moves its record to `appealed` when submitted; its last
 * approval carries the result, `modify` (with the new content) or `revoke`, and a rejection leaves
 * the record standing, always with a reason. An amendment, once student affairs approves it, closes
 * the bad record as `amended`. Every move of the record is a new version (records.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { APPEALABLE_STATES, AMENDABLE_STATES, INDICATORS, RECORD_KINDS, RECORD_LEVELS, RECORD_STATE_LABELS, isStandingBad } from '../../domain/integrity';
import type { FilingRule } from '../../domain/approval';
import { storedRequestRow, type RawRequest, type StoredRequestRow } from '../approval/rows';
import type { WorkflowAction } from '../../domain/approval-vocabulary';
import { activeChain } from '../approval/chains';
import type { ApprovalSubject } from '../approval/engine';
import { fieldError } from '../field-error';
import { now as clockNow } from '../clock';
import { withoutScope } from '../scope/context';
import { notifyIntegrity } from './notify';
import { recordName } from './record-actions';
import { lockRecord, moveRecord, RECORD_CONTENT_FIELDS, type RecordContent } from './records';
import { INTEGRITY_AMENDMENT, INTEGRITY_APPEAL } from './uids';

type Raw = RawRequest;

export type IntegrityRequestRow = StoredRequestRow;

/** Only the student files, resubmits and withdraws their own appeal or amendment. */
const STUDENT_FILES: FilingRule = {
  student: true,
  department: false,
  offices: [],
  refusal: '只有学生本人可以提交或撤回 (only the student may do this)',
};

const POPULATE = {
  student: { select: ['id', 'documentId', 'name', 'studentNumber'], populate: { user: { select: ['id'] } } },
  department: { select: ['id', 'documentId', 'name'] },
  record: true,
};

/** The engine's columns, and the office the record came from (a `source-office` step's unit). */
const toRow = (raw: Raw): IntegrityRequestRow => ({ ...storedRequestRow(raw), sourceOffice: raw.sourceOffice ?? null });

interface Kind {
  name: 'integrity-appeal' | 'integrity-amendment';
  label: string;
  uid: string;
  table: string;
  /** Checks the record on submit and moves it where submitting moves it. */
  onSubmit(record: Awaited<ReturnType<typeof lockRecord>>, row: IntegrityRequestRow, first: boolean): Promise<void>;
  effect(row: IntegrityRequestRow, outcome: Record<string, unknown> | null): Promise<Record<string, unknown>>;
  end?(row: IntegrityRequestRow, state: 'rejected' | 'withdrawn', comment: string | null): Promise<void>;
  parseOutcome?: ApprovalSubject['parseOutcome'];
}

const RESULTS = ['modify', 'revoke'] as const;
const RESULT_MESSAGE = 'outcome.result 须为 modify（修改，附 outcome.content）或 revoke（撤销）；驳回申诉请用“不同意” (outcome.result: modify or revoke; reject the appeal to leave the record standing)';
const REASON_MESSAGE = '处理申诉须写明理由 (comment: the reason is required)';

/** An appeal's decision: the reason always; at approval, what becomes of the record. */
function parseAppealOutcome(action: WorkflowAction, outcome: unknown, comment: string | null): Record<string, unknown> | null {
  if (action !== 'approve') {
    if (outcome !== undefined && outcome !== null) throw fieldError('outcome', '只有同意时才带处理结果 (only an approval carries an outcome)');
    return null;
  }
  if (!comment) throw fieldError('comment', REASON_MESSAGE);
  if (outcome === undefined || outcome === null) return null;
  if (typeof outcome !== 'object' || Array.isArray(outcome)) throw fieldError(['outcome', 'result'], RESULT_MESSAGE);
  const { result, content, ...rest } = outcome as Record<string, unknown>;
  const unknownKey = Object.keys(rest)[0];
  if (unknownKey) throw fieldError(['outcome', unknownKey], `未知字段 outcome.${unknownKey} (unknown field)`);
  if (!(RESULTS as readonly unknown[]).includes(result)) throw fieldError(['outcome', 'result'], RESULT_MESSAGE);
  if (result === 'revoke') {
    if (content !== undefined) throw fieldError(['outcome', 'content'], '撤销记录不带新内容 (a revocation carries no content)');
    return { result, reason: comment };
  }
  return { result, content: parseContent(content), reason: comment };
}

/** The new content of a modified record: the content fields only, each checked. */
function parseContent(content: unknown): RecordContent {
  if (typeof content !== 'object' || content === null || Array.isArray(content) || Object.keys(content).length === 0) {
    throw fieldError(['outcome', 'content'], '修改记录须给出新的内容 outcome.content（title、description、occurredOn、indicator、kind 中的若干项） (outcome.content: the new content)');
  }
  const out: RecordContent = {};
  for (const [field, value] of Object.entries(content)) {
    if (!(RECORD_CONTENT_FIELDS as readonly string[]).includes(field)) throw fieldError(['outcome', 'content', field], `outcome.content.${field} 不是记录内容字段 (not a content field)`);
    const bad = (message: string) => fieldError(['outcome', 'content', field], message);
    if (field === 'indicator' && !(INDICATORS as readonly unknown[]).includes(value)) throw bad(`indicator 须为 ${INDICATORS.join(' / ')} 之一`);
    if (field === 'kind' && !(RECORD_KINDS as readonly unknown[]).includes(value)) throw bad(`kind 须为 ${RECORD_KINDS.join(' / ')} 之一`);
    if (field === 'title' && (typeof value !== 'string' || value.trim() === '' || value.length > 100)) throw bad('title 须为 1 至 100 字 (title: 1 to 100 characters)');
    if (field === 'description' && value !== null && (typeof value !== 'string' || value.length > 4000)) throw bad('description 不超过 4000 字 (at most 4000 characters)');
    if (field === 'occurredOn' && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) throw bad('occurredOn 须为日期 YYYY-MM-DD (a date)');
    out[field as keyof RecordContent] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

const OUTCOME_WORDS: Record<string, string> = { modify: '修改', revoke: '撤销' };

const appealKind = (strapi: Core.Strapi): Kind => ({
  name: 'integrity-appeal',
  label: '诚信记录申诉',
  uid: INTEGRITY_APPEAL,
  table: 'integrity_appeals',
  async onSubmit(record, row, first) {
    if (!first) {
      if (record.state !== 'appealed') throw fieldError('record', `诚信记录当前为“${RECORD_STATE_LABELS[record.state]}”，申诉不能再提交 (the record is no longer under appeal)`);
      return;
    }
    if (!APPEALABLE_STATES.includes(record.state)) throw fieldError('record', `诚信记录当前为“${RECORD_STATE_LABELS[record.state]}”，不能申诉 (a ${record.state} record cannot be appealed)`);
    await moveRecord(strapi, record.id, { event: 'appeal', actor: row.raw.student?.name ?? 'student', at: clockNow(), reason: row.raw.reason ?? null });
  },
  async effect(row, outcome) {
    if (!outcome || !(RESULTS as readonly unknown[]).includes(outcome.result)) throw fieldError(['outcome', 'result'], RESULT_MESSAGE);
    const result = outcome.result as (typeof RESULTS)[number];
    const moved = await moveRecord(strapi, row.raw.record.id, {
      event: result === 'modify' ? 'appeal-modify' : 'appeal-revoke',
      actor: 'appeal',
      at: clockNow(),
      reason: String(outcome.reason ?? ''),
      content: result === 'modify' ? (outcome.content as RecordContent) : undefined,
    });
    return { recordDocumentId: moved.documentId, result, recordState: moved.state, recordVersion: moved.version };
  },
  async end(row, state, comment) {
    const record = await lockRecord(strapi, row.raw.record.id);
    // Withdrawn as a draft: submitting had not moved the record.
    if (record.state !== 'appealed' || row.round === 0) return;
    await moveRecord(strapi, record.id, { event: state === 'rejected' ? 'appeal-reject' : 'appeal-withdraw', versionEvent: state === 'rejected' ? 'appeal-reject' : 'appeal-withdraw', actor: state === 'rejected' ? 'appeal' : row.raw.student?.name ?? 'student', at: clockNow(), reason: comment });
  },
  parseOutcome: parseAppealOutcome,
});

const amendmentKind = (strapi: Core.Strapi): Kind => ({
  name: 'integrity-amendment',
  label: '诚信记录修定',
  uid: INTEGRITY_AMENDMENT,
  table: 'integrity_amendments',
  async onSubmit(record) {
    if (!(isStandingBad(record as never) && AMENDABLE_STATES.includes(record.state))) {
      throw fieldError('record', `只有有效的不良记录可以申请修定，此记录当前为“${RECORD_STATE_LABELS[record.state]}” (only a standing bad record can be amended)`);
    }
  },
  async effect(row) {
    const moved = await moveRecord(strapi, row.raw.record.id, { event: 'amend', actor: 'amendment', at: clockNow(), reason: row.raw.reason ?? null });
    return { recordDocumentId: moved.documentId, recordState: moved.state, recordVersion: moved.version };
  },
});


const OUTCOMES: Record<string, string> = { approved: '已办结', rejected: '未获支持', returned: '被退回修改' };

function subjectOf(instance: Core.Strapi, kind: Kind): ApprovalSubject<IntegrityRequestRow> {
  const inboxSql = `
    SELECT r.document_id, r.round, r.current_step, r.chain_steps AS steps, r.current_step_due::text AS due,
           r.submitted_at, r.department_scope AS department_id, r.source_office, su.user_id AS student_user_id,
           ${kind.name === 'integrity-appeal' ? 'r.level' : 'NULL::text'} AS type, st.name AS student, d.name AS department
      FROM ${kind.table} r
      LEFT JOIN ${kind.table}_student_lnk sl ON sl.${kind.table.replace(/s$/, '')}_id = r.id
      LEFT JOIN students st ON st.id = sl.student_id
      LEFT JOIN students_user_lnk su ON su.student_id = st.id
      LEFT JOIN departments d ON d.id = r.department_scope
     WHERE r.state = 'submitted'`;
  const load = async (documentId: string) => {
    const raw = (await withoutScope(() => instance.db.query(kind.uid as never).findOne({ where: { documentId }, populate: POPULATE }))) as Raw | null;
    if (!raw) throw new Error(`${kind.name} ${documentId} vanished inside its own transaction`);
    return toRow(raw);
  };
  return {
    name: kind.name,
    label: kind.label,
    uid: kind.uid,
    table: kind.table,
    filers: STUDENT_FILES,
    parseOutcome: kind.parseOutcome,
    async findVisible(documentId) {
      const seen = (await instance.db.query(kind.uid as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
      return seen ? load(documentId) : null;
    },
    load,
    async prepareSubmission(row) {
      if (!row.raw.record) throw fieldError('record', '必须指定诚信记录 (record is required)');
      const record = await lockRecord(instance, row.raw.record.id);
      const level = (RECORD_LEVELS as readonly string[]).includes(record.level) ? record.level : 'school';
      const chain = await activeChain(instance, kind.name, { subType: level });
      if (!chain) throw new errors.ValidationError(`没有启用的${kind.label}审批流程，请联系学生工作处 (no active chain)`);
      await kind.onSubmit(record, row, row.state === 'draft');
      return { steps: chain.steps, columns: { chain: chain.id, chainSteps: chain.steps, submittedAt: clockNow() } };
    },
    applyEffect: (row, outcome) => kind.effect(row, outcome),
    ...(kind.end ? { applyEnd: (row: IntegrityRequestRow, state: 'rejected' | 'withdrawn', comment: string | null) => kind.end!(row, state, comment) } : {}),
    async save(row, columns) {
      await withoutScope(() => instance.db.query(kind.uid as never).update({ where: { id: row.id }, data: columns }));
    },
    async notify(row, outcome, comment) {
      const words = OUTCOMES[outcome.state];
      if (!words) return;
      const effect = (row as IntegrityRequestRow & { effect?: { result?: string } }).effect;
      const result = effect?.result ? `：记录已${OUTCOME_WORDS[effect.result]}` : '';
      const title = `您的${kind.label}${words}${result}`;
      const record = row.raw.record ? recordName(row.raw.record) : '';
      await notifyIntegrity(instance, row.raw.student?.id, row.departmentId, title, [`${title}。${record}`, comment ? `处理意见：${comment}` : null].filter(Boolean).join('\n'), clockNow());
    },
    summarize: (row) => ({ type: row.raw.level ?? null, student: row.raw.student?.name ?? null, department: row.departmentName ?? null }),
    // Visible to whoever decides a step: student affairs sees all, a department its students, a source office its records.
    inbox: { sql: inboxSql, scoped: false },
  };
}

export const integrityAppealSubject = (instance: Core.Strapi) => subjectOf(instance, appealKind(instance));
export const integrityAmendmentSubject = (instance: Core.Strapi) => subjectOf(instance, amendmentKind(instance));

