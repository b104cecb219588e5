/**
 * The 待我审批 menu entry's icon with its count. Strapi 5.54's menu links take a static
 * `notificationsCount` (read once when the menu is built), so the live number is drawn by the
 * link's icon component, which the menu renders inside the link (src/admin/inbox-count.ts).
 */
import * as React from 'react';
import { Bell } from '@strapi/icons';
import { useInboxCount } from '../inbox-count';
import { badgeText } from '../inbox-view';

type IconProps = React.ComponentProps<typeof Bell>;

const bubble = (overdue: boolean): React.CSSProperties => ({
  position: 'absolute',
  top: '-0.8rem',
  left: '1.1rem',
  minWidth: '1.8rem',
  height: '1.8rem',
  padding: '0 0.4rem',
  borderRadius: '0.9rem',
  background: overdue ? '#d02b20' : '#4945ff',
  color: '#ffffff',
  fontSize: '1.1rem',
  fontWeight: 600,
  lineHeight: '1.8rem',
  textAlign: 'center',
  boxSizing: 'border-box',
});

export const InboxMenuIcon = (props: IconProps) => {
  const count = useInboxCount();
  const text = count ? badgeText(count.total) : null;
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Bell {...props} />
      {text ? (
        <span data-testid="inbox-badge" title={`待我审批 ${count?.total} 项${count?.overdue ? `，${count.overdue} 项已超期` : ''}`} style={bubble(Boolean(count?.overdue))}>
          {text}
        </span>
      ) : null}
    </span>
  );
};
