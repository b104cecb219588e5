/** Chinese names of every enumeration value the content types store. */
export const ENUM_LABELS: Record<string, string> = {
  // student.status (domain.md 2)
  admitted: '已录取',
  active: '在籍',
  suspended: '休学',
  withdrawn: '退学',
  'transferred-out': '转出',
  graduated: '毕业',
  completed: '结业',
  left: '肄业',
  cancelled: '取消学籍',
  deregistered: '注销学籍',
  // student.gender
  male: '男',
  female: '女',
  // student.studyForm
  'full-time': '全日制',
  'part-time': '非全日制',
  // office.kind (domain.md 1)
  'academic-affairs': '教务处',
  'student-affairs': '学生工作处',
  archive: '档案室',
  leadership: '校领导',
  'leadership-meeting': '校领导会议',
  security: '保卫处',
  finance: '计财处',
  'youth-league': '校团委',
  library: '图书馆',
  organisation: '组织部',
  admissions: '招生就业处',
  // staff-membership.position
  clerk: '教务员',
  manager: '管理员',
  leader: '负责人',
};
