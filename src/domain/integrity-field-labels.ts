/**
 * Values of the integrity archive's enumerations whose name differs, on one field, from
 * ENUM_LABELS: `department` is 学生所在系部 as an approval unit, but a record's level reads 系部级
 * and its source 系部; a request's `withdrawn` is 已撤回 (not the student status 退学); an appeal is 已同意申诉 or 已驳回申诉. The admin's
 * lists and filters (src/admin/app.tsx) and the Excel export (src/services/excel/columns.ts) read it.
 */
import { RECORD_LEVEL_LABELS } from './integrity';
import { STATE_LABELS } from './enum-labels';

const LEVEL = { ...RECORD_LEVEL_LABELS };
const SOURCE = { department: '系部' };
/** An appeal's outcome in its own words: approved is 已同意申诉 (the record modified or revoked), rejected 已驳回. */
export const APPEAL_STATE_LABELS: Readonly<Record<string, string>> = { ...STATE_LABELS, approved: '已同意申诉', rejected: '已驳回申诉' };

export const INTEGRITY_FIELD_LABELS: Readonly<Record<string, Record<string, Record<string, string>>>> = {
  'api::integrity-record.integrity-record': { level: LEVEL, sourceOffice: SOURCE },
  'api::integrity-record-version.integrity-record-version': { sourceOffice: SOURCE },
  'api::integrity-entry-rule.integrity-entry-rule': { level: LEVEL, source: SOURCE },
  'api::integrity-appeal.integrity-appeal': { level: LEVEL, sourceOffice: SOURCE, state: { ...APPEAL_STATE_LABELS } },
  'api::integrity-amendment.integrity-amendment': { sourceOffice: SOURCE, state: STATE_LABELS },
};
