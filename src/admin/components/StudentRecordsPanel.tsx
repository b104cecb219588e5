/**
 * "学籍异动与变动记录" in a student's edit view: the student's requests (type, state, date) and
 * status-history entries, each opening its own edit view, with links to the lists filtered to the
 * student. Read through the Content Manager's own list routes, which check the role and apply the
 * department scope; a section the role may not read is not shown and not asked for.
 */
import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { Link } from 'react-router-dom';
import { editPath, formatDateTime, studentListPath } from '../audit-view';
import { label, stateLabel } from '../status-change-view';

const STUDENT = 'api::student.student';
const STATUS_CHANGE = 'api::status-change.status-change';
const STATUS_HISTORY = 'api::status-history.status-history';
const READ = 'plugin::content-manager.explorer.read';
const SHOWN = 5;

type Row = Record<string, unknown> & { documentId: string };
interface Section {
  uid: string;
  title: string;
  sort: string;
  empty: string;
  line: (row: Row) => string;
}

const SECTIONS: Section[] = [
  {
    uid: STATUS_CHANGE,
    title: '学籍异动申请',
    sort: 'createdAt:DESC',
    empty: '没有学籍异动申请',
    line: (row) => `${label(row.type as string)} · ${stateLabel(row.state as string)} · ${formatDateTime((row.submittedAt ?? row.createdAt) as string)}`,
  },
  {
    uid: STATUS_HISTORY,
    title: '学籍变动记录',
    sort: 'occurredAt:DESC',
    empty: '没有学籍变动记录',
    line: (row) => `${formatDateTime(row.occurredAt as string)} ${typeof row.summary === 'string' ? row.summary : label(row.workflow as string)}`,
  },
];

const Records = ({ section, studentId }: { section: Section; studentId: string }) => {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ rows: Row[]; total: number } | 'failed' | null>(null);

  React.useEffect(() => {
    let live = true;
    get<{ results: Row[]; pagination: { total: number } }>(`/content-manager/collection-types/${section.uid}`, {
      params: { filters: { student: { documentId: { $eq: studentId } } }, sort: section.sort, page: 1, pageSize: SHOWN },
    }).then(
      ({ data }) => live && setState({ rows: data.results, total: data.pagination.total }),
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
  }, [get, section, studentId]);

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma" textColor="neutral600">
        {section.title}
      </Typography>
      {state === null ? <Typography variant="pi" textColor="neutral600">正在加载…</Typography> : null}
      {state === 'failed' ? <Typography variant="pi" textColor="neutral600">暂时无法加载</Typography> : null}
      {state !== null && state !== 'failed' ? (
        <>
          {state.rows.length === 0 ? <Typography variant="pi" textColor="neutral600">{section.empty}</Typography> : null}
          {state.rows.map((row) => (
            <Link key={row.documentId} to={editPath(section.uid, row.documentId)}>
              <Typography variant="pi" textColor="primary600">
                {section.line(row)}
              </Typography>
            </Link>
          ))}
          {state.total > 0 ? (
            <Link to={studentListPath(section.uid, studentId, section.sort)}>
              <Typography variant="pi" fontWeight="bold" textColor="primary600">
                {`查看全部（${state.total} 条）`}
              </Typography>
            </Link>
          ) : null}
        </>
      ) : null}
    </Flex>
  );
};

const StudentRecords = ({ studentId, sections }: { studentId: string; sections: Section[] }) => (
  <Flex direction="column" alignItems="stretch" gap={4} width="100%">
    {sections.map((section) => (
      <Records key={section.uid} section={section} studentId={studentId} />
    ))}
  </Flex>
);

/** Shown on saved students to roles that may read their requests or their history. */
export const StudentRecordsPanel: PanelComponent = ({ model, documentId }) => {
  // The panel is rendered as a component (Strapi's own panels use hooks the same way).
  const readable = useAuth('StudentRecordsPanel', (auth) => auth.permissions.filter((p) => p.action === READ).map((p) => p.subject ?? '').join(','));
  const sections = SECTIONS.filter((section) => readable.split(',').includes(section.uid));
  if (model !== STUDENT || !documentId || sections.length === 0) return null;
  return { title: '学籍异动与变动记录', content: <StudentRecords studentId={documentId} sections={sections} /> };
};
