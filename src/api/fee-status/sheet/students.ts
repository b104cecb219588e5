/**
 * Each checked row with its student: a row naming nobody the importer may keep fees of, a name
 * that is not the student's, or a student named twice in one file (both rows are named) is bad.
 * Messages never say whose the number is.
 */
import type { CellProblem } from '../../../services/excel/sheet-rows';
import type { MatchedStudent } from '../repositories/students';
import type { FeeRow } from './rows';

export interface MatchedFeeRow extends FeeRow {
  studentId: number;
}

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** Rows naming a student number that another row names too: each is told the other rows. */
function repeatedNumbers(rows: FeeRow[], problems: CellProblem[]): Set<number> {
  const rowsOf = new Map<string, number[]>();
  for (const row of rows) if (row.studentNumber !== '') rowsOf.set(row.studentNumber, [...(rowsOf.get(row.studentNumber) ?? []), row.rowNumber]);
  const repeated = new Set<number>();
  for (const [studentNumber, numbers] of rowsOf) {
    if (numbers.length < 2) continue;
    for (const rowNumber of numbers) {
      repeated.add(rowNumber);
      const others = numbers.filter((n) => n !== rowNumber).map((n) => `第 ${n} 行`).join('、');
      problems.push({ rowNumber, field: 'studentNumber', reason: `学号 ${studentNumber} 与${others}重复：每名学生每学期只有一个缴费状态` });
    }
  }
  return repeated;
}

/**
 * The rows with their students, for the rows without any problem; every problem found is added to
 * `problems`. A row with a bad cell elsewhere still has its student and name checked.
 */
export function matchRows(rows: FeeRow[], students: Map<string, MatchedStudent>, problems: CellProblem[]): MatchedFeeRow[] {
  const badCells = new Set(problems.map((p) => `${p.rowNumber}:${p.field}`));
  const repeated = repeatedNumbers(rows, problems);
  const matched: MatchedFeeRow[] = [];
  for (const row of rows) {
    if (badCells.has(`${row.rowNumber}:studentNumber`) || repeated.has(row.rowNumber)) continue;
    const student = students.get(row.studentNumber);
    if (!student) {
      problems.push({ rowNumber: row.rowNumber, field: 'studentNumber', reason: `找不到学号为 ${row.studentNumber} 的学生，或该学生不在您可以登记的范围内` });
      continue;
    }
    if (!badCells.has(`${row.rowNumber}:name`) && !sameName(row.name, student.name)) {
      problems.push({ rowNumber: row.rowNumber, field: 'name', reason: `姓名与学号 ${row.studentNumber} 的学生不一致，请核对` });
    }
    matched.push({ ...row, studentId: student.id });
  }
  const bad = new Set(problems.map((p) => p.rowNumber));
  return matched.filter((row) => !bad.has(row.rowNumber));
}
