/**
 * What the 诚信档案 panel of a student's edit view shows: the summary of 第二十条 (archiveSummary,
 * which writes the staff read's audit line) and the student's records, each with its indicator,
 * kind, state and date. Read inside the caller's request, so the scope and the integrity
 * visibility apply: a student outside them is a 404, and a source office sees only what it entered.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { INDICATOR_LABELS, RECORD_KIND_LABELS, RECORD_LEVEL_LABELS, RECORD_STATE_LABELS, type Indicator, type RecordKind, type RecordLevel, type RecordState } from '../../domain/integrity';
import { ENUM_LABELS } from '../../domain/enum-labels';
import { archiveSummary } from './summary';
import { INTEGRITY_ARCHIVE, INTEGRITY_RECORD } from './uids';

/** Records a panel lists at most; the list view (filtered to the student) has the rest. */
export const PANEL_RECORDS = 200;

interface StoredRecord {
  documentId: string;
  indicator: Indicator;
  kind: RecordKind;
  state: RecordState;
  level: RecordLevel;
  sourceOffice: string;
  title: string;
  occurredOn: string;
  version: number;
}

/** A record as the panel lists it, with its words. */
function panelRecord(record: StoredRecord) {
  return {
    documentId: record.documentId,
    title: record.title,
    indicator: record.indicator,
    indicatorLabel: INDICATOR_LABELS[record.indicator] ?? record.indicator,
    kind: record.kind,
    kindLabel: RECORD_KIND_LABELS[record.kind] ?? record.kind,
    state: record.state,
    stateLabel: RECORD_STATE_LABELS[record.state] ?? record.state,
    level: record.level,
    levelLabel: RECORD_LEVEL_LABELS[record.level] ?? record.level,
    sourceOffice: record.sourceOffice,
    sourceOfficeLabel: record.sourceOffice === 'department' ? '系部' : (ENUM_LABELS[record.sourceOffice] ?? record.sourceOffice),
    occurredOn: record.occurredOn,
    version: record.version,
  };
}

/**
 * The panel's data for the student `studentDocumentId`. `withRecords` is whether the caller's role
 * may read records (the Document Service read writes one audit line per record, as every door does).
 */
export async function studentIntegrity(strapi: Core.Strapi, studentDocumentId: string, withRecords: boolean) {
  const archive = (await strapi.db.query(INTEGRITY_ARCHIVE as never).findOne({ where: { student: { documentId: studentDocumentId } }, select: ['documentId'] })) as { documentId: string } | null;
  if (!archive) throw new errors.NotFoundError('Not Found');
  const summary = await archiveSummary(strapi, archive.documentId);
  if (!withRecords) return { ...summary, records: null, total: null };
  const filters = { student: { documentId: studentDocumentId } };
  const records = (await strapi.documents(INTEGRITY_RECORD as never).findMany({
    filters,
    fields: ['indicator', 'kind', 'state', 'level', 'sourceOffice', 'title', 'occurredOn', 'version'],
    sort: [{ occurredOn: 'desc' }, { id: 'desc' }],
    limit: PANEL_RECORDS,
  } as never)) as unknown as StoredRecord[];
  const total = await strapi.documents(INTEGRITY_RECORD as never).count({ filters } as never);
  return { ...summary, records: records.map(panelRecord), total };
}
