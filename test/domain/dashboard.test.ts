/** The home page's datasets as data: the school year's months, bucketing counts into them, the grid and its table. */
import fc from 'fast-check';
import { bucketByMonth, DASHBOARD_DATASETS, monthLabel, pivot, pivotTable, schoolYearMonths, type DatasetBody } from '../../src/domain/dashboard';
import { STAFF_ACTIONS } from '../../src/domain/permissions';

describe('the school year in months', () => {
  test('September to August, across the new year', () => {
    expect(schoolYearMonths(2026)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08']);
  });

  test.each([
    ['2026-09', '2026年9月'],
    ['2027-01', '2027年1月'],
  ])('%s reads %s', (month, label) => {
    expect(monthLabel(month)).toBe(label);
  });
});

describe('bucketing counts by month', () => {
  const rows = [
    { month: '2026-09', type: 'suspension', state: 'approved', count: 2 },
    { month: '2026-09', type: 'suspension', state: 'approved', count: 1 },
    { month: '2026-10', type: 'withdrawal', state: 'pending', count: 1 },
    // August 2026 belongs to the school year before; September 2027 to the next one.
    { month: '2026-08', type: 'suspension', state: 'approved', count: 5 },
    { month: '2027-09', type: 'suspension', state: 'approved', count: 7 },
  ];

  test('rows of the same month, series and filter add up; months outside the school year are dropped', () => {
    const { cells } = bucketByMonth(rows, 2026, (r) => r.type, (r) => r.state);
    expect(cells).toEqual([
      { category: '2026-09', series: 'suspension', filter: 'approved', value: 3 },
      { category: '2026-10', series: 'withdrawal', filter: 'pending', value: 1 },
    ]);
  });

  test('every month of the year is a category, with a short label for the axis', () => {
    const { categories } = bucketByMonth([], 2026, () => 'x');
    expect(categories).toHaveLength(12);
    expect(categories[0]).toEqual({ key: '2026-09', label: '2026年9月', short: '9月' });
    expect(categories[11].short).toBe('8月');
  });

  test('the counts of the year are kept whole, whatever the rows (property)', () => {
    const month = fc.constantFrom(...schoolYearMonths(2026), '2026-08', '2027-09');
    const row = fc.record({ month, type: fc.constantFrom('a', 'b'), count: fc.nat(50) });
    fc.assert(
      fc.property(fc.array(row), (input) => {
        const inYear = input.filter((r) => schoolYearMonths(2026).includes(r.month)).reduce((sum, r) => sum + r.count, 0);
        const { cells } = bucketByMonth(input, 2026, (r) => r.type);
        return cells.reduce((sum, c) => sum + c.value, 0) === inYear;
      }),
    );
  });
});

const BODY: Pick<DatasetBody, 'categories' | 'series' | 'cells'> = {
  categories: [
    { key: '1', label: '信息工程系' },
    { key: '2', label: '机电工程系' },
    { key: '3', label: '经济管理系' },
  ],
  series: [
    { key: 'active', label: '在籍' },
    { key: 'suspended', label: '休学' },
    { key: 'graduated', label: '毕业' },
  ],
  cells: [
    { category: '1', series: 'active', filter: 'x', value: 10 },
    { category: '1', series: 'suspended', filter: 'y', value: 2 },
    { category: '2', series: 'active', filter: 'y', value: 5 },
    { category: 'unknown', series: 'active', filter: 'x', value: 99 },
  ],
};

describe('the grid and its table', () => {
  test('a value per series and category; series without any count are left out; categories without counts stay at zero', () => {
    const grid = pivot(BODY);
    expect(grid.series.map((s) => s.key)).toEqual(['active', 'suspended']);
    expect(grid.values).toEqual([
      [10, 5, 0],
      [2, 0, 0],
    ]);
    expect(grid.categoryTotals).toEqual([12, 5, 0]);
    expect(grid.seriesTotals).toEqual([15, 2]);
    expect(grid.total).toBe(17);
  });

  test('a filter keeps only its cells', () => {
    const grid = pivot(BODY, 'y');
    expect(grid.values).toEqual([
      [0, 5, 0],
      [2, 0, 0],
    ]);
    expect(grid.total).toBe(7);
  });

  test('the table has the chart numbers: a row per category, a column per series, totals across and down', () => {
    const table = pivotTable(pivot(BODY), '系部');
    expect(table).toEqual({
      header: ['系部', '在籍', '休学', '合计'],
      rows: [
        ['信息工程系', 10, 2, 12],
        ['机电工程系', 5, 0, 5],
        ['经济管理系', 0, 0, 0],
        ['合计', 15, 2, 17],
      ],
    });
  });

  test('no data: an empty grid with a zero total (the widget shows its empty state)', () => {
    const grid = pivot({ ...BODY, cells: [] });
    expect(grid.series).toEqual([]);
    expect(grid.total).toBe(0);
    expect(pivotTable(grid, '系部').rows.at(-1)).toEqual(['合计', 0]);
  });
});

test('every declared dataset names a permission of the one table', () => {
  for (const dataset of DASHBOARD_DATASETS) expect(STAFF_ACTIONS[dataset.permission]).toBeDefined();
  expect(new Set(DASHBOARD_DATASETS.map((d) => d.name)).size).toBe(DASHBOARD_DATASETS.length);
});
