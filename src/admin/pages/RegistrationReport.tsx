/**
 * 学籍注册统计: per semester, per department and for the school, the expected, registered on time
 * and the on-time rate, the deferred (applied, overdue, registered later, left) and the never
 * registered, as a chart and a table, each exported to Excel; and the 未注册学生名单 with its own
 * export. Department staff see their departments only: the server scopes every number.
 */
import * as React from 'react';
import { Box, Button, EmptyStateLayout, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { serverError } from '../components/ApprovalTimeline';
import { FiguresTable } from '../components/FiguresTable';
import { useDownload } from '../download';
import { editPath } from '../audit-view';
import { REGISTRATION_STATE_LABELS } from '../../domain/registration';
import { departmentName, REGISTRATION, REGISTRATION_BASE, REPORT_COLUMNS, reportChartOption, semesterWords, type RegistrationReport as Report, type UnregisteredRow } from '../registration-view';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The list shows this many; the export has them all. */
const LIST_LIMIT = 200;

const ReportTable = ({ report }: { report: Report }) => (
  <FiguresTable
    headings={['系部', ...REPORT_COLUMNS.map(([heading]) => heading)]}
    rows={report.departments.map((row) => ({ key: String(row.department?.id ?? 'none'), cells: [departmentName(row), ...REPORT_COLUMNS.map(([, value]) => value(row))] }))}
    total={['合计', ...REPORT_COLUMNS.map(([, value]) => value(report.school))]}
  />
);

const UnregisteredTable = ({ rows }: { rows: UnregisteredRow[] }) => (
  <FiguresTable
    headings={['系部', '班级', '学号', '姓名', '注册状态', '截止日期', '逾期']}
    rows={rows.slice(0, LIST_LIMIT).map((row) => ({
      key: row.documentId,
      cells: [
        row.department ?? '—',
        row.schoolClass ?? '—',
        row.studentNumber,
        <Link to={editPath(REGISTRATION, row.documentId)}>
          <Typography textColor="primary600">{row.name}</Typography>
        </Link>,
        REGISTRATION_STATE_LABELS[row.state as keyof typeof REGISTRATION_STATE_LABELS] ?? row.state,
        `${row.deadline}${row.deferredUntil ? '（已准延期）' : ''}`,
        <Typography textColor={row.overdue ? 'danger600' : 'neutral800'}>{row.overdue ? '是' : '否'}</Typography>,
      ],
    }))}
  />
);

const RegistrationReportPage = () => {
  const { get } = useFetchClient();
  const [semesters, setSemesters] = React.useState<string[] | null>(null);
  const [semester, setSemester] = React.useState<string | null>(null);
  const [report, setReport] = React.useState<Report | null>(null);
  const [unregistered, setUnregistered] = React.useState<UnregisteredRow[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const reportDownload = useDownload('导出未成功');
  const listDownload = useDownload('导出未成功');

  React.useEffect(() => {
    get<{ data: Array<{ code: string }> }>(`${REGISTRATION_BASE}/semesters`).then(
      ({ data }) => {
        setSemesters(data.data.map((s) => s.code));
        setSemester((current) => current ?? data.data[0]?.code ?? null);
      },
      (failure) => setError(serverError(failure).message),
    );
  }, [get]);

  React.useEffect(() => {
    if (!semester) return;
    let current = true;
    setReport(null);
    setUnregistered(null);
    Promise.all([
      get<{ data: Report }>(`${REGISTRATION_BASE}/report`, { params: { semester } }),
      get<{ data: UnregisteredRow[] }>(`${REGISTRATION_BASE}/unregistered`, { params: { semester } }),
    ]).then(
      ([figures, list]) => {
        if (!current) return;
        setReport(figures.data.data);
        setUnregistered(list.data.data);
        setError(null);
      },
      (failure) => {
        if (current) setError(serverError(failure).message);
      },
    );
    return () => {
      current = false;
    };
  }, [get, semester]);

  const query = (extra: Record<string, string>) => new URLSearchParams({ ...(semester ? { semester } : {}), ...extra }).toString();

  return (
    <Page.Main>
      <Page.Title>学籍注册统计</Page.Title>
      <Layouts.Header
        title="学籍注册统计"
        subtitle="各学期按系部和全校统计应注册、按时注册、延期与未注册人数"
        primaryAction={
          <Button variant="secondary" loading={reportDownload.busy} disabled={!report} onClick={() => reportDownload.download(`${REGISTRATION_BASE}/report?${query({ format: 'xlsx' })}`, '学籍注册统计.xlsx')}>
            导出 Excel
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box minWidth="260px" maxWidth="320px">
            <Field.Root name="semester">
              <Field.Label>学期</Field.Label>
              <SingleSelect value={semester ?? ''} placeholder="选择学期" onChange={(value) => setSemester(String(value))}>
                {(semesters ?? []).map((code) => (
                  <SingleSelectOption key={code} value={code}>
                    {semesterWords(code)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          {error ? (
            <EmptyStateLayout content={error} />
          ) : semesters !== null && semesters.length === 0 ? (
            <EmptyStateLayout content="尚未开放任何学期的注册。" />
          ) : !report || !unregistered ? (
            <Loader>正在加载统计数据</Loader>
          ) : (
            <>
              <Flex gap={6} wrap="wrap">
                {[
                  ['应注册', String(report.school.expected)],
                  ['按时注册', String(report.school.registered)],
                  ['按时注册率', report.school.onTimeRate === null ? '—' : `${report.school.onTimeRate}%`],
                  ['延期', String(report.school.deferred.total)],
                  ['最终未注册', String(report.school.neverRegistered)],
                ].map(([name, value]) => (
                  <Box key={name} background="neutral0" padding={4} hasRadius shadow="tableShadow" minWidth="140px">
                    <Typography variant="pi" textColor="neutral600" tag="p">
                      {name}
                    </Typography>
                    <Typography variant="alpha" tag="p">
                      {value}
                    </Typography>
                  </Box>
                ))}
              </Flex>
              {report.departments.length === 0 ? (
                <EmptyStateLayout content={`${semesterWords(report.semester.code)}没有注册记录。`} />
              ) : (
                <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
                  <ReactEChartsCore echarts={echarts} option={reportChartOption(report)} notMerge style={{ height: 320, width: '100%' }} />
                </Box>
              )}
              <ReportTable report={report} />
              <Typography variant="pi" textColor="neutral600">
                统计口径：按时注册为截止日期内完成注册且未办延期、未逾期补办；延期合计为已办延期与逾期未注册之和；最终未注册为注册期（含延期）结束仍未注册。系部人员只能看到本系部的数据。
              </Typography>
              <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap">
                <Typography variant="beta" tag="h2">
                  {`未注册学生名单（${unregistered.length} 人）`}
                </Typography>
                <Button variant="secondary" loading={listDownload.busy} onClick={() => listDownload.download(`${REGISTRATION_BASE}/unregistered?${query({ format: 'xlsx' })}`, '未注册学生名单.xlsx')}>
                  导出未注册学生名单
                </Button>
              </Flex>
              {unregistered.length === 0 ? (
                <EmptyStateLayout content="本学期的学生均已注册。" />
              ) : (
                <>
                  <UnregisteredTable rows={unregistered} />
                  {unregistered.length > LIST_LIMIT ? (
                    <Typography variant="pi" textColor="neutral600">
                      {`仅显示前 ${LIST_LIMIT} 人，完整名单请导出 Excel。`}
                    </Typography>
                  ) : null}
                </>
              )}
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default RegistrationReportPage;
