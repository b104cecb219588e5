/** The integrity archive's own value names (src/domain/integrity-field-labels.ts) as the list view's exceptions. */
import { INTEGRITY_FIELD_LABELS } from '../domain/integrity-field-labels';

export const INTEGRITY_OWN_LABELS: Array<{ type: string; field: string; labels: Record<string, string> }> = Object.entries(INTEGRITY_FIELD_LABELS).flatMap(([type, fields]) =>
  Object.entries(fields).map(([field, labels]) => ({ type, field, labels })),
);

/**
 * The integrity types' names (their schemas' display names), as the admin's messages: the Content
 * Manager's menu and headings look each name up as a message id (src/admin/translations lists the
 * other types' the same way).
 */
export const INTEGRITY_MESSAGES: Record<string, string> = Object.fromEntries(
  ['诚信档案', '诚信记录', '诚信记录版本', '诚信信息来源规则', '诚信档案个人填写', '第三方诚信记录', '诚信记录申诉', '诚信记录修定'].map((name) => [name, name]),
);
