/**
 * The subjects the engine runs, registered once at start-up (status changes in `register`; the
 * integrity archive, archive access and registration as they arrive). The inbox lists the
 * requests of every registered subject.
 */
import type { Core } from '@strapi/strapi';
import type { ApprovalSubject, SubjectRow } from './engine';

const registries = new WeakMap<Core.Strapi, Map<string, ApprovalSubject<SubjectRow>>>();

function registryOf(strapi: Core.Strapi): Map<string, ApprovalSubject<SubjectRow>> {
  let registry = registries.get(strapi);
  if (!registry) registries.set(strapi, (registry = new Map()));
  return registry;
}

export function registerApprovalSubject<Row extends SubjectRow>(strapi: Core.Strapi, subject: ApprovalSubject<Row>): void {
  const registry = registryOf(strapi);
  if (registry.has(subject.name)) throw new Error(`approval subject '${subject.name}' is registered twice`);
  registry.set(subject.name, subject as unknown as ApprovalSubject<SubjectRow>);
}

/** Removes a subject (tests that register one of their own). */
export function unregisterApprovalSubject(strapi: Core.Strapi, name: string): void {
  registryOf(strapi).delete(name);
}

export function approvalSubjects(strapi: Core.Strapi): ApprovalSubject<SubjectRow>[] {
  return [...registryOf(strapi).values()];
}

/** The registered subject of this name; an unknown one is a programming error. */
export function approvalSubject(strapi: Core.Strapi, name: string): ApprovalSubject<SubjectRow> {
  const subject = registryOf(strapi).get(name);
  if (!subject) throw new Error(`approval subject '${name}' is not registered`);
  return subject;
}
