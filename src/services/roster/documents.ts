/**
 * The roster on paper (seed 004 第二条: 打印出班级花名册): an .xlsx sheet and a PDF of its lines as the
 * students check them (national ID masked), with each line's check and the two checks of the
 * roster. Read in the caller's scope: a roster outside it is 404.
 */
import type { Core } from '@strapi/strapi';
import { LINE_STATE_LABELS, ROSTER_FIELD_LABELS, ROSTER_STATE_LABELS, type LineState, type RosterField } from '../../domain/class-roster';
import { ENUM_LABELS } from '../../domain/enum-labels';
import type { ReportSheet } from '../excel/report-sheet';
import { createPrintDocument, printedAt } from '../print/pdf';
import { withoutScope } from '../scope/context';
import { CLASS_ROSTER, visibleRoster } from './rows';

interface RosterDetail {
  documentId: string;
  className: string | null;
  schoolYear: string;
  state: string;
  generatedAt: string | null;
  generatedBy: string | null;
  headTeacherCheckedBy: string | null;
  headTeacherCheckedAt: string | null;
  headTeacherNote: string | null;
  registryCheckedBy: string | null;
  registryCheckedAt: string | null;
  stampUnit: string | null;
  registryNote: string | null;
  lineCount: number;
  confirmedCount: number;
  errorCount: number;
  resolvedCount: number;
  pendingCount: number;
}

interface LineDetail {
  position: number | null;
  studentNumber: string | null;
  studentName: string | null;
  gender: string | null;
  birthDate: string | null;
  nationalIdMasked: string | null;
  majorName: string | null;
  className: string | null;
  enrolledOn: string | null;
  state: LineState;
  confirmedAt: string | null;
  errorField: RosterField | null;
  errorMessage: string | null;
  resolution: string | null;
}

const HEADINGS = ['序号', '学号', '姓名', '性别', '出生日期', '身份证号', '专业', '班级', '入学日期', '核对情况', '学生确认时间', '报错与处理'];

const day = (value: string | null) => (value ? String(value).slice(0, 10) : '');
const moment = (value: string | null) => (value ? printedAt(new Date(value)) : '');

async function rosterWithLines(strapi: Core.Strapi, documentId: string): Promise<{ roster: RosterDetail; lines: LineDetail[] }> {
  const { id } = await visibleRoster(strapi, documentId);
  const roster = (await withoutScope(() => strapi.db.query(CLASS_ROSTER as never).findOne({ where: { id } }))) as RosterDetail;
  const { rows } = (await withoutScope(() =>
    strapi.db.connection.raw(
      `SELECT position, student_number AS "studentNumber", student_name AS "studentName", gender, birth_date::text AS "birthDate",
              national_id_masked AS "nationalIdMasked", major_name AS "majorName", class_name AS "className", enrolled_on::text AS "enrolledOn",
              state, confirmed_at AS "confirmedAt", error_field AS "errorField", error_message AS "errorMessage", resolution
         FROM roster_lines WHERE roster_key = ? ORDER BY position, id`,
      [id],
    ),
  )) as { rows: LineDetail[] };
  return { roster, lines: rows };
}

function lineCells(line: LineDetail): string[] {
  const error = line.errorField ? `${ROSTER_FIELD_LABELS[line.errorField]}：${line.errorMessage ?? ''}${line.resolution ? `；处理：${line.resolution}` : ''}` : '';
  return [
    String(line.position ?? ''),
    line.studentNumber ?? '',
    line.studentName ?? '',
    line.gender ? (ENUM_LABELS[line.gender] ?? line.gender) : '',
    day(line.birthDate),
    line.nationalIdMasked ?? '',
    line.majorName ?? '',
    line.className ?? '',
    day(line.enrolledOn),
    LINE_STATE_LABELS[line.state] ?? line.state,
    moment(line.confirmedAt),
    error,
  ];
}

function checksText(roster: RosterDetail): { headTeacher: string; registry: string } {
  return {
    headTeacher: roster.headTeacherCheckedAt ? `${roster.headTeacherCheckedBy ?? ''}　${moment(roster.headTeacherCheckedAt)}${roster.headTeacherNote ? `　${roster.headTeacherNote}` : ''}` : '未初审',
    registry: roster.registryCheckedAt ? `${roster.registryCheckedBy ?? ''}　${moment(roster.registryCheckedAt)}　盖章：${roster.stampUnit ?? ''}${roster.registryNote ? `　${roster.registryNote}` : ''}` : '未复审',
  };
}

const titleOf = (roster: RosterDetail) => `${roster.className?.split(' · ')[0] ?? ''} 学籍名册（${roster.schoolYear}）`;

/** GET /api/class-rosters/:documentId/sheet */
export async function rosterSheet(strapi: Core.Strapi, documentId: string): Promise<ReportSheet> {
  const { roster, lines } = await rosterWithLines(strapi, documentId);
  const checks = checksText(roster);
  return {
    title: titleOf(roster),
    subtitle: `${roster.className ?? ''}　状态：${ROSTER_STATE_LABELS[roster.state as keyof typeof ROSTER_STATE_LABELS] ?? roster.state}　班主任初审：${checks.headTeacher}　学籍管理部门复审：${checks.registry}　生成：${moment(roster.generatedAt)}`,
    headings: HEADINGS,
    rows: lines.map(lineCells),
  };
}

/** GET /api/class-rosters/:documentId/pdf */
export async function rosterPdf(strapi: Core.Strapi, documentId: string): Promise<{ pdf: Buffer; filename: string }> {
  const { roster, lines } = await rosterWithLines(strapi, documentId);
  const checks = checksText(roster);
  const title = titleOf(roster);
  const doc = createPrintDocument({ title, footer: title });
  doc.title(title, roster.className ?? '');
  doc.fields([
    ['名册状态', ROSTER_STATE_LABELS[roster.state as keyof typeof ROSTER_STATE_LABELS] ?? roster.state],
    ['学生人数', String(roster.lineCount)],
    ['已确认', String(roster.confirmedCount)],
    ['报错待处理', String(roster.errorCount)],
    ['报错已处理', String(roster.resolvedCount)],
    ['未核对', String(roster.pendingCount)],
    ['生成', `${roster.generatedBy ?? ''} ${moment(roster.generatedAt)}`],
  ]);
  // The class and major are the heading's (the same on every line), leaving the names room on A4.
  const shown = HEADINGS.map((header, i) => ({ header, i })).filter(({ header }) => header !== '专业' && header !== '班级');
  const widths: Record<string, number> = { 序号: 1, 学号: 2.8, 姓名: 2.4, 性别: 1, 出生日期: 2.2, 身份证号: 3.2, 入学日期: 2.2, 核对情况: 2, 学生确认时间: 2.4, 报错与处理: 3.4 };
  doc.table(
    shown.map(({ header }) => ({ header, width: widths[header] ?? 2 })),
    lines.map((line) => {
      const cells = lineCells(line);
      return shown.map(({ i }) => cells[i]);
    }),
  );
  doc.section('审核');
  doc.paragraph('班主任初审', checks.headTeacher);
  doc.paragraph('学籍管理部门复审盖章', checks.registry);
  return { pdf: await doc.end(), filename: `${title}.pdf` };
}

