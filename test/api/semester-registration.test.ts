/**
 * Semester registration (issue 16) through the API: opening a semester, the student's submission
 * with its proofs, the department's review and academic affairs' decision on working-day
 * deadlines, the student's confirmation making a new student active, every refusal, and the
 * window's end.
 */
import { setClock } from '../../src/services/clock';
import { activeStudent, createWorkflowWorld, studentWithLogin, type WorkflowWorld } from '../factories/status-changes';
import { createStudentLogin } from '../factories/actors';
import { createSemester, openSemester, registrationAction, registrationOf, setFee, uploadProof, type TestSemester } from '../factories/registration';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let semester: TestSemester;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  semester = await createSemester(app);
});

afterAll(async () => {
  setClock(null);
  await app.stop();
});

/** The school's clock at 10:00 on `date` of the semester's year (MM-DD), or the next year's. */
function at(monthDay: string, nextYear = false) {
  const year = Number(semester.code.slice(0, 4)) + (nextYear ? 1 : 0);
  setClock(`${year}-${monthDay}T10:00:00+08:00`);
}

describe('opening a semester', () => {
  it('creates one expected registration per student who should register, with the window on working days, once', async () => {
    at('08-25');
    const active = await activeStudent(app, world.tree.schoolClass.documentId);
    const opened = await openSemester(app, world.academicAffairs.api, semester.code);
    expect(opened.status).toBe(200);
    expect(opened.body.data.created).toBeGreaterThanOrEqual(1);
    const row = await registrationOf(app, active.id, semester.id);
    expect(row).toMatchObject({ state: 'expected', workflowState: 'draft', newStudent: false });
    const again = await openSemester(app, world.academicAffairs.api, semester.code);
    expect(again.body.data.created).toBe(0);
  });
});
