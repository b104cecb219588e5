/**
 * "记录状态与版本" in an integrity record's edit view: where the record stands, in words (its level
 * and source, who confirmed it and when, the student's acknowledgement), and its versions from the
 * admin route of its timeline. The form keeps what was entered; these are set by the flows. Once
 * confirmed, the form is read-only, as the server refuses any change outside the flows (第十九条).
 */
import { Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { ENUM_LABELS } from '../../domain/enum-labels';
import { INTEGRITY_FIELD_LABELS } from '../../domain/integrity-field-labels';
import { formatDateTime } from '../approval-view';
import { useFormLock } from '../content-manager-hooks';
import { INTEGRITY_RECORD } from '../integrity-view';
import { Heading } from './ApprovalTimeline';
import { Versions } from './IntegrityPanel';

const OWN = INTEGRITY_FIELD_LABELS[INTEGRITY_RECORD];
/** Only an entered record is corrected in its form. */
const EDITABLE_STATE = 'entered';

function named(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  return OWN[field]?.[value] ?? ENUM_LABELS[value] ?? value;
}

const Line = ({ name, value }: { name: string; value: string }) => (
  <Typography variant="pi" textColor="neutral800" style={{ overflowWrap: 'anywhere' }}>
    {`${name}：${value}`}
  </Typography>
);

const RecordStanding = ({ documentId, document }: { documentId: string; document: Record<string, unknown> }) => {
  const locked = typeof document.state === 'string' && document.state !== EDITABLE_STATE;
  useFormLock(INTEGRITY_RECORD, documentId, locked);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      {locked ? (
        <Typography variant="pi" textColor="neutral600">
          记录已认定，表单为只读：修改、撤销只能经学生申诉，修定只能经修定申请（第十九条）。
        </Typography>
      ) : null}
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Line name="记录状态" value={named('state', document.state)} />
        <Line name="记录层级" value={named('level', document.level)} />
        <Line name="来源部门" value={named('sourceOffice', document.sourceOffice)} />
        <Line name="认定" value={document.confirmedAt ? `${formatDateTime(document.confirmedAt as string)} · ${String(document.confirmedBy ?? '')}` : '尚未认定'} />
        {document.acknowledgedAt ? <Line name="学生确认" value={formatDateTime(document.acknowledgedAt as string)} /> : null}
      </Flex>
      <Heading>记录版本</Heading>
      <Versions documentId={documentId} />
    </Flex>
  );
};

/** Shown on saved records. */
export const IntegrityRecordPanel: PanelComponent = ({ model, documentId, document }) => {
  if (model !== INTEGRITY_RECORD || !documentId || !document) return null;
  return { title: '记录状态与版本', content: <RecordStanding documentId={documentId} document={document as Record<string, unknown>} /> };
};
