/**
 * 待我审批: the full list behind the home page's 待办 widget and the menu badge: every request of
 * every subject waiting for the signed-in person's decision, oldest due first, overdue in red.
 */
import { Badge, EmptyStateLayout, Flex, Loader, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useInboxItems } from '../components/InboxWidget';
import { Link } from 'react-router-dom';
import type { InboxItem } from '../../domain/inbox';
import { refreshInboxCount } from '../inbox-count';
import { dueText, editView, inboxTitle, stepText } from '../inbox-view';
import { HeadingsRow } from '../components/FiguresTable';

const HEADINGS = ['申请', '系部', '当前步骤', '办理期限', '提交时间'];

const Row = ({ item }: { item: InboxItem }) => (
  <Tr>
    <Td>
      <Link to={editView(item)}>
        <Typography fontWeight="bold" textColor={item.overdue ? 'danger700' : 'primary600'}>
          {inboxTitle(item)}
        </Typography>
      </Link>
    </Td>
    <Td>
      <Typography>{item.department ?? '-'}</Typography>
    </Td>
    <Td>
      <Typography>{stepText(item)}</Typography>
    </Td>
    <Td>
      <Flex gap={2}>
        <Typography textColor={item.overdue ? 'danger600' : 'neutral800'}>{dueText(item)}</Typography>
        {item.overdue ? <Badge textColor="danger700" backgroundColor="danger100">已超期</Badge> : null}
      </Flex>
    </Td>
    <Td>
      <Typography textColor="neutral600">{item.submittedAt ? new Date(item.submittedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '-'}</Typography>
    </Td>
  </Tr>
);

const InboxPage = () => {
  // The badge shows the same number as this list.
  const { items, failed } = useInboxItems(() => refreshInboxCount(true));

  const overdue = items?.filter((item) => item.overdue).length ?? 0;
  const subtitle = items ? `共 ${items.length} 项${overdue ? `，其中 ${overdue} 项已超期` : ''}；按办理期限排序，最早到期的在前` : '等待您办理的各类申请';
  return (
    <Page.Main>
      <Page.Title>待我审批</Page.Title>
      <Layouts.Header title="待我审批" subtitle={subtitle} />
      <Layouts.Content>
        {failed ? (
          <EmptyStateLayout content="无法加载待办，请刷新后重试。" />
        ) : !items ? (
          <Loader>正在加载待办</Loader>
        ) : items.length === 0 ? (
          <EmptyStateLayout content="暂无需要您审批的申请。" />
        ) : (
          <Table colCount={HEADINGS.length} rowCount={items.length + 1}>
            <HeadingsRow headings={HEADINGS} />
            <Tbody>
              {items.map((item) => (
                <Row key={`${item.subject}:${item.documentId}`} item={item} />
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default InboxPage;
