/**
 * "诚信档案" in a student's edit view: the summary of 第二十条 (level, counts by indicator, whether
 * the student is clear for an evaluation and why not), the records by indicator, and each record's
 * versions on demand. Served by `GET /student-records/integrity/students/:documentId`, which checks
 * the role, applies the scope and audits the read; roles without the archive's read permission are
 * not shown the panel (and the server would refuse them).
 */
import * as React from 'react';
import { Badge, Box, Divider, Flex, Loader, TextButton, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { Link } from 'react-router-dom';
import { editPath, studentListPath } from '../audit-view';
import { formatDateTime } from '../approval-view';
import { Heading, serverError } from './ApprovalTimeline';
import { useAdminData } from '../use-admin-data';
import {
  contentChanges,
  indicatorCounts,
  INTEGRITY_ARCHIVE,
  INTEGRITY_BASE,
  INTEGRITY_RECORD,
  recordLine,
  recordsByIndicator,
  versionActor,
  type PanelRecord,
  type RecordTimeline,
  type StudentIntegrity,
} from '../integrity-view';

const STUDENT = 'api::student.student';
const READ = 'plugin::content-manager.explorer.read';

type Variant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';
const LEVEL_VARIANTS: Record<string, Variant> = { excellent: 'success', good: 'primary', fair: 'warning', poor: 'danger' };

/** A record's versions, oldest first, each with what it changed. */
export const Versions = ({ documentId }: { documentId: string }) => {
  const [timeline] = useAdminData<RecordTimeline>(`${INTEGRITY_BASE}/records/${documentId}/timeline`);
  if (timeline === null) return <Loader small>正在加载记录版本</Loader>;
  if (timeline === 'failed') return <Typography variant="pi" textColor="neutral600">暂时无法加载记录版本</Typography>;
  return (
    <Flex tag="ol" direction="column" alignItems="stretch" gap={2} paddingLeft={3}>
      {timeline.versions.map((version, index) => (
        <Flex tag="li" key={version.version} direction="column" alignItems="stretch" gap={0}>
          <Typography variant="pi" fontWeight="bold" textColor="neutral800">
            {`第 ${version.version} 版 · ${version.eventLabel} → ${version.stateLabel}`}
          </Typography>
          <Typography variant="pi" textColor="neutral600" style={{ overflowWrap: 'anywhere' }}>
            {[formatDateTime(version.at), versionActor(version.actor)].filter(Boolean).join(' · ')}
          </Typography>
          {version.reason ? <Typography variant="pi" textColor="neutral800">{`理由：${version.reason}`}</Typography> : null}
          {contentChanges(timeline.versions[index - 1]?.content ?? null, version.content).map((change) => (
            <Typography key={change} variant="pi" textColor="neutral800" style={{ overflowWrap: 'anywhere' }}>
              {change}
            </Typography>
          ))}
        </Flex>
      ))}
    </Flex>
  );
};

const RecordEntry = ({ record }: { record: PanelRecord }) => {
  const [open, setOpen] = React.useState(false);
  return (
    <Box tag="li" padding={2} background="neutral100" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Link to={editPath(INTEGRITY_RECORD, record.documentId)}>
          <Typography variant="omega" fontWeight="semiBold" textColor="primary600" style={{ overflowWrap: 'anywhere' }}>
            {record.title}
          </Typography>
        </Link>
        <Typography variant="pi" textColor="neutral700">
          {recordLine(record)}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {`${record.levelLabel} · ${record.sourceOfficeLabel}`}
        </Typography>
        <TextButton onClick={() => setOpen(!open)}>{open ? '收起记录版本' : `查看记录版本（${record.version} 版）`}</TextButton>
        {open ? <Versions documentId={record.documentId} /> : null}
      </Flex>
    </Box>
  );
};

const Summary = ({ data }: { data: StudentIntegrity }) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    <Flex gap={2} wrap="wrap">
      <Badge variant={LEVEL_VARIANTS[data.level] ?? 'neutral'}>{data.levelLabel}</Badge>
      <Badge variant={data.clear ? 'success' : 'danger'}>{data.clear ? '可通过诚信审查' : '不能通过诚信审查'}</Badge>
      {data.archive.state === 'closed' ? <Badge variant="neutral">档案已封存</Badge> : null}
    </Flex>
    <Typography variant="pi" textColor="neutral800">
      {`优良记录 ${data.good} 条，有效不良记录 ${data.standingBad} 条，申诉中 ${data.openAppeals} 条`}
    </Typography>
    {indicatorCounts(data.byIndicator).map((line) => (
      <Typography key={line} variant="pi" textColor="neutral700">
        {line}
      </Typography>
    ))}
    {data.reasons.length > 0 ? (
      <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
        {data.reasons.map((reason) => (
          <Typography key={reason} tag="li" variant="pi" textColor="danger600">
            {reason}
          </Typography>
        ))}
      </Flex>
    ) : null}
    {data.archive.state === 'closed' ? (
      <Typography variant="pi" textColor="neutral600">
        {`档案已于 ${formatDateTime(data.archive.closedAt)} 封存，只能查看。`}
      </Typography>
    ) : null}
  </Flex>
);

const Records = ({ data, studentId }: { data: StudentIntegrity; studentId: string }) => {
  if (!data.records) return null;
  const groups = recordsByIndicator(data.records, data.byIndicator);
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Heading>诚信记录</Heading>
      {groups.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          没有诚信记录
        </Typography>
      ) : (
        groups.map((group) => (
          <Flex key={group.indicator} direction="column" alignItems="stretch" gap={2}>
            <Typography variant="pi" fontWeight="bold" textColor="neutral700">
              {`${group.label}（${group.records.length} 条）`}
            </Typography>
            <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
              {group.records.map((record) => (
                <RecordEntry key={record.documentId} record={record} />
              ))}
            </Flex>
          </Flex>
        ))
      )}
      {data.total !== null && data.total > 0 ? (
        <Link to={studentListPath(INTEGRITY_RECORD, studentId, 'occurredOn:DESC')}>
          <Typography variant="pi" fontWeight="bold" textColor="primary600">
            {`在列表中查看全部（${data.total} 条）`}
          </Typography>
        </Link>
      ) : null}
    </Flex>
  );
};

const IntegrityArchive = ({ studentId }: { studentId: string }) => {
  const { get } = useFetchClient();
  const [data, setData] = React.useState<StudentIntegrity | 'failed' | 'missing' | null>(null);
  React.useEffect(() => {
    let live = true;
    get<{ data: StudentIntegrity }>(`${INTEGRITY_BASE}/students/${studentId}`).then(
      ({ data: body }) => live && setData(body.data),
      (failure) => live && setData(serverError(failure).status === 404 ? 'missing' : 'failed'),
    );
    return () => {
      live = false;
    };
  }, [get, studentId]);
  if (data === null) return <Loader small>正在加载诚信档案</Loader>;
  if (data === 'missing') return <Typography variant="pi" textColor="neutral600">没有可查看的诚信档案</Typography>;
  if (data === 'failed') return <Typography variant="pi" textColor="neutral600">暂时无法加载诚信档案</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <Summary data={data} />
      <Divider />
      <Records data={data} studentId={studentId} />
      <Typography variant="pi" textColor="neutral500">
        查看他人的诚信档案会记入审计日志。
      </Typography>
    </Flex>
  );
};

/** Shown on saved students to roles that may read the integrity archive. */
export const IntegrityPanel: PanelComponent = ({ model, documentId }) => {
  const readable = useAuth('IntegrityPanel', (auth) => auth.permissions.some((p) => p.action === READ && p.subject === INTEGRITY_ARCHIVE));
  if (model !== STUDENT || !documentId || !readable) return null;
  return { title: '诚信档案', content: <IntegrityArchive studentId={documentId} /> };
};
