/**
 * One home-page chart: its dataset from /student-records/dashboard (every chart the caller may
 * read, counted over the caller's scope by the server, asked once for all the charts:
 * ./home-data.ts), drawn with ECharts as stacked bars, or the same numbers as a table (图表/表格),
 * with the dataset's filter (a request's state) when it has one.
 */
import * as React from 'react';
import { Box, Button, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { isFetchError } from '@strapi/strapi/admin';
// Only the pieces drawn here, so the admin bundle does not carry all of ECharts.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { pivot, pivotTable, type DatasetResult, type NumbersTable } from '../../domain/dashboard';
import { stackedBarOption } from './chart-option';
import { dashboardDatasets } from './home-data';
import { useDownload } from '../download';
import { HeadingsRow } from '../components/FiguresTable';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const ALL = 'all';
const CHART_HEIGHT = 196;

const FORBIDDEN = '您没有查看此统计的权限。';

function failureMessage(error: unknown): string {
  if (isFetchError(error) && (error.status ?? error.response?.data?.error?.status) === 403) return FORBIDDEN;
  return '统计数据加载失败，请稍后重试。';
}

function coverageText(result: DatasetResult): string {
  const who = result.coverage.kind === 'school' ? '全校' : result.coverage.departments.length > 0 ? result.coverage.departments.join('、') : '无所属系部';
  return [who, result.period].filter(Boolean).join(' · ');
}

const NumbersGrid = ({ table }: { table: NumbersTable }) => (
  <Table colCount={table.header.length} rowCount={table.rows.length + 1}>
    <HeadingsRow headings={table.header} />
    <Tbody>
      {table.rows.map((row, r) => (
        <Tr key={String(row[0])}>
          {row.map((value, c) => (
            <Td key={c}>
              <Typography textColor={value === 0 ? 'neutral500' : 'neutral800'} fontWeight={r === table.rows.length - 1 || c === row.length - 1 ? 'bold' : 'regular'}>
                {value}
              </Typography>
            </Td>
          ))}
        </Tr>
      ))}
    </Tbody>
  </Table>
);

interface ToolbarProps {
  result: DatasetResult;
  filter: string;
  onFilter: (filter: string) => void;
  mode: 'chart' | 'table';
  onMode: (mode: 'chart' | 'table') => void;
  exporting: boolean;
  onExport: () => void;
}

const Toolbar = ({ result, filter, onFilter, mode, onMode, exporting, onExport }: ToolbarProps) => (
  <Flex justifyContent="space-between" gap={2}>
    <Typography variant="pi" textColor="neutral600" ellipsis>
      {coverageText(result)}
    </Typography>
    <Flex gap={1}>
      {result.filters.length > 0 ? (
        <Box minWidth="96px">
          <SingleSelect size="S" aria-label="办理状态" value={filter} onChange={(value) => onFilter(String(value))}>
            <SingleSelectOption value={ALL}>全部状态</SingleSelectOption>
            {result.filters.map((f) => (
              <SingleSelectOption key={f.key} value={f.key}>
                {f.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
      ) : null}
      <Button size="S" variant={mode === 'chart' ? 'secondary' : 'tertiary'} onClick={() => onMode('chart')} aria-pressed={mode === 'chart'}>
        图表
      </Button>
      <Button size="S" variant={mode === 'table' ? 'secondary' : 'tertiary'} onClick={() => onMode('table')} aria-pressed={mode === 'table'}>
        表格
      </Button>
      {mode === 'table' ? (
        <Button size="S" variant="tertiary" loading={exporting} onClick={onExport}>
          导出 Excel
        </Button>
      ) : null}
    </Flex>
  </Flex>
);

const DatasetWidget = ({ name }: { name: string }) => {
  const [result, setResult] = React.useState<DatasetResult | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [filter, setFilter] = React.useState(ALL);
  const [mode, setMode] = React.useState<'chart' | 'table'>('chart');
  const { busy: exporting, download } = useDownload('导出未成功');
  const exportSheet = () => {
    const params = new URLSearchParams({ format: 'xlsx' });
    if (filter !== ALL) params.set('filter', filter);
    return download(`/student-records/dashboard/${encodeURIComponent(name)}?${params.toString()}`, `${result?.title ?? '统计'}.xlsx`);
  };

  React.useEffect(() => {
    let mounted = true;
    dashboardDatasets().then(
      (datasets) => {
        if (!mounted) return;
        const mine = datasets.find((dataset) => dataset.dataset === name);
        // Left out of the answer: the role may not read it (the widget is offered by permission too).
        if (mine) setResult(mine);
        else setError(FORBIDDEN);
      },
      (failure) => mounted && setError(failureMessage(failure)),
    );
    return () => {
      mounted = false;
    };
  }, [name]);

  const grid = React.useMemo(() => (result ? pivot(result, filter === ALL ? null : filter) : null), [result, filter]);
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!result || !grid) return <Loader small>正在加载统计数据</Loader>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Toolbar result={result} filter={filter} onFilter={setFilter} mode={mode} onMode={setMode} exporting={exporting} onExport={exportSheet} />
      {grid.total === 0 ? (
        <Box paddingTop={8} paddingBottom={8}>
          <Typography textColor="neutral600" textAlign="center" tag="p">
            {`暂无数据：${coverageText(result)}没有可统计的${result.title.replace(/^本学年/, '')}。`}
          </Typography>
        </Box>
      ) : mode === 'chart' ? (
        <ReactEChartsCore echarts={echarts} option={stackedBarOption(grid, result.unit)} notMerge style={{ height: CHART_HEIGHT, width: '100%' }} />
      ) : (
        <NumbersGrid table={pivotTable(grid, result.categoryHeading)} />
      )}
    </Flex>
  );
};

/** The widget component for one dataset (the home page loads it lazily). */
export function datasetWidget(name: string): React.ComponentType {
  const Widget = () => <DatasetWidget name={name} />;
  Widget.displayName = `DatasetWidget(${name})`;
  return Widget;
}
