/**
 * Each checked row with its student: a row naming nobody the caller may see, naming two students
 * (number and ID disagree), a student whose archive is closed, or repeating an earlier row is bad.
 * Messages never repeat a national ID.
 */
import type { CellProblem } from '../../../services/excel/sheet-rows';
import type { MatchedStudent, StudentMatches } from '../repositories/students';
import type { NewRecord } from '../repositories/third-party-rows';
import type { RowRecord } from './rows';

export interface MatchedRow {
  rowNumber: number;
  /** The column that named the student: where a problem of the whole row is marked. */
  keyField: 'studentNumber' | 'nationalId';
  byNationalId: boolean;
  record: NewRecord;
}

const OUT_OF_REACH = '，或该学生不在您可以查看的范围内';

function studentOf(row: RowRecord, matches: StudentMatches, flag: (field: string, reason: string) => void): MatchedStudent | null {
  const byNumber = row.studentNumber === null ? undefined : matches.byNumber.get(row.studentNumber);
  const byId = row.nationalId === null ? undefined : matches.byNationalId.get(row.nationalId);
  if (row.studentNumber !== null && !byNumber) flag('studentNumber', `找不到学号为 ${row.studentNumber} 的学生${OUT_OF_REACH}`);
  if (row.nationalId !== null && !byId) flag('nationalId', `找不到此身份证号的学生${OUT_OF_REACH}`);
  if (byNumber && byId && byNumber.id !== byId.id) flag('nationalId', '身份证号与学号不是同一名学生');
  const student = byNumber ?? byId;
  if (!student || (row.studentNumber !== null && !byNumber) || (row.nationalId !== null && !byId)) return null;
  if (student.archiveClosed) {
    flag(byNumber ? 'studentNumber' : 'nationalId', '该学生的诚信档案已关闭（毕业、退学、转出或注销），不能再导入记录');
    return null;
  }
  return student;
}

/** The rows whose cells were good (`clean`), with their students; every problem found is added to `problems`. */
export function matchRows(rows: RowRecord[], clean: (row: RowRecord) => boolean, matches: StudentMatches, problems: CellProblem[]): MatchedRow[] {
  const matched: MatchedRow[] = [];
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (!clean(row)) continue;
    const flag = (field: string, reason: string) => problems.push({ rowNumber: row.rowNumber, field, reason });
    const student = studentOf(row, matches, flag);
    if (!student) continue;
    const keyField = row.studentNumber !== null ? 'studentNumber' : 'nationalId';
    const record: NewRecord = {
      studentId: student.id,
      departmentId: student.departmentId,
      category: row.category,
      agency: row.agency,
      occurredOn: row.occurredOn,
      amount: row.amount,
      overdueDays: row.overdueDays,
      description: row.description,
    };
    const key = JSON.stringify([student.id, row.category, row.agency, row.occurredOn, row.amount, row.overdueDays]);
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      flag(keyField, `与第 ${earlier} 行重复（同一学生、类别、机构、日期、金额和逾期天数）`);
      continue;
    }
    firstRow.set(key, row.rowNumber);
    matched.push({ rowNumber: row.rowNumber, keyField, byNationalId: row.studentNumber === null, record });
  }
  return matched;
}
