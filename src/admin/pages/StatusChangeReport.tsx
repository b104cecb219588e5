/**
 * 学籍异动统计: how many status changes each department had, by type, in a semester and state
 * (approved by default), from the admin report route. Department staff see their departments only:
 * the server scopes the counts.
 */
import * as React from 'react';
import { Box, Button, EmptyStateLayout, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page, isFetchError, useFetchClient } from '@strapi/strapi/admin';
import { label, stateLabel } from '../status-change-view';
import { useDownload } from '../download';
import { FiguresTable } from '../components/FiguresTable';
import { CHANGE_TYPES, REPORT_STATES, reportTable, semesterLabel, semestersOf, type ReportRow, type ReportTable } from '../../domain/status-change-report';

const REPORT = '/student-records/status-changes/report';
const ALL_SEMESTERS = 'all';

const Cell = ({ value, bold }: { value: number | string; bold?: boolean }) => (
  <Typography textColor={value === 0 ? 'neutral500' : 'neutral800'} fontWeight={bold ? 'bold' : 'regular'}>
    {value}
  </Typography>
);

const CountsTable = ({ table }: { table: ReportTable }) => (
  <FiguresTable
    headings={['系部', ...CHANGE_TYPES.map((type) => label(type)), '合计']}
    rows={table.rows.map((row) => ({ key: row.key, cells: [row.department, ...CHANGE_TYPES.map((type) => <Cell value={row.counts[type]} />), <Cell value={row.total} bold />] }))}
    total={['合计', ...CHANGE_TYPES.map((type) => <Cell value={table.totals[type]} bold />), <Cell value={table.total} bold />]}
  />
);

interface FiltersProps {
  semesters: string[];
  semester: string;
  state: string;
  onSemester: (semester: string) => void;
  onState: (state: string) => void;
}

const Filters = ({ semesters, semester, state, onSemester, onState }: FiltersProps) => (
  <Flex gap={4} alignItems="flex-end" wrap="wrap">
    <Box minWidth="260px">
      <Field.Root name="semester">
        <Field.Label>学期</Field.Label>
        <SingleSelect value={semester} onChange={(value) => onSemester(String(value))}>
          <SingleSelectOption value={ALL_SEMESTERS}>全部学期</SingleSelectOption>
          {semesters.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {semesterLabel(s)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Box>
    <Box minWidth="200px">
      <Field.Root name="state">
        <Field.Label>办理状态</Field.Label>
        <SingleSelect value={state} onChange={(value) => onState(String(value))}>
          {REPORT_STATES.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {stateLabel(s)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Box>
  </Flex>
);

function failureMessage(error: unknown): string {
  if (isFetchError(error)) {
    const status = error.status ?? error.response?.data?.error?.status;
    if (status === 403) return '您没有查看学籍异动统计的权限。';
    return error.response?.data?.error?.message || '统计数据加载失败，请稍后重试。';
  }
  return '统计数据加载失败，请检查网络后重试。';
}

const StatusChangeReport = () => {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<string>('approved');
  const [semester, setSemester] = React.useState<string | null>(null);
  const [rows, setRows] = React.useState<ReportRow[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    let current = true;
    setRows(null);
    get<{ data: ReportRow[] }>(REPORT, { params: { state } }).then(
      ({ data }) => {
        if (!current) return;
        setRows(data.data);
        setError(null);
      },
      (failure) => {
        if (current) setError(failureMessage(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [get, state]);

  const semesters = React.useMemo(() => semestersOf(rows ?? []), [rows]);
  // Until one is chosen, the newest semester with data; a choice absent from this state's data is kept.
  const chosen = semester ?? semesters[0] ?? ALL_SEMESTERS;
  const table = React.useMemo(() => reportTable(rows ?? [], chosen === ALL_SEMESTERS ? null : chosen), [rows, chosen]);
  const { busy, download } = useDownload('导出未成功');
  const exportSheet = () => {
    const params = new URLSearchParams({ state, format: 'xlsx' });
    if (chosen !== ALL_SEMESTERS) params.set('semester', chosen);
    return download(`${REPORT}?${params.toString()}`, '学籍异动统计.xlsx');
  };

  return (
    <Page.Main>
      <Page.Title>学籍异动统计</Page.Title>
      <Layouts.Header
        title="学籍异动统计"
        subtitle="按系部和异动类别统计各学期的学籍异动申请"
        primaryAction={
          <Button variant="secondary" loading={busy} disabled={rows === null || Boolean(error)} onClick={exportSheet}>
            导出 Excel
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Filters semesters={semesters.includes(chosen) || chosen === ALL_SEMESTERS ? semesters : [...semesters, chosen]} semester={chosen} state={state} onSemester={setSemester} onState={setState} />
          {error ? (
            <EmptyStateLayout content={error} />
          ) : rows === null ? (
            <Loader>正在加载统计数据</Loader>
          ) : table.rows.length === 0 ? (
            <EmptyStateLayout content={`${chosen === ALL_SEMESTERS ? '所有学期' : semesterLabel(chosen)}没有${stateLabel(state)}的学籍异动申请。`} />
          ) : (
            <CountsTable table={table} />
          )}
          <Typography variant="pi" textColor="neutral600">
            统计口径：按申请提交的学期和申请时学生所在系部计数；草稿尚未提交，没有学期。系部人员只能看到本系部的数据。
          </Typography>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default StatusChangeReport;
