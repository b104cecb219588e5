/**
 * "日志详情" in an audit entry's edit view: when, who (name and roles), what (the action in
 * Chinese), on what (named, with a link while the record exists and the reader may see it), which
 * fields (by their form labels) and why. The stored codes stay out of the form (VIEW_SETTINGS).
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { Link } from 'react-router-dom';
import { AUDIT_LOG, auditText, editPath, entryTitle, fieldLabels, formatDateTime, ipText, rolesText, typeLabel } from '../audit-view';
import { useDocumentTitle } from '../content-manager-hooks';
import { auditLabels } from '../label-batches';

type Entry = Record<string, unknown>;

const Fact = ({ name, children }: { name: string; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {name}
    </Typography>
    <Box>{children}</Box>
  </Flex>
);

const Text = ({ children, muted = false }: { children: string; muted?: boolean }) => (
  <Typography variant="omega" textColor={muted ? 'neutral600' : 'neutral800'} style={{ overflowWrap: 'anywhere' }}>
    {children}
  </Typography>
);

const Target = ({ entry }: { entry: Entry }) => {
  const labels = auditLabels.use(entry.documentId as string);
  const uid = typeof entry.targetType === 'string' ? entry.targetType : null;
  if (!uid) return <Text muted>—</Text>;
  const name = labels?.target ?? (labels === null ? typeLabel(uid) : '正在加载…');
  const title = name === typeLabel(uid) ? name : `${typeLabel(uid)}：${name}`;
  if (!labels?.targetFound) {
    return <Text>{labels === undefined ? name : `${title}（记录已删除或不在您的管理范围内）`}</Text>;
  }
  return (
    <Link to={editPath(uid, entry.targetDocumentId as string)}>
      <Typography variant="omega" textColor="primary600">
        {title}
      </Typography>
    </Link>
  );
};

const Actor = ({ entry }: { entry: Entry }) => {
  const labels = auditLabels.use(entry.documentId as string);
  const roles = rolesText(entry.actorRoles);
  const kind = auditText('actorType', entry.actorType);
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Text>{labels?.actor ?? auditText('actorLabel', entry.actorLabel)}</Text>
      <Text muted>{[kind, roles].filter((part) => part && part !== '-').join(' · ')}</Text>
    </Flex>
  );
};

const EntryDetails = ({ entry, collectionType }: { entry: Entry; collectionType: string }) => {
  const labels = auditLabels.use(entry.documentId as string);
  // The heading names the entry (未命名 otherwise: most entries have no reason, the configured main field).
  useDocumentTitle(AUDIT_LOG, collectionType, entry.documentId as string, entryTitle(entry.action, entry.targetType ? labels?.target : null));
  const fields = fieldLabels(entry.targetType as string, entry.fields);
  const channel = auditText('channel', entry.channel);
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <Fact name="时间">
        <Text>{formatDateTime(entry.occurredAt as string)}</Text>
      </Fact>
      <Fact name="操作者">
        <Actor entry={entry} />
      </Fact>
      <Fact name="操作">
        <Text>{auditText('action', entry.action)}</Text>
      </Fact>
      <Fact name="对象">
        <Target entry={entry} />
      </Fact>
      <Fact name="涉及字段">
        <Text muted={fields.length === 0}>{fields.length > 0 ? fields.join('、') : '（无）'}</Text>
      </Fact>
      <Fact name="理由">
        <Text muted={!entry.reason}>{typeof entry.reason === 'string' && entry.reason ? entry.reason : '（未填写）'}</Text>
      </Fact>
      <Fact name="渠道">
        <Text muted>{[channel, ipText(entry.ip) ? `IP ${ipText(entry.ip)}` : ''].filter((part) => part && part !== '-').join(' · ')}</Text>
      </Fact>
      <Typography variant="pi" textColor="neutral500">
        审计日志由系统自动记录，不能新增、修改或删除。
      </Typography>
    </Flex>
  );
};

export const AuditEntryPanel: PanelComponent = ({ model, documentId, document, collectionType }) => {
  if (model !== AUDIT_LOG || !documentId || !document) return null;
  return { title: '日志详情', content: <EntryDetails entry={document as Entry} collectionType={collectionType} /> };
};
