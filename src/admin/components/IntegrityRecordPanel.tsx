/**
 * "记录状态与版本" in an integrity record's edit view: where the record stands, in words (its level
 * and source, who confirmed it and when, the student's acknowledgement), and its versions from the
 * admin route of its timeline; its evidence files, with the upload the entering source has until the
 * record is confirmed. The form keeps what was entered; these are set by the flows. Once
 * confirmed, the form is read-only, as the server refuses any change outside the flows (第十九条).
 */
import { Flex, Loader, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { ENUM_LABELS } from '../../domain/enum-labels';
import { INTEGRITY_FIELD_LABELS } from '../../domain/integrity-field-labels';
import { formatDateTime } from '../approval-view';
import { useFormLock } from '../content-manager-hooks';
import { useAdminData } from '../use-admin-data';
import { INTEGRITY_BASE, INTEGRITY_RECORD, type RecordEvidence } from '../integrity-view';
import { Heading } from './ApprovalTimeline';
import { Versions } from './IntegrityPanel';
import { PrivateDocuments } from './PrivateDocuments';

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

/** The record's evidence (证明材料), with the upload its entering source has until confirmation. */
const Evidence = ({ documentId }: { documentId: string }) => {
  const base = `${INTEGRITY_BASE}/records/${documentId}/evidence`;
  const [evidence, setEvidence] = useAdminData<RecordEvidence>(base);
  if (evidence === null) return <Loader small>正在加载证明材料</Loader>;
  if (evidence === 'failed') return <Typography variant="pi" textColor="neutral600">暂时无法加载证明材料</Typography>;
  return (
    <PrivateDocuments<RecordEvidence> base={base} title="证明材料" files={evidence.files} canAttach={evidence.canAttach} uploadLabel="上传证明材料" onUploaded={setEvidence} />
  );
};

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
        <Line name="认定" value={document.confirmedAt ? [formatDateTime(document.confirmedAt as string), document.confirmedBy].filter(Boolean).join(' · ') : '尚未认定'} />
        {document.acknowledgedAt ? <Line name="学生确认" value={formatDateTime(document.acknowledgedAt as string)} /> : null}
      </Flex>
      <Evidence documentId={documentId} />
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
