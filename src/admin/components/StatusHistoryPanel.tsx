/**
 * "变动内容" in a status-history entry's edit view: the stored codes and before/after snapshots
 * (kept out of the form, where they would show raw) in Chinese.
 */
import { Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { describeChange, label } from '../status-change-view';

const STATUS_HISTORY = 'api::status-history.status-history';

type Snapshot = Record<string, unknown> | null;

export const StatusHistoryPanel: PanelComponent = ({ model, documentId, document }) => {
  if (model !== STATUS_HISTORY || !documentId || !document) return null;
  const lines = describeChange((document.before as Snapshot) ?? null, (document.after as Snapshot) ?? null);
  const from = typeof document.fromStatus === 'string' ? label(document.fromStatus) : '无（新建学籍）';
  return {
    title: '变动内容',
    content: (
      <Flex direction="column" alignItems="stretch" gap={2} width="100%">
        <Typography variant="omega" fontWeight="semiBold">{`变动类别：${label(document.workflow as string)}`}</Typography>
        <Typography variant="pi">{`学籍状态：${from} → ${label(document.toStatus as string)}`}</Typography>
        {lines.filter((line) => !line.startsWith('学籍状态')).map((line) => (
          <Typography key={line} variant="pi">
            {line}
          </Typography>
        ))}
      </Flex>
    ),
  };
};
