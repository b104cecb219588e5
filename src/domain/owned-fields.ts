/**
 * Fields the rules and the approval engine own: they read them, write them or derive them, so an
 * admin must not rename or delete them in the Content-Type Builder (`configurable: false` in the
 * schema). The server checks at start that each is still there and still locked (src/bootstrap).
 * Fields left out (a student's ethnicity, a chain's name...) stay the admins' to adjust.
 */

export const OWNED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'api::student.student': [
    'studentNumber', 'name', 'pickerLabel', 'gender', 'birthDate', 'nationalId', 'phone', 'homeAddress', 'enrollmentYear', 'department', 'major',
    'schoolClass', 'programLength', 'status', 'suspensionStart', 'suspensionEnd', 'numberRetiredAt', 'user',
    'nationalIdCipher', 'nationalIdIndex', 'phoneCipher', 'phoneIndex', 'homeAddressCipher', 'departmentScope',
  ],
  'api::status-change.status-change': [
    // what the request asks and the rules read
    'student', 'type', 'reason', 'targetMajor', 'targetClass', 'failedCourses', 'averageScore', 'majorRankPercent', 'suspensionCause',
    'suspensionStart', 'suspensionEnd', 'receivingSchool', 'receivingProvince', 'provincialApproval', 'withdrawalKind',
    'investigationRecord', 'noticeRecord', 'hearingRecord', 'registeredMailNumber', 'incomingName', 'incomingNationalId',
    'incomingPreviousSchool', 'documents', 'studentSigned', 'guardianSigned',
    // what the engine writes
    'tier', 'tierReasons', 'state', 'currentStep', 'currentStepDue', 'round', 'chain', 'chainSteps', 'department', 'semester',
    'submittedAt', 'decidedAt', 'appliedBy', 'effect', 'departmentScope', 'incomingNationalIdCipher', 'openStudentId',
  ],
  'api::approval-chain.approval-chain': ['subject', 'tier', 'subType', 'changeType', 'active', 'steps'],
  'api::approval-decision.approval-decision': [
    'statusChange', 'subject', 'subjectDocumentId', 'round', 'step', 'stepLabel', 'unit', 'unitName', 'decision', 'comment', 'outcome',
    'decidedBy', 'deciderName', 'decidedAt', 'departmentScope',
  ],
  'api::status-history.status-history': ['summary', 'student', 'statusChange', 'workflow', 'fromStatus', 'toStatus', 'before', 'after', 'occurredAt', 'departmentScope'],
  'api::calendar-day.calendar-day': ['date', 'kind'],
  'api::semester.semester': ['code', 'startDate', 'endDate', 'registrationWorkingDays'],
};

interface LoadedType {
  attributes: Record<string, { configurable?: boolean }>;
}

/** What is wrong with the loaded content types: an owned field missing or left configurable. */
export function ownedFieldProblems(contentTypes: Readonly<Record<string, LoadedType | undefined>>): string[] {
  const problems: string[] = [];
  for (const [uid, fields] of Object.entries(OWNED_FIELDS)) {
    const type = contentTypes[uid];
    if (!type) {
      problems.push(`${uid} is missing`);
      continue;
    }
    for (const field of fields) {
      const attribute = type.attributes[field];
      if (!attribute) problems.push(`${uid}.${field} is missing (renamed or deleted?)`);
      else if (attribute.configurable !== false) problems.push(`${uid}.${field} must be "configurable": false`);
    }
  }
  return problems;
}
