/**
 * What makes an approval chain valid (api::approval-chain.approval-chain), whichever door saves
 * it: the Content Manager, REST, GraphQL or the bootstrap. Pure; the offices that exist are passed
 * in, and one active chain per subject, tier and sub-type is checked beside it (and by a unique
 * index, database/migrations).
 */
import { isOfficeKind, REQUEST_ROLES, type RequestRole } from './approval-vocabulary';
import { INTEGRITY_WHOLE_SCHOOL, WHOLE_SCHOOL_OFFICES } from './scope';
import { RECORD_LEVELS } from './integrity';
import { CHANGE_TYPES, TIERS } from './status-change';

/** What a subject's chains may say: its sub-types, whether they carry a tier, which request roles its requests have. */
export interface ChainSubjectRules {
  label: string;
  subTypes: readonly string[];
  /** The tiers its chains are chosen by; null when it has none. */
  tiers: readonly string[] | null;
  roles: readonly RequestRole[];
  /**
   * The offices whose members can see the subject's requests, and so decide its steps; null: any
   * office (the subject's own visibility lets the offices it names see its requests).
   */
  offices: readonly string[] | null;
}

/** The subjects chains are kept for (api::approval-chain.subject). */
export const CHAIN_SUBJECTS: Readonly<Record<string, ChainSubjectRules>> = {
  // A status change's student signs the request itself (studentSigned); no step waits for them.
  // Offices outside WHOLE_SCHOOL_OFFICES (security, finance...) see no student records: a step of theirs could never be decided.
  'status-change': { label: '学籍异动', subTypes: CHANGE_TYPES, tiers: TIERS, roles: ['department'], offices: WHOLE_SCHOOL_OFFICES },
  // An appeal is answered within the authority of the record's level (sub-type: school | department).
  'integrity-appeal': { label: '诚信记录申诉', subTypes: RECORD_LEVELS, tiers: null, roles: ['department', 'source-office'], offices: INTEGRITY_WHOLE_SCHOOL },
  // An amendment: the department and the record's source office review, student affairs decides.
  'integrity-amendment': { label: '诚信记录修定', subTypes: RECORD_LEVELS, tiers: null, roles: ['department', 'source-office'], offices: INTEGRITY_WHOLE_SCHOOL },
  // Registration: the department reviews, academic affairs decides, the student confirms (domain.md 4).
  registration: { label: '学籍注册', subTypes: [], tiers: null, roles: ['department', 'student'], offices: WHOLE_SCHOOL_OFFICES },
  'registration-deferral': { label: '延期注册', subTypes: [], tiers: null, roles: ['department'], offices: WHOLE_SCHOOL_OFFICES },
};

export interface ChainDraft {
  subject?: string | null;
  tier?: string | null;
  subType?: string | null;
  /** As sent: checked here for shape as well (a list of objects, each office list a list of objects). */
  steps?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ChainViolation {
  path: Array<string | number>;
  message: string;
}

const ROLE_NAMES: Record<RequestRole, string> = { department: '学生所在系部', 'source-office': '来源部门', student: '学生本人确认' };

function stepViolations(step: unknown, index: number, rules: ChainSubjectRules, offices: ReadonlySet<string>): ChainViolation[] {
  const at = (...path: Array<string | number>) => ['steps', index, ...path];
  const n = index + 1;
  if (!isObject(step)) return [{ path: at(), message: `第 ${n} 步须为一个步骤（含审批单位、名称与期限） (step ${n} must be an object)` }];
  const unit = typeof step.unit === 'string' && step.unit !== '' ? step.unit : null;
  if (step.offices !== undefined && step.offices !== null && !(Array.isArray(step.offices) && step.offices.every(isObject))) {
    return [{ path: at('offices'), message: `第 ${n} 步的审批部门须为部门列表 (step ${n}: offices must be a list of { office })` }];
  }
  const listed = (step.offices ?? []) as Array<{ office?: unknown }>;
  if (!unit) return [{ path: at('unit'), message: `第 ${n} 步没有指定审批单位 (step ${n} names no unit)` }];
  if (unit !== 'offices' && listed.length > 0) {
    return [{ path: at('offices'), message: `第 ${n} 步的审批部门列表只用于“多个职能部门” (step ${n}: offices are listed only for unit 'offices')` }];
  }
  if ((REQUEST_ROLES as readonly string[]).includes(unit)) {
    if (!rules.roles.includes(unit as RequestRole)) {
      return [{ path: at('unit'), message: `${rules.label}申请没有“${ROLE_NAMES[unit as RequestRole]}”，第 ${n} 步不能由其审批 (step ${n}: a ${unit} step does not apply to this subject)` }];
    }
    return [];
  }
  if (unit === 'offices') {
    if (listed.length === 0) return [{ path: at('offices'), message: `第 ${n} 步为“多个职能部门”，须列出至少一个部门 (step ${n}: list at least one office)` }];
    const seen = new Set<string>();
    for (const [j, entry] of listed.entries()) {
      const office = typeof entry.office === 'string' ? entry.office : '';
      if (!isOfficeKind(office) || !offices.has(office)) return [{ path: at('offices', j, 'office'), message: `第 ${n} 步列出的部门 ${office || '(空)'} 不存在 (step ${n}: office '${office}' does not exist)` }];
      if (rules.offices && !rules.offices.includes(office)) return [{ path: at('offices', j, 'office'), message: cannotSee(rules, office, n) }];
      if (seen.has(office)) return [{ path: at('offices', j, 'office'), message: `第 ${n} 步重复列出了部门 ${office} (step ${n}: office '${office}' is listed twice)` }];
      seen.add(office);
    }
    return [];
  }
  if (!isOfficeKind(unit) || !offices.has(unit)) return [{ path: at('unit'), message: `第 ${n} 步的审批部门 ${unit} 不存在，请先在“职能部门”中建立 (step ${n}: office '${unit}' does not exist)` }];
  if (rules.offices && !rules.offices.includes(unit)) return [{ path: at('unit'), message: cannotSee(rules, unit, n) }];
  return [];
}

function cannotSee(rules: ChainSubjectRules, office: string, n: number): string {
  return `该职能部门看不到${rules.label}申请，不能审批第 ${n} 步 (step ${n}: members of office '${office}' cannot see these requests, so could never decide)`;
}

/** Everything wrong with the chain, first problem first; empty when it may be saved. */
export function chainViolations(chain: ChainDraft, offices: ReadonlySet<string>): ChainViolation[] {
  const rules = chain.subject ? CHAIN_SUBJECTS[chain.subject] : undefined;
  if (!rules) return [{ path: ['subject'], message: `subject 须为 ${Object.keys(CHAIN_SUBJECTS).join(' / ')} 之一 (unknown subject '${chain.subject ?? ''}')` }];
  const violations: ChainViolation[] = [];
  if (rules.tiers && !rules.tiers.includes(chain.tier ?? '')) violations.push({ path: ['tier'], message: `${rules.label}的审批流程须指定层级 ${rules.tiers.join(' / ')} (tier must be one of ${rules.tiers.join(', ')})` });
  if (!rules.tiers && chain.tier) violations.push({ path: ['tier'], message: `${rules.label}的审批流程不分层级 (this subject's chains have no tier)` });
  if (chain.subType && !rules.subTypes.includes(chain.subType)) {
    violations.push({ path: ['subType'], message: `subType 须为 ${rules.subTypes.join(' / ')} 之一，或留空表示适用于所有类别 (unknown sub-type '${chain.subType}')` });
  }
  const steps: unknown[] = Array.isArray(chain.steps) ? chain.steps : [];
  if (chain.steps !== undefined && chain.steps !== null && !Array.isArray(chain.steps)) violations.push({ path: ['steps'], message: '审批步骤须为步骤列表 (steps must be a list)' });
  else if (steps.length === 0) violations.push({ path: ['steps'], message: '审批流程至少须有一步 (a chain needs at least one step)' });
  steps.forEach((step, index) => violations.push(...stepViolations(step, index, rules, offices)));
  return violations;
}
