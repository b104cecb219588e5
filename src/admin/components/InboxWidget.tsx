/**
 * 待我审批 on the admin home page: the requests of every subject waiting for the signed-in
 * person's decision (the server's /student-records/inbox, the same list as GET /api/me/inbox),
 * with the step, the due date and overdue ones marked, each linking to its edit view.
 */
import * as React from 'react';
import { Badge, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import type { InboxItem } from '../../domain/inbox';
import { label } from '../approval-view';

const editView = (item: InboxItem) => `/content-manager/collection-types/${item.uid}/${item.documentId}`;

export const InboxWidget = () => {
  const { get } = useFetchClient();
  const [items, setItems] = React.useState<InboxItem[] | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    get<{ data: InboxItem[] }>('/student-records/inbox').then(
      ({ data }) => setItems(data.data),
      () => setFailed(true),
    );
  }, [get]);

  if (failed) return <Typography textColor="danger600">无法加载待办，请刷新后重试。</Typography>;
  if (!items) return <Loader small>正在加载待办</Loader>;
  if (items.length === 0) return <Typography textColor="neutral600">暂无需要您审批的申请。</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {items.slice(0, 8).map((item) => (
        <Box key={`${item.subject}:${item.documentId}`} padding={2} hasRadius background={item.overdue ? 'danger100' : 'neutral100'}>
          <Flex justifyContent="space-between" gap={2}>
            <Link to={editView(item)}>
              <Typography fontWeight="bold">{`${item.subjectLabel}：${item.type ? label(item.type) : '申请'} · ${item.student ?? '转入学生'}`}</Typography>
            </Link>
            {item.overdue ? <Badge textColor="danger700">已超期</Badge> : null}
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {`${item.department ?? ''} 第 ${item.step} 步 ${item.stepLabel ?? ''}${item.due ? ` · 限 ${item.due} 前办理` : ''}`}
          </Typography>
        </Box>
      ))}
      {items.length > 8 ? (
        <Typography variant="pi" textColor="neutral600">{`另有 ${items.length - 8} 项待审批。`}</Typography>
      ) : null}
    </Flex>
  );
};
