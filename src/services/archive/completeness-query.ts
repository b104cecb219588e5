/** The completeness list's query (GET /api/student-archives/completeness), checked once here. */
import { z } from 'zod';
import { fieldError } from '../field-error';
import { REPORT_FORMATS, REPORT_FORMAT_MESSAGE } from '../excel/report-sheet';

/** The custodies the list shows: a transferred archive has left the school and is not on it. */
export const LISTED_CUSTODIES = ['department', 'archive-office'] as const;
export type ListedCustody = (typeof LISTED_CUSTODIES)[number];

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 500;

const positive = (max: number) => z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().int().min(1).max(max));

const schema = z
  .object({
    department: z.string().regex(/^[a-z0-9]{1,64}$/).optional(),
    custody: z.enum(LISTED_CUSTODIES).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    format: z.enum(REPORT_FORMATS).default('json'),
    pagination: z.object({ page: positive(1_000_000).default(1), pageSize: positive(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE) }).strict().default({ page: 1, pageSize: DEFAULT_PAGE_SIZE }),
  })
  .strip();

const MESSAGES: Record<string, string> = {
  department: 'department 应为系部的 documentId (department: a department\'s documentId)',
  custody: `custody 须为 ${LISTED_CUSTODIES.join(', ')} 之一 (custody: department or archive-office)`,
  overdue: 'overdue 须为 true 或 false (overdue: true or false)',
  format: REPORT_FORMAT_MESSAGE,
  page: 'pagination[page] 应为正整数 (pagination[page]: a positive integer)',
  pageSize: `pagination[pageSize] 应为 1 至 ${MAX_PAGE_SIZE} 的整数 (pagination[pageSize]: 1 to ${MAX_PAGE_SIZE})`,
  pagination: 'pagination 只有 page 与 pageSize (pagination: page and pageSize only)',
};

export interface CompletenessQuery {
  department?: string;
  custody?: ListedCustody;
  /** true: only the overdue; false: only those not overdue. */
  overdue?: boolean;
  sheet: boolean;
  page: number;
  pageSize: number;
}

export function completenessQuery(query: unknown): CompletenessQuery {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) {
    const path = parsed.error.issues[0].path.map(String);
    const message = MESSAGES[path[path.length - 1]] ?? MESSAGES[path[0]] ?? MESSAGES.pagination;
    throw fieldError(path.length > 0 ? path : ['pagination'], message);
  }
  const { department, custody, overdue, format, pagination } = parsed.data;
  return { department, custody, overdue: overdue === undefined ? undefined : overdue === 'true', sheet: format === 'xlsx', page: pagination.page, pageSize: pagination.pageSize };
}
