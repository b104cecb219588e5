/**
 * 待办 on the admin home page: the requests of every subject waiting for the signed-in person's
 * decision (the server's /student-records/inbox, the same list as GET /api/me/inbox), oldest due
 * first, overdue ones in red, each one click from its edit view (the 审批办理 panel); the total, and
 * a link to the full list (待我审批) when there are more than fit.
 */
import * as React from 'react';
import { Badge, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import type { InboxItem } from '../../domain/inbox';
import { dueText, editView, inboxTitle, INBOX_PATH, stepText } from '../inbox-view';
import { inboxItems } from '../dashboard/home-data';

/** What fits in the widget's 261 px without scrolling much. */
export const WIDGET_ITEMS = 4;

const Item = ({ item }: { item: InboxItem }) => (
  <Link to={editView(item)} style={{ textDecoration: 'none' }}>
    <Box padding={2} hasRadius background={item.overdue ? 'danger100' : 'neutral100'} borderColor={item.overdue ? 'danger200' : undefined}>
      <Flex justifyContent="space-between" gap={2}>
        <Typography fontWeight="bold" textColor={item.overdue ? 'danger700' : 'primary600'} ellipsis>
          {inboxTitle(item)}
        </Typography>
        {item.overdue ? <Badge textColor="danger700" backgroundColor="danger100">已超期</Badge> : null}
      </Flex>
      <Typography variant="pi" textColor={item.overdue ? 'danger600' : 'neutral600'}>
        {`${item.department ?? ''} ${stepText(item)} · ${dueText(item)}`}
      </Typography>
    </Box>
  </Link>
);

/**
 * What waits for the signed-in person (null while loading), for the widget and the 待我审批 page;
 * `onLoad` runs once per load. On the home page the widget's loader has already asked
 * (src/admin/dashboard/home-data.ts): the answer on its way is taken, not asked again.
 */
export function useInboxItems(onLoad?: () => void): { items: InboxItem[] | null; failed: boolean } {
  const [items, setItems] = React.useState<InboxItem[] | null>(null);
  const [failed, setFailed] = React.useState(false);
  React.useEffect(() => {
    let mounted = true;
    inboxItems().then(
      (loaded) => mounted && setItems(loaded),
      () => mounted && setFailed(true),
    );
    onLoad?.();
    return () => {
      mounted = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { items, failed };
}

export const InboxWidget = () => {
  const { items, failed } = useInboxItems();

  if (failed) return <Typography textColor="danger600">无法加载待办，请刷新后重试。</Typography>;
  if (!items) return <Loader small>正在加载待办</Loader>;
  if (items.length === 0) return <Typography textColor="neutral600">暂无需要您审批的申请。</Typography>;
  const overdue = items.filter((item) => item.overdue).length;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex justifyContent="space-between">
        <Typography variant="omega" textColor="neutral800">
          {`共 ${items.length} 项待办`}
          {overdue > 0 ? <Typography textColor="danger600">{`，其中 ${overdue} 项已超期`}</Typography> : null}
        </Typography>
        {items.length > WIDGET_ITEMS ? (
          <Link to={INBOX_PATH}>
            <Typography variant="pi" textColor="primary600">{`查看全部 ${items.length} 项 →`}</Typography>
          </Link>
        ) : null}
      </Flex>
      {items.slice(0, WIDGET_ITEMS).map((item) => (
        <Item key={`${item.subject}:${item.documentId}`} item={item} />
      ))}
    </Flex>
  );
};
