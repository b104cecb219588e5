/**
 * The summary of 第二十条 and the batch check for evaluations, computed by the pure rules of
 * src/domain/integrity.ts over one GROUP BY per call: per student, how many records of each
 * indicator, kind and state (entered ones left out: they are not yet part of the archive). The
 * students are those whose archive the caller's scope reaches (the same rule as every read).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { INDICATOR_LABELS, INDICATORS, integrityClearance, STANDING_STATES, summarize, SUMMARY_LEVEL_LABELS, type IntegritySummary, type SummaryRecord, type SummaryThresholds } from '../../domain/integrity';
import { recordAudit } from '../audit/record';
import { fieldError } from '../field-error';
import { loadIntegritySettings } from '../school-settings';
import { currentActor } from '../scope/actor';
import { scopeSql } from '../scope/scope-sql';
import { ambientConnection } from '../transaction';
import { INTEGRITY_ARCHIVE } from './uids';
import { readsAnothersIntegrity } from '../../document-middlewares/integrity-reads';

export interface StudentIntegrity {
  studentId: number;
  studentNumber: string;
  name: string;
  archiveDocumentId: string;
  archiveState: string;
  records: SummaryRecord[];
}

/**
 * The counts of the students named (by number or id) whose archives the caller reaches: the
 * students first, then their records counted per student (grouping 50,000 records with the
 * students' names spills to disk). `standingBadOnly`: the clearance needs no other record.
 */
async function countsOf(strapi: Core.Strapi, by: { numbers: string[] } | { ids: number[] }, standingBadOnly = false): Promise<Map<string, StudentIntegrity>> {
  const actor = await currentActor(strapi);
  const scope = scopeSql(strapi, INTEGRITY_ARCHIVE, 'a', actor.scope);
  const [keyColumn, keys, cast] = 'numbers' in by ? ['s.student_number', by.numbers, 'text[]'] : ['s.id', by.ids, 'int[]'];
  const records = standingBadOnly ? `AND r.kind = 'bad' AND r.state = ANY(?::text[])` : `AND r.state <> 'entered'`;
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(
    `WITH s AS MATERIALIZED (
       SELECT s.id AS student_id, s.student_number, s.name, a.document_id AS archive_document_id, a.state AS archive_state
         FROM students s JOIN integrity_archives a ON a.student_key = s.id
        WHERE ${keyColumn} = ANY(?::${cast}) AND ${scope.sql}
     ), c AS (
       SELECT l.student_id, r.indicator, r.kind, r.state, count(*)::int AS n
         FROM integrity_records_student_lnk l
         JOIN integrity_records r ON r.id = l.integrity_record_id ${records}
        WHERE l.student_id IN (SELECT student_id FROM s)
        GROUP BY l.student_id, r.indicator, r.kind, r.state
     )
     SELECT s.*, c.indicator, c.kind, c.state, c.n FROM s LEFT JOIN c ON c.student_id = s.student_id`,
    [keys, ...scope.bindings, ...(standingBadOnly ? [[...STANDING_STATES]] : [])],
  )) as { rows: Array<{ student_id: number; student_number: string; name: string; archive_document_id: string; archive_state: string; indicator: string | null; kind: string | null; state: string | null; n: number | null }> };
  const out = new Map<string, StudentIntegrity>();
  for (const row of rows) {
    let entry = out.get(row.student_number);
    if (!entry) {
      entry = { studentId: row.student_id, studentNumber: row.student_number, name: row.name, archiveDocumentId: row.archive_document_id, archiveState: row.archive_state, records: [] };
      out.set(row.student_number, entry);
    }
    if (row.indicator && row.kind && row.state) entry.records.push({ indicator: row.indicator, kind: row.kind, state: row.state, count: row.n ?? 0 } as SummaryRecord);
  }
  return out;
}

/** The summary as the API answers it: the counts per indicator with their names, the level and the clearance. */
export function summaryBody(records: SummaryRecord[], thresholds: SummaryThresholds) {
  const summary: IntegritySummary = summarize(records, thresholds);
  const clearance = integrityClearance(records);
  return {
    level: summary.level,
    levelLabel: SUMMARY_LEVEL_LABELS[summary.level],
    good: summary.good,
    standingBad: summary.standingBad,
    openAppeals: summary.openAppeals,
    byIndicator: INDICATORS.map((indicator) => ({ indicator, label: INDICATOR_LABELS[indicator], ...summary.byIndicator[indicator] })),
    clear: clearance.clear,
    reasons: clearance.reasons,
    thresholds,
  };
}

/** GET /api/integrity-archives/:documentId/summary: the archive must be one the caller reaches. */
export async function archiveSummary(strapi: Core.Strapi, documentId: string) {
  const archive = (await strapi.db.query(INTEGRITY_ARCHIVE as never).findOne({ where: { documentId }, select: ['id', 'documentId', 'state', 'studentKey', 'closedAt', 'closedReason'] })) as
    | { documentId: string; state: string; studentKey: number; closedAt: string | null; closedReason: string | null }
    | null;
  if (!archive) throw new errors.NotFoundError('Not Found');
  const [found] = [...(await countsOf(strapi, { ids: [archive.studentKey] })).values()];
  if (!found) throw new errors.NotFoundError('Not Found');
  const settings = await loadIntegritySettings(strapi);
  const actor = await currentActor(strapi);
  if (readsAnothersIntegrity(actor)) await recordAudit(strapi, { action: 'read', targetType: INTEGRITY_ARCHIVE, targetDocumentId: archive.documentId, fields: ['summary'] }, actor);
  return {
    archive: { documentId: archive.documentId, state: archive.state, closedAt: archive.closedAt, closedReason: archive.closedReason },
    student: { studentNumber: found.studentNumber, name: found.name },
    ...summaryBody(found.records, settings.thresholds),
  };
}

export const MAX_CHECKS = 5000;
export const CHECK_PURPOSES = ['award', 'party-membership', 'aid', 'employment', 'registration', 'other'] as const;
const PURPOSE_MESSAGE = `purpose 须为 ${CHECK_PURPOSES.join(' / ')} 之一（评优、入党、资助、就业推荐、注册、其他） (what the check is for)`;
const NUMBERS_MESSAGE = `studentNumbers 须为 1 至 ${MAX_CHECKS} 个学号的列表 (a list of 1 to ${MAX_CHECKS} student numbers)`;

/** The body of a check: the purpose and the student numbers, checked at the edge. */
export function parseCheckBody(body: unknown): { purpose: string; numbers: string[] } {
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const unknownKey = Object.keys(input).find((key) => key !== 'purpose' && key !== 'studentNumbers');
  if (unknownKey) throw fieldError(unknownKey, `未知字段 ${unknownKey} (unknown field)`);
  if (typeof input.purpose !== 'string' || !(CHECK_PURPOSES as readonly string[]).includes(input.purpose)) throw fieldError('purpose', PURPOSE_MESSAGE);
  const numbers = input.studentNumbers;
  if (!Array.isArray(numbers) || numbers.length === 0 || numbers.length > MAX_CHECKS) throw fieldError('studentNumbers', NUMBERS_MESSAGE);
  numbers.forEach((value, index) => {
    if (typeof value !== 'string' || value.trim() === '' || value.length > 20) throw fieldError(['studentNumbers', index], `第 ${index + 1} 个学号无效 (studentNumbers[${index}] is not a student number)`);
  });
  return { purpose: input.purpose, numbers: (numbers as string[]).map((value) => value.trim()) };
}

/**
 * POST /api/integrity/checks: clear or not, and why, for each student number, in the order sent.
 * A number the caller's scope does not reach reads as unknown (no oracle on other departments).
 */
export async function integrityChecks(strapi: Core.Strapi, body: unknown) {
  const { purpose, numbers } = parseCheckBody(body);
  const found = await countsOf(strapi, { numbers: [...new Set(numbers)] }, true);
  const actor = await currentActor(strapi);
  if (readsAnothersIntegrity(actor)) {
    await recordAudit(strapi, [...found.values()].map((entry) => ({ action: 'check' as const, targetType: INTEGRITY_ARCHIVE, targetDocumentId: entry.archiveDocumentId, fields: [purpose] })), actor);
  }
  const data = numbers.map((studentNumber) => {
    const entry = found.get(studentNumber);
    if (!entry) return { studentNumber, found: false, clear: null, reasons: ['学号不存在或不在您的管理范围内 (no such student within your reach)'] };
    const clearance = integrityClearance(entry.records);
    return { studentNumber, found: true, name: entry.name, clear: clearance.clear, reasons: clearance.reasons };
  });
  const clear = data.filter((item) => item.clear === true).length;
  return { data, meta: { purpose, count: data.length, clear, notClear: data.filter((item) => item.clear === false).length, notFound: data.filter((item) => !item.found).length } };
}
