/** What makes an approval chain valid, whichever door saves it (src/domain/approval-chains.ts). */
import { chainViolations, type ChainDraft } from '../../src/domain/approval-chains';
import { OFFICE_KINDS } from '../../src/domain/constants';

const ALL_OFFICES = new Set<string>(OFFICE_KINDS);
const step = (unit: string | null, offices?: string[]) => ({ unit, ...(offices ? { offices: offices.map((office) => ({ office })) } : {}) });
const chain = (overrides: Partial<ChainDraft> = {}): ChainDraft => ({ subject: 'status-change', tier: 'general', subType: null, steps: [step('department'), step('academic-affairs')], ...overrides });
const firstPath = (draft: ChainDraft, offices: ReadonlySet<string> = ALL_OFFICES) => chainViolations(draft, offices)[0]?.path ?? null;

describe('chainViolations', () => {
  test.each<[string, ChainDraft, Array<string | number> | null]>([
    ['the default general chain', chain(), null],
    ['a chain for one change type', chain({ subType: 'suspension' }), null],
    ['a step of several offices', chain({ steps: [step('offices', ['student-affairs', 'archive'])] }), null],
    ['a student confirmation step on status changes, whose students sign the request instead', chain({ steps: [step('department'), step('student')] }), ['steps', 1, 'unit']],
    ['an unknown subject', chain({ subject: 'parking-permit' }), ['subject']],
    ['no subject', chain({ subject: null }), ['subject']],
    ['a status-change chain without a tier', chain({ tier: null }), ['tier']],
    ['an unknown tier', chain({ tier: 'urgent' }), ['tier']],
    ['a sub-type the subject does not have', chain({ subType: 'graduation' }), ['subType']],
    ['no steps', chain({ steps: [] }), ['steps']],
    ['a step with no unit', chain({ steps: [step('department'), step(null)] }), ['steps', 1, 'unit']],
    ['a unit that is no office', chain({ steps: [step('canteen')] }), ['steps', 0, 'unit']],
    ['several offices with none listed', chain({ steps: [step('offices', [])] }), ['steps', 0, 'offices']],
    ['several offices naming one that is no office', chain({ steps: [step('offices', ['archive', 'canteen'])] }), ['steps', 0, 'offices', 1, 'office']],
    ['several offices naming one twice', chain({ steps: [step('offices', ['archive', 'archive'])] }), ['steps', 0, 'offices', 1, 'office']],
    // members of security, finance, the library... see no student records: their step could never be decided
    ['an office that cannot see status changes', chain({ steps: [step('finance')] }), ['steps', 0, 'unit']],
    ['several offices, one of which cannot see status changes', chain({ steps: [step('offices', ['archive', 'security'])] }), ['steps', 0, 'offices', 1, 'office']],
    // the shape, as a client may send anything
    ['steps that are no list', chain({ steps: 'x' }), ['steps']],
    ['a step that is no object', chain({ steps: [step('department'), null] }), ['steps', 1]],
    ['offices that are no list', chain({ steps: [{ unit: 'offices', offices: 'x' }] }), ['steps', 0, 'offices']],
    ['an office entry that is no object', chain({ steps: [{ unit: 'offices', offices: ['archive'] }] }), ['steps', 0, 'offices']],
    ['offices given as an object', chain({ steps: [{ unit: 'department', offices: {} }] }), ['steps', 0, 'offices']],
    ['offices listed on a single-office step', chain({ steps: [step('academic-affairs', ['finance'])] }), ['steps', 0, 'offices']],
    ['a source-office step on status changes, which have none', chain({ steps: [step('source-office')] }), ['steps', 0, 'unit']],
  ])('%s → %p', (_name, draft, path) => {
    expect(firstPath(draft)).toEqual(path);
  });

  test('an office that exists in the vocabulary but not as content is refused', () => {
    const withoutAdmissions = new Set([...ALL_OFFICES].filter((kind) => kind !== 'admissions'));
    expect(firstPath(chain({ steps: [step('admissions')] }), withoutAdmissions)).toEqual(['steps', 0, 'unit']);
    expect(firstPath(chain({ steps: [step('offices', ['archive', 'admissions'])] }), withoutAdmissions)).toEqual(['steps', 0, 'offices', 1, 'office']);
    expect(firstPath(chain({ steps: [step('admissions')] }))).toBeNull();
  });

  test('every problem is reported, each naming its field', () => {
    const violations = chainViolations(chain({ tier: null, steps: [step(null), step('canteen')] }), ALL_OFFICES);
    expect(violations.map((v) => v.path)).toEqual([['tier'], ['steps', 0, 'unit'], ['steps', 1, 'unit']]);
    expect(violations.every((v) => /[\u4e00-\u9fa5]/.test(v.message))).toBe(true);
  });
});
