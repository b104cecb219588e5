/**
 * The audit log's and the status changes' list cells: codes by their Chinese names, and the
 * people and records named as a person recognises them (one batched request per page, through
 * src/admin/label-batches.ts), in place of emails and document ids.
 */
import { Typography } from '@strapi/design-system';
import { AUDIT_LABELS, auditText, rolesText } from '../audit-view';
import { applicantLabels, auditLabels } from '../label-batches';

type Row = Record<string, unknown>;

const Cell = ({ text, title }: { text: string; title?: string }) => (
  <Typography textColor="neutral800" title={title}>
    {text}
  </Typography>
);

/** Who acted: their name (resolved), or the stored label until it arrives. */
const ActorCell = ({ row }: { row: Row }) => {
  const labels = auditLabels.use(row.documentId as string);
  return <Cell text={labels?.actor ?? auditText('actorLabel', row.actorLabel)} />;
};

/** What was acted on: 姓名（学号）, a class's name...; the type's name when the record cannot be read. */
const TargetCell = ({ row }: { row: Row }) => {
  const labels = auditLabels.use(row.documentId as string);
  const fallback = auditText('targetType', row.targetType);
  return <Cell text={labels?.target ?? (labels === null ? fallback : '…')} />;
};

const ApplicantCell = ({ row }: { row: Row }) => {
  const label = applicantLabels.use(row.documentId as string);
  const stored = typeof row.appliedBy === 'string' ? row.appliedBy : '-';
  return <Cell text={label ?? (stored === 'system' ? '系统' : label === null ? stored : '…')} />;
};

/** The cell of an audit-log column, or null for columns shown as stored. */
export function auditCell(field: string): ((row: Row) => React.ReactNode) | null {
  if (field === 'actorLabel') return (row) => <ActorCell row={row} />;
  if (field === 'targetDocumentId') return (row) => <TargetCell row={row} />;
  if (field === 'actorRoles') return (row) => <Cell text={rolesText(row.actorRoles) || '-'} />;
  if (AUDIT_LABELS[field]) return (row) => <Cell text={auditText(field, row[field])} />;
  return null;
}

/** The cell of a status-change column, or null for the columns other code formats. */
export function statusChangeCell(field: string): ((row: Row) => React.ReactNode) | null {
  if (field === 'appliedBy') return (row) => <ApplicantCell row={row} />;
  return null;
}
