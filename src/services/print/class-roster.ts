/**
 * A class roster (班级花名册) as a PDF (issue 14): the class, its major and department, and its
 * students by number with gender and status. Read in the caller's scope: a class outside it is
 * 404, and only students the caller may see are listed.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ENUM_LABELS } from '../../domain/enum-labels';
import { createPrintDocument } from './pdf';

type ClassRow = { name: string; grade?: number | null; major?: { name?: string; department?: { name?: string } | null } | null };
type StudentRow = { studentNumber: string | null; name: string; gender: string | null; status: string; enrollmentYear: number | null };

export async function classRosterPdf(strapi: Core.Strapi, documentId: string): Promise<{ pdf: Buffer; filename: string }> {
  const schoolClass = (await strapi.documents('api::school-class.school-class').findOne({
    documentId,
    populate: { major: { populate: { department: true } } } as never,
  })) as unknown as ClassRow | null;
  if (!schoolClass) throw new errors.NotFoundError('班级不存在或无权查看 (class not found)');
  const students = (await strapi.documents('api::student.student').findMany({
    filters: { schoolClass: { documentId } } as never,
    sort: ['studentNumber:asc', 'name:asc'] as never,
    fields: ['studentNumber', 'name', 'gender', 'status', 'enrollmentYear'] as never,
    limit: 2000,
  })) as unknown as StudentRow[];
  const major = schoolClass.major?.name ?? '';
  const department = schoolClass.major?.department?.name ?? '';
  const doc = createPrintDocument({ title: `${schoolClass.name} 花名册`, footer: `${schoolClass.name}` });
  doc.title(`${schoolClass.name}　花名册`, [department, major].filter(Boolean).join('　·　'));
  const counts = new Map<string, number>();
  for (const student of students) counts.set(student.status, (counts.get(student.status) ?? 0) + 1);
  doc.fields([
    ['学生人数', String(students.length)],
    ['其中', [...counts].map(([status, count]) => `${ENUM_LABELS[status] ?? status} ${count}`).join('，') || '—'],
  ]);
  doc.table(
    [
      { header: '序号', width: 1 },
      { header: '学号', width: 3 },
      { header: '姓名', width: 2.5 },
      { header: '性别', width: 1 },
      { header: '入学年份', width: 1.5 },
      { header: '学籍状态', width: 1.5 },
      { header: '备注', width: 3 },
    ],
    students.map((student, i) => [
      String(i + 1),
      student.studentNumber ?? '',
      student.name,
      student.gender ? (ENUM_LABELS[student.gender] ?? student.gender) : '',
      student.enrollmentYear ? String(student.enrollmentYear) : '',
      ENUM_LABELS[student.status] ?? student.status,
      '',
    ]),
  );
  return { pdf: await doc.end(), filename: `花名册-${schoolClass.name}.pdf` };
}

