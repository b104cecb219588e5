/**
 * The home page's charts as data: each dataset is declared once here (its name, Chinese title and
 * the STAFF_ACTIONS entry a reader needs), served by a provider registered on the server
 * (src/services/dashboard/registry.ts) and drawn by one admin widget per declaration. The
 * functions below turn a dataset's cells into the chart's series and the same numbers as a table.
 * Pure: no Strapi import.
 */

/** A dataset the home page shows; a later feature adds its line here and registers its provider. */
export interface DatasetDeclaration {
  name: string;
  title: string;
  /** The STAFF_ACTIONS key (src/domain/permissions.ts) whose admin permission a reader needs. */
  permission: string;
}

export const DASHBOARD_DATASETS: readonly DatasetDeclaration[] = [
  { name: 'students-by-status', title: '各系部学生学籍状态', permission: 'api::student.student.find' },
  { name: 'status-changes-by-month', title: '本学年学籍异动', permission: 'api::status-change.status-change.report' },
];

export function datasetDeclaration(name: string): DatasetDeclaration | undefined {
  return DASHBOARD_DATASETS.find((dataset) => dataset.name === name);
}

export interface DimensionValue {
  key: string;
  label: string;
  /** A shorter label for a crowded axis (9月 for 2026年9月). */
  short?: string;
}

/** One count: where it sits on the x axis (category), in which series, under which filter value. */
export interface DatasetCell {
  category: string;
  series: string;
  filter?: string;
  value: number;
}

/** What a provider answers: dimensions in display order and the non-zero cells. */
export interface DatasetBody {
  /** 人 or 件: what the numbers count. */
  unit: string;
  /** What the numbers cover: the whole school, or the caller's departments by name. */
  coverage: { kind: 'school' } | { kind: 'departments'; departments: string[] };
  /** The period, as people say it (2026-2027学年), or null for "now". */
  period: string | null;
  /** What the categories are (系部, 月份): the table's first heading. */
  categoryHeading: string;
  categories: DimensionValue[];
  series: DimensionValue[];
  /** A third dimension chosen in the widget (a request's state); empty when there is none. */
  filters: DimensionValue[];
  cells: DatasetCell[];
}

export interface DatasetResult extends DatasetBody {
  dataset: string;
  title: string;
}

/** The months of the school year starting in September of `schoolYear`, as YYYY-MM. */
export function schoolYearMonths(schoolYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((8 + i) % 12) + 1;
    return `${month >= 9 ? schoolYear : schoolYear + 1}-${String(month).padStart(2, '0')}`;
  });
}

/** 2026-09 -> 2026年9月. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-');
  return `${year}年${Number(number)}月`;
}

export function schoolYearLabel(schoolYear: number): string {
  return `${schoolYear}-${schoolYear + 1}学年`;
}

/**
 * Counts placed in the school year's months: a row's `month` (YYYY-MM, already in the school's
 * time zone) outside the year is dropped; months without rows are absent from the cells, present
 * as categories.
 */
export function bucketByMonth<T extends { month: string; count: number }>(
  rows: readonly T[],
  schoolYear: number,
  seriesOf: (row: T) => string,
  filterOf?: (row: T) => string,
): { categories: DimensionValue[]; cells: DatasetCell[] } {
  const months = schoolYearMonths(schoolYear);
  const sums = new Map<string, DatasetCell>();
  for (const row of rows) {
    if (!months.includes(row.month) || row.count === 0) continue;
    const cell: DatasetCell = { category: row.month, series: seriesOf(row), value: 0, ...(filterOf ? { filter: filterOf(row) } : {}) };
    const key = `${cell.category}\u0000${cell.series}\u0000${cell.filter ?? ''}`;
    const sum = sums.get(key) ?? cell;
    sum.value += row.count;
    sums.set(key, sum);
  }
  return { categories: months.map((key) => ({ key, label: monthLabel(key), short: `${Number(key.slice(5))}月` })), cells: [...sums.values()] };
}

/** The chart's grid: values[series][category], with totals. */
export interface Pivot {
  categories: DimensionValue[];
  series: DimensionValue[];
  values: number[][];
  categoryTotals: number[];
  seriesTotals: number[];
  total: number;
}

/** The numbers under one filter value (null: every value added up), series without any count left out. */
export function pivot(body: Pick<DatasetBody, 'categories' | 'series' | 'cells'>, filter: string | null = null): Pivot {
  const categoryIndex = new Map(body.categories.map((c, i) => [c.key, i]));
  const grid = body.series.map(() => body.categories.map(() => 0));
  const seriesIndex = new Map(body.series.map((s, i) => [s.key, i]));
  for (const cell of body.cells) {
    if (filter !== null && cell.filter !== filter) continue;
    const row = seriesIndex.get(cell.series);
    const column = categoryIndex.get(cell.category);
    if (row === undefined || column === undefined) continue;
    grid[row][column] += cell.value;
  }
  const kept = body.series.map((s, i) => ({ s, values: grid[i] })).filter(({ values }) => values.some((v) => v !== 0));
  const categoryTotals = body.categories.map((_, c) => kept.reduce((sum, { values }) => sum + values[c], 0));
  const seriesTotals = kept.map(({ values }) => values.reduce((a, b) => a + b, 0));
  return {
    categories: body.categories,
    series: kept.map(({ s }) => s),
    values: kept.map(({ values }) => values),
    categoryTotals,
    seriesTotals,
    total: seriesTotals.reduce((a, b) => a + b, 0),
  };
}

export interface NumbersTable {
  header: string[];
  rows: Array<Array<string | number>>;
}

/** The chart's numbers as a table: a row per category, a column per series, totals across and down. */
export function pivotTable(grid: Pivot, categoryHeading: string): NumbersTable {
  const header = [categoryHeading, ...grid.series.map((s) => s.label), '合计'];
  const rows: Array<Array<string | number>> = grid.categories.map((category, c) => [category.label, ...grid.values.map((values) => values[c]), grid.categoryTotals[c]]);
  rows.push(['合计', ...grid.seriesTotals, grid.total]);
  return { header, rows };
}
