/**
 * Every enumeration a schema stores, with the domain constant it must equal (style.md: one
 * definition per enumeration). The server checks at start that each schema's values, the Chinese
 * labels and the database's CHECK constraints agree with the constant, and refuses to start
 * otherwise, naming the difference: a value added in the Content-Type Builder, a label forgotten
 * or a migration left behind.
 */
import { GENDERS, OFFICE_KINDS, POSITIONS, STUDENT_STATUSES, STUDY_FORMS } from './constants';
import { ARCHIVE_STATES, INDICATORS, RECORD_KINDS, RECORD_LEVELS, RECORD_SOURCES, RECORD_STATES, SELF_ENTRY_CATEGORIES, SELF_ENTRY_REVIEWS, THIRD_PARTY_CATEGORIES, VERSION_EVENTS } from './integrity';
import { FEE_STATUSES, REGISTRATION_STATES } from './registration';
import { ACCESS_LOG_ACTIONS, ACCESS_LOG_CHANNELS, ARCHIVE_CUSTODIES, ARCHIVE_STATES as STUDENT_ARCHIVE_STATES, MATERIAL_CATEGORIES, TRANSFER_REASONS } from './student-archive';
import { TRANSFER_CHECK_RESULTS, TRANSFER_METHODS, TRANSFER_STATES } from './archive-transfer';
import { LINE_STATES, ROSTER_FIELDS, ROSTER_STATES } from './class-roster';
import { APPROVAL_UNITS, CHANGE_TYPES, DECISIONS, REQUEST_STATES, SUSPENSION_CAUSES, TIERS, WITHDRAWAL_KINDS } from './status-change';

export const CALENDAR_DAY_KINDS = ['holiday', 'make-up-workday'] as const;
export const APPROVAL_SUBJECTS = ['status-change', 'integrity-appeal', 'integrity-amendment', 'registration', 'registration-deferral'] as const;
export const FEE_SOURCES = ['manual', 'import'] as const;

export interface Enumeration {
  /** A content type or component uid. */
  model: string;
  field: string;
  values: readonly string[];
}

export const ENUMERATIONS: readonly Enumeration[] = [
  { model: 'api::student.student', field: 'status', values: STUDENT_STATUSES },
  { model: 'api::student.student', field: 'gender', values: GENDERS },
  { model: 'api::student.student', field: 'studyForm', values: STUDY_FORMS },
  { model: 'api::office.office', field: 'kind', values: OFFICE_KINDS },
  { model: 'api::staff-membership.staff-membership', field: 'position', values: POSITIONS },
  { model: 'api::status-change.status-change', field: 'type', values: CHANGE_TYPES },
  { model: 'api::status-change.status-change', field: 'suspensionCause', values: SUSPENSION_CAUSES },
  { model: 'api::status-change.status-change', field: 'withdrawalKind', values: WITHDRAWAL_KINDS },
  { model: 'api::status-change.status-change', field: 'tier', values: TIERS },
  { model: 'api::status-change.status-change', field: 'state', values: REQUEST_STATES },
  { model: 'api::approval-decision.approval-decision', field: 'unit', values: APPROVAL_UNITS },
  { model: 'api::approval-decision.approval-decision', field: 'decision', values: DECISIONS },
  { model: 'api::approval-chain.approval-chain', field: 'subject', values: APPROVAL_SUBJECTS },
  { model: 'api::approval-chain.approval-chain', field: 'tier', values: TIERS },
  { model: 'api::approval-chain.approval-chain', field: 'changeType', values: CHANGE_TYPES },
  { model: 'approval.chain-step', field: 'unit', values: APPROVAL_UNITS },
  { model: 'approval.step-office', field: 'office', values: OFFICE_KINDS },
  { model: 'api::calendar-day.calendar-day', field: 'kind', values: CALENDAR_DAY_KINDS },
  { model: 'api::integrity-archive.integrity-archive', field: 'state', values: ARCHIVE_STATES },
  ...['api::integrity-record.integrity-record', 'api::integrity-entry-rule.integrity-entry-rule'].flatMap((model) => [
    { model, field: 'indicator', values: INDICATORS },
    { model, field: 'level', values: RECORD_LEVELS },
    { model, field: model.endsWith('record') ? 'sourceOffice' : 'source', values: RECORD_SOURCES },
  ]),
  { model: 'api::integrity-record.integrity-record', field: 'kind', values: RECORD_KINDS },
  { model: 'api::integrity-record.integrity-record', field: 'state', values: RECORD_STATES },
  { model: 'api::integrity-record-version.integrity-record-version', field: 'event', values: VERSION_EVENTS },
  { model: 'api::integrity-record-version.integrity-record-version', field: 'state', values: RECORD_STATES },
  { model: 'api::integrity-record-version.integrity-record-version', field: 'sourceOffice', values: RECORD_SOURCES },
  { model: 'api::integrity-self-entry.integrity-self-entry', field: 'category', values: SELF_ENTRY_CATEGORIES },
  { model: 'api::integrity-self-entry.integrity-self-entry', field: 'review', values: SELF_ENTRY_REVIEWS },
  { model: 'api::integrity-third-party-record.integrity-third-party-record', field: 'category', values: THIRD_PARTY_CATEGORIES },
  ...['api::integrity-appeal.integrity-appeal', 'api::integrity-amendment.integrity-amendment'].flatMap((model) => [
    { model, field: 'state', values: REQUEST_STATES },
    { model, field: 'sourceOffice', values: RECORD_SOURCES },
  ]),
  { model: 'api::integrity-appeal.integrity-appeal', field: 'level', values: RECORD_LEVELS },
  { model: 'api::registration.registration', field: 'state', values: REGISTRATION_STATES },
  { model: 'api::registration.registration', field: 'workflowState', values: REQUEST_STATES },
  { model: 'api::registration-deferral.registration-deferral', field: 'state', values: REQUEST_STATES },
  { model: 'api::fee-status.fee-status', field: 'status', values: FEE_STATUSES },
  { model: 'api::fee-status.fee-status', field: 'source', values: FEE_SOURCES },
  { model: 'api::material-kind.material-kind', field: 'category', values: MATERIAL_CATEGORIES },
  { model: 'api::student-archive.student-archive', field: 'custody', values: ARCHIVE_CUSTODIES },
  { model: 'api::student-archive.student-archive', field: 'state', values: STUDENT_ARCHIVE_STATES },
  { model: 'api::archive-material.archive-material', field: 'category', values: MATERIAL_CATEGORIES },
  { model: 'api::archive-material.archive-material', field: 'custody', values: ARCHIVE_CUSTODIES },
  { model: 'api::archive-access-log.archive-access-log', field: 'channel', values: ACCESS_LOG_CHANNELS },
  { model: 'api::archive-access-log.archive-access-log', field: 'action', values: ACCESS_LOG_ACTIONS },
  { model: 'api::archive-access-log.archive-access-log', field: 'custody', values: ARCHIVE_CUSTODIES },
  { model: 'api::archive-transfer.archive-transfer', field: 'reason', values: TRANSFER_REASONS },
  { model: 'api::archive-transfer.archive-transfer', field: 'state', values: TRANSFER_STATES },
  { model: 'api::archive-transfer.archive-transfer', field: 'method', values: TRANSFER_METHODS },
  { model: 'api::archive-transfer.archive-transfer', field: 'checkResult', values: TRANSFER_CHECK_RESULTS },
  { model: 'api::archive-transfer.archive-transfer', field: 'custody', values: ARCHIVE_CUSTODIES },
  { model: 'api::class-roster.class-roster', field: 'state', values: ROSTER_STATES },
  { model: 'api::roster-line.roster-line', field: 'state', values: LINE_STATES },
  { model: 'api::roster-line.roster-line', field: 'errorField', values: ROSTER_FIELDS },
  { model: 'api::roster-line.roster-line', field: 'gender', values: GENDERS },
];

interface Model {
  attributes: Record<string, { type?: string; enum?: readonly string[] }>;
}

/** A CHECK constraint that lists a column's values, as the database reports it. */
export interface ValueCheck {
  model: string;
  field: string;
  constraint: string;
  values: readonly string[];
}

const differ = (a: readonly string[], b: readonly string[]) => a.length !== b.length || a.some((value) => !b.includes(value));
const list = (values: readonly string[]) => values.join(', ');

/** What disagrees, in words an operator can act on; empty when all agree. */
export function enumerationProblems(
  modelOf: (uid: string) => Model | undefined,
  labels: Readonly<Record<string, string>>,
  checks: readonly ValueCheck[],
  fieldLabels: Readonly<Record<string, Record<string, Record<string, string>>>> = {},
): string[] {
  const problems: string[] = [];
  for (const { model, field, values } of ENUMERATIONS) {
    const attribute = modelOf(model)?.attributes[field];
    if (!attribute || attribute.type !== 'enumeration') {
      problems.push(`${model}.${field} is not an enumeration any more`);
      continue;
    }
    const stored = attribute.enum ?? [];
    if (differ(stored, values)) problems.push(`${model}.${field} lists [${list(stored)}] but the rules know [${list(values)}]`);
    const unlabelled = values.filter((value) => !fieldLabels[model]?.[field]?.[value] && !labels[value]);
    if (unlabelled.length > 0) problems.push(`${model}.${field}: no Chinese label for ${list(unlabelled)} (src/domain/enum-labels.ts)`);
  }
  for (const check of checks) {
    const known = ENUMERATIONS.find((e) => e.model === check.model && e.field === check.field);
    if (known && differ(check.values, known.values)) {
      problems.push(`the database constraint ${check.constraint} allows [${list(check.values)}] for ${check.model}.${check.field} but the rules know [${list(known.values)}]`);
    }
  }
  return problems;
}

/** The values of a CHECK's definition of the form `col = ANY (ARRAY['a'::..., 'b'::...])` or `col IN ('a', 'b')`. */
export function checkedValues(definition: string): string[] | null {
  if (!/ANY|IN \(/.test(definition)) return null;
  const values = [...definition.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
  return values.length > 0 ? values : null;
}
