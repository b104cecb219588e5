/**
 * The offices of domain.md 1, as first created: the approval chains' steps name them, so every one
 * exists as content from the first start (api::office.office). Admins rename them and edit their
 * descriptions there; the kind is the code the chains and memberships refer to.
 */
import type { OfficeKind } from './constants';

export const SCHOOL_OFFICES: ReadonlyArray<{ kind: OfficeKind; name: string; description: string }> = [
  { kind: 'academic-affairs', name: '教务处', description: '学籍、注册、学籍异动与毕业审核' },
  { kind: 'student-affairs', name: '学生工作处', description: '诚信档案、违纪处分、资助；审批重要异动与诚信档案修定' },
  { kind: 'archive', name: '档案室', description: '学籍档案保管、查阅登记与档案转递' },
  { kind: 'leadership', name: '校领导', description: '审批重要与特殊学籍异动' },
  { kind: 'leadership-meeting', name: '校领导会议', description: '决定特殊学籍异动' },
  { kind: 'security', name: '保卫处', description: '提供违法违纪信息' },
  { kind: 'finance', name: '计财处', description: '提供欠费信息' },
  { kind: 'youth-league', name: '校团委', description: '提供学生干部与社会实践信息' },
  { kind: 'library', name: '图书馆', description: '提供图书逾期未还信息' },
  { kind: 'organisation', name: '组织部', description: '提供政治面貌信息' },
  { kind: 'admissions', name: '招生就业处', description: '招生录取与就业推荐' },
];
