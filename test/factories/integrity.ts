/**
 * The integrity archive's world: the status-change world (a department with its manager and clerk,
 * another department, the offices) plus source offices, and records moved through the API.
 */
import { createStaff, type StaffActor } from './actors';
import { createWorkflowWorld, studentWithLogin, type WorkflowWorld } from './status-changes';
import type { TestApp } from '../helpers/strapi';

export interface IntegrityWorld extends WorkflowWorld {
  finance: StaffActor;
  security: StaffActor;
  library: StaffActor;
}

export async function createIntegrityWorld(app: TestApp): Promise<IntegrityWorld> {
  const world = await createWorkflowWorld(app);
  const source = (office: string) => createStaff(app, { adminRole: 'integrity-source', office });
  return { ...world, finance: await source('finance'), security: await source('security'), library: await source('library') };
}

export type StudentWithLogin = Awaited<ReturnType<typeof studentWithLogin>>;

export const RECORD = '/api/integrity-records';

/** The smallest file the evidence upload takes for a PDF (checked by its first bytes). */
export const SAMPLE_PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** `POST /api/integrity-records/:documentId/evidence` with one PDF (`bytes`, SAMPLE_PDF by default). */
export function uploadEvidence(app: TestApp, auth: string, documentId: string, filename = '凭证.pdf', bytes: Buffer = SAMPLE_PDF) {
  return app.http.post(`${RECORD}/${documentId}/evidence`).set('Authorization', auth).attach('files', bytes, { filename, contentType: 'application/pdf' });
}

/** A record entered through REST; fails the test on anything but success. */
export async function enterRecord(app: TestApp, auth: string, data: Record<string, unknown>): Promise<{ documentId: string; [key: string]: unknown }> {
  const response = await app.http.post(RECORD).set('Authorization', auth).send({ data: { title: '测试记录', occurredOn: '2026-10-01', ...data } });
  if (response.status !== 201 && response.status !== 200) throw new Error(`enter failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}

export function recordAction(app: TestApp, auth: string, documentId: string, action: string, body: Record<string, unknown> = {}) {
  return app.http.post(`${RECORD}/${documentId}/${action}`).set('Authorization', auth).send(body);
}

/** A bad economic record from finance (unpaid fees), confirmed by student affairs. */
export async function confirmedBadRecord(app: TestApp, world: IntegrityWorld, student: string, title = '欠缴学费'): Promise<string> {
  const record = await enterRecord(app, world.finance.api, { student, indicator: 'economic', kind: 'bad', title });
  const confirmed = await recordAction(app, world.studentAffairs.api, record.documentId, 'confirm');
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return record.documentId;
}

export function requestAction(app: TestApp, auth: string, path: 'integrity-appeals' | 'integrity-amendments', documentId: string, action: string, body: Record<string, unknown> = {}) {
  return app.http.post(`/api/${path}/${documentId}/${action}`).set('Authorization', auth).send(body);
}

export async function fileRequest(app: TestApp, auth: string, path: 'integrity-appeals' | 'integrity-amendments', data: Record<string, unknown>) {
  const response = await app.http.post(`/api/${path}`).set('Authorization', auth).send({ data });
  if (response.status !== 201 && response.status !== 200) throw new Error(`${path} create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data as { documentId: string };
}

export async function recordRow(app: TestApp, documentId: string) {
  return (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId } })) as Record<string, any>;
}

export async function versionsOf(app: TestApp, documentId: string) {
  const record = await recordRow(app, documentId);
  return (await app.strapi.db.query('api::integrity-record-version.integrity-record-version').findMany({ where: { record: { id: record.id } }, orderBy: [{ version: 'asc' }] })) as Array<Record<string, any>>;
}
