/**
 * Deferral of registration (延期注册, issue 16): applied for with proof before the semester starts,
 * at most two weeks past the window (a setting), decided by academic affairs; an approved deferral
 * moves that student's deadline only, and one that runs out unregistered becomes missed.
 */
import { setClock } from '../../src/services/clock';
import { addDays } from '../../src/domain/registration';
import { SAMPLE_PDF } from '../factories/integrity';
import { closeWindow, createSemester, openSemester, registrationAction, registrationOf, type TestSemester } from '../factories/registration';
import { createWorkflowWorld, studentWithLogin, type WorkflowWorld } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
});

afterAll(async () => {
  setClock(null);
  await app.stop();
});

const clockAt = (date: string) => setClock(`${date}T10:00:00+08:00`);

async function apply(auth: string, semester: TestSemester, requestedUntil: string, withProof = true) {
  const created = await app.http.post('/api/me/registration-deferrals').set('Authorization', auth).send({ semester: semester.code, reason: '因病住院，无法按时返校', requestedUntil });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  if (withProof) {
    const proof = await app.http.post(`/api/me/registration-deferrals/${documentId}/documents`).set('Authorization', auth).attach('files', SAMPLE_PDF, { filename: '诊断证明.pdf', contentType: 'application/pdf' });
    expect(proof.status).toBe(201);
  }
  return documentId;
}

const deferralAction = (auth: string, documentId: string, action: string, body: Record<string, unknown> = {}) =>
  app.http.post(`/api/registration-deferrals/${documentId}/${action}`).set('Authorization', auth).send(body);

describe('applying', () => {
  it('within two weeks of the window, with proof, before the start: approved by academic affairs, it moves only this student\'s deadline', async () => {
    const semester = await createSemester(app);
    const year = semester.code.slice(0, 4);
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const neighbour = await studentWithLogin(app, world.tree.schoolClass.documentId);
    clockAt(`${year}-08-20`);
    const opened = await openSemester(app, world.academicAffairs.api, semester.code);
    const closes = opened.body.data.closes as string;
    const until = addDays(closes, 14);
    const deferral = await apply(student.api, semester, until);
    expect((await deferralAction(student.api, deferral, 'submit')).status).toBe(200);
    // The department does not decide deferrals; academic affairs does.
    expect((await deferralAction(world.manager.api, deferral, 'approve')).status).toBe(403);
    const approved = await deferralAction(world.academicAffairs.api, deferral, 'approve', { comment: '同意延期' });
    expect(approved.status).toBe(200);
    expect(await registrationOf(app, student.id, semester.id)).toMatchObject({ state: 'deferred', deadline: until, deferredUntil: until });
    expect((await registrationOf(app, neighbour.id, semester.id)).deadline).toBe(closes);
    // After the window, before the deferral ends: the deferred student may still submit; the window's end passes them by.
    clockAt(addDays(closes, 3));
    expect((await closeWindow(app, world.academicAffairs.api, semester.code)).status).toBe(200);
    expect((await registrationOf(app, student.id, semester.id)).state).toBe('deferred');
    expect((await registrationOf(app, neighbour.id, semester.id)).state).toBe('missed');
    const submitted = await app.http.post(`/api/me/registrations/${(await registrationOf(app, student.id, semester.id)).documentId}/submit`).set('Authorization', student.api).send({});
    expect(submitted.status).toBe(200);
  });

  it('beyond two weeks, without proof, or after the start: refused with the field named, nothing decided', async () => {
    const semester = await createSemester(app);
    const year = semester.code.slice(0, 4);
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    clockAt(`${year}-08-20`);
    const closes = (await openSemester(app, world.academicAffairs.api, semester.code)).body.data.closes as string;
    const tooLong = await apply(student.api, semester, addDays(closes, 15));
    const refused = await deferralAction(student.api, tooLong, 'submit');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['requestedUntil']);
    // One application at a time per semester: a second is refused while the first stands.
    const second = await app.http.post('/api/me/registration-deferrals').set('Authorization', student.api).send({ semester: semester.code, reason: '因病住院', requestedUntil: addDays(closes, 3) });
    expect(second.status).toBe(400);
    expect(second.body.error.details.errors[0].path).toEqual(['semester']);
    expect((await deferralAction(student.api, tooLong, 'withdraw')).status).toBe(200);

    const noProof = await apply(student.api, semester, addDays(closes, 5), false);
    const unproven = await deferralAction(student.api, noProof, 'submit');
    expect(unproven.status).toBe(400);
    expect(unproven.body.error.details.errors[0].path).toEqual(['documents']);
    expect((await deferralAction(student.api, noProof, 'withdraw')).status).toBe(200);

    const late = await apply(student.api, semester, addDays(closes, 5));
    clockAt(semester.startDate);
    const afterStart = await deferralAction(student.api, late, 'submit');
    expect(afterStart.status).toBe(400);
    expect(afterStart.body.error.details.errors[0].path).toEqual(['semester']);
    const registration = await registrationOf(app, student.id, semester.id);
    expect(registration).toMatchObject({ state: 'expected', deadline: closes, deferredUntil: null });
  });

  it('a bad body is a 400 naming the field, and writes nothing', async () => {
    const semester = await createSemester(app);
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    clockAt(`${semester.code.slice(0, 4)}-08-20`);
    const post = (body: Record<string, unknown>) => app.http.post('/api/me/registration-deferrals').set('Authorization', student.api).send(body);
    for (const [body, field] of [
      [{ semester: semester.code, reason: '因病', requestedUntil: '2100-13-45' }, 'requestedUntil'],
      [{ semester: '2100', reason: '因病住院', requestedUntil: '2100-09-20' }, 'semester'],
      [{ semester: semester.code, reason: '', requestedUntil: '2100-09-20' }, 'reason'],
      [{ semester: semester.code, reason: '因病住院', requestedUntil: '2100-09-20', state: 'approved' }, 'state'],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual([field]);
    }
    expect(await app.strapi.db.query('api::registration-deferral.registration-deferral').count({ where: { student: { id: student.id } } })).toBe(0);
    // Staff do not apply for a student.
    expect((await app.http.post('/api/me/registration-deferrals').set('Authorization', world.academicAffairs.api).send({ semester: semester.code, reason: '因病住院', requestedUntil: '2100-09-20' })).status).toBe(403);
  });

  it('a deferral that runs out unregistered becomes missed, not overdue', async () => {
    const semester = await createSemester(app);
    const year = semester.code.slice(0, 4);
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    clockAt(`${year}-08-20`);
    const closes = (await openSemester(app, world.academicAffairs.api, semester.code)).body.data.closes as string;
    const until = addDays(closes, 7);
    const deferral = await apply(student.api, semester, until);
    await deferralAction(student.api, deferral, 'submit');
    expect((await deferralAction(world.academicAffairs.api, deferral, 'approve')).status).toBe(200);
    clockAt(until);
    await closeWindow(app, world.academicAffairs.api, semester.code);
    expect((await registrationOf(app, student.id, semester.id)).state).toBe('deferred');
    clockAt(addDays(until, 1));
    await closeWindow(app, world.academicAffairs.api, semester.code);
    expect(await registrationOf(app, student.id, semester.id)).toMatchObject({ state: 'missed', overdue: false });
  });
});
