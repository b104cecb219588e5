/**
 * The audit log is append-only (domain.md 8): the system writes it, nobody edits it. The Content
 * Manager's create, update, delete and publish permissions are registered without it as a
 * subject, so no role, the super admin included, can hold them: the admin offers no 创建新条目,
 * 复制, 删除 or 保存 on it, and the role editor no box to tick. Reading is unchanged.
 */
import type { Core } from '@strapi/strapi';
import { CONTENT_MANAGER } from '../../domain/permissions';
import { AUDIT_LOG } from './record';

export const AUDIT_LOG_WRITE_ACTIONS = ['create', 'update', 'delete', 'publish'].map((verb) => `${CONTENT_MANAGER}.${verb}`);

type Action = { actionId?: string; subjects?: string[] };
type Hook = { register(handler: (event: { key: string; value: Action }) => void): void };

/** Called from register(), before the Content Manager registers its actions in its bootstrap. */
export function keepAuditLogReadOnlyInAdmin(strapi: Core.Strapi): void {
  const provider = strapi.service('admin::permission').actionProvider as unknown as { hooks: { willRegister: Hook } };
  provider.hooks.willRegister.register(({ key, value }) => {
    if (AUDIT_LOG_WRITE_ACTIONS.includes(key) && Array.isArray(value.subjects)) value.subjects = value.subjects.filter((subject) => subject !== AUDIT_LOG);
  });
}
