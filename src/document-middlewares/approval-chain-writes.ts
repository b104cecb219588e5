/**
 * An approval chain is checked when saved, through every door (src/domain/approval-chains.ts):
 * a step with no unit, an office that does not exist, a role the subject's requests do not have,
 * a second active chain for the same subject, tier and sub-type: 400 naming the field.
 *
 * A status change's sub-type is its change type: `changeType` (the older name) and `subType` are
 * kept equal, so either may be written (the one that differs from the stored value wins). A clone
 * (the Content Manager's 复制) is checked as the chain it makes: the source with the body over it.
 */
import { errors } from '@strapi/utils';
import { chainViolations, type ChainDraft } from '../domain/approval-chains';
import { fieldError } from '../services/field-error';
import { withoutScope } from '../services/scope/context';
import type { DocumentMiddlewareFactory } from './types';

const CHAIN = 'api::approval-chain.approval-chain';
const OFFICE = 'api::office.office';

type Current = ChainDraft & { changeType?: string | null; active?: boolean | null };

const blank = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

export const approvalChainWrites: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid !== CHAIN || !['create', 'update', 'clone'].includes(context.action)) return next();
  if (!context.params.data) context.params.data = {};
  const data = context.params.data as Record<string, unknown>;
  const existing = context.action !== 'create';
  const current = existing
    ? ((await withoutScope(() => strapi.db.query(CHAIN as never).findOne({ where: { documentId: context.params.documentId }, populate: { steps: { populate: ['offices'] } } }))) as Current | null)
    : null;
  if (existing && !current) return next();
  for (const field of ['subject', 'tier', 'subType', 'changeType']) {
    if (data[field] !== undefined && data[field] !== null && typeof data[field] !== 'string') throw fieldError(field, `${field} 须为文字 (${field} must be text)`);
  }
  const pick = <K extends keyof Current>(field: K): Current[K] | undefined => (field in data ? (data[field] as Current[K]) : current?.[field]);
  const subject = blank(pick('subject')) ?? 'status-change';
  if (subject === 'status-change') {
    // A field sent unchanged (the Content Manager sends every field it loaded) gives way to the other.
    const sent = (field: 'subType' | 'changeType') => (field in data && blank(data[field]) !== (current?.[field] ?? null) ? blank(data[field]) : undefined);
    let subType = sent('subType');
    let changeType = sent('changeType');
    if (subType === undefined && changeType === undefined && !current) {
      subType = 'subType' in data ? blank(data.subType) : undefined;
      changeType = 'changeType' in data ? blank(data.changeType) : undefined;
    }
    if (subType !== undefined && changeType !== undefined && subType !== changeType) {
      throw fieldError('subType', '学籍异动流程的 subType 即异动类别 changeType，两者须一致 (subType and changeType must agree)');
    }
    const value = subType !== undefined ? subType : changeType !== undefined ? changeType : (current?.subType ?? current?.changeType ?? null);
    data.subType = value;
    data.changeType = value;
  } else if (blank(data.changeType)) {
    throw fieldError('changeType', 'changeType 只用于学籍异动流程，其他申请请用 subType (changeType is for status-change chains; use subType)');
  }
  const draft: ChainDraft = { subject, tier: blank(pick('tier')), subType: blank('subType' in data ? data.subType : current?.subType), steps: pick('steps') ?? [] };
  const names = new Map(((await strapi.db.query(OFFICE as never).findMany({ select: ['kind', 'name'] })) as Array<{ kind: string; name: string }>).map((office) => [office.kind, office.name]));
  const violations = chainViolations(draft, new Set(names.keys()));
  if (violations.length > 0) {
    throw new errors.ValidationError(violations[0].message, {
      errors: violations.map(({ path, message }) => ({ path: path.map(String), message, name: 'ValidationError', value: null })),
    });
  }
  // Each listed office carries its name, which the Content Manager shows on the entry's header.
  if (Array.isArray(data.steps)) {
    for (const step of data.steps as Array<{ offices?: Array<{ office?: string; name?: string | null }> | null }>) {
      for (const entry of step.offices ?? []) entry.name = names.get(entry.office ?? '') ?? null;
    }
  }
  // A clone is a new chain: the source is another one, not itself.
  const self = context.action === 'update' ? context.params.documentId : undefined;
  if ((pick('active') ?? true) !== false) {
    const other = await withoutScope(() =>
      strapi.db.query(CHAIN as never).findOne({
        where: {
          subject,
          tier: draft.tier ?? null,
          subType: draft.subType ?? null,
          active: true,
          ...(self ? { documentId: { $ne: self } } : {}),
        },
        select: ['name'],
      }),
    ) as { name: string } | null;
    if (other) {
      throw fieldError('active', `已有启用中的同类审批流程“${other.name}”，请先停用它 (another active chain, '${other.name}', has the same subject, tier and sub-type)`);
    }
  }
  return next();
};
