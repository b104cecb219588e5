/**
 * The roster's two checks (seed 004 第二条): the head teacher's first check (班主任初审) by the class's
 * department, and the registry's second check and stamp (学籍管理部门复审盖章), refused while any
 * line is unconfirmed or any error unresolved. Each is one conditional update of the locked
 * roster: of two at once, one moves it and the other gets 409.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { moveRefusal, registryCheckRefusal, ROSTER_MOVES, ROSTER_STATE_LABELS, type RosterStep } from '../../domain/class-roster';
import { recordAudit } from '../audit/record';
import { conflict } from '../approval/errors';
import { now as clockNow } from '../clock';
import { currentActor, type Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { headTeacherInput, registryInput } from './input';
import { actorName, assertHeadTeacherOf, assertRegistry, CLASS_ROSTER, lockRoster, notFound, visibleRoster } from './rows';

interface Step {
  step: RosterStep;
  /** Columns set with the state, and their values. */
  columns: Record<string, unknown>;
  /** Extra conditions of the move, checked in the same statement. */
  when?: string;
  fields: string[];
}

async function move(strapi: Core.Strapi, actor: Actor, rosterId: number, documentId: string, step: Step) {
  const { from, to } = ROSTER_MOVES[step.step];
  await withoutScope(() =>
    strapi.db.transaction(async ({ trx }) => {
      const locked = await lockRoster(trx, rosterId);
      if (!locked) throw notFound();
      const names = Object.keys(step.columns);
      const { rows } = (await trx.raw(
        `UPDATE class_rosters SET state = ?, ${names.map((name) => `${name} = ?`).join(', ')}, updated_at = now()
          WHERE id = ? AND state = ANY(?::text[]) ${step.when ? `AND ${step.when}` : ''} RETURNING id`,
        [to, ...names.map((name) => step.columns[name]), rosterId, [...from]],
      )) as { rows: unknown[] };
      if (rows.length === 0) {
        if (!from.includes(locked.state)) throw conflict(moveRefusal(step.step, locked.state, ROSTER_STATE_LABELS));
        const refusal = registryCheckRefusal({ pendingCount: locked.pending_count, errorCount: locked.error_count });
        throw conflict(refusal ?? moveRefusal(step.step, locked.state, ROSTER_STATE_LABELS));
      }
      await recordAudit(strapi, { action: step.step, targetType: CLASS_ROSTER, targetDocumentId: documentId, fields: ['state', ...step.fields] }, actor);
    }),
  );
}

/** POST /api/class-rosters/:documentId/head-teacher-check { note? } */
export async function headTeacherCheck(strapi: Core.Strapi, documentId: string, body: unknown): Promise<void> {
  const roster = await visibleRoster(strapi, documentId);
  const actor = await currentActor(strapi);
  assertHeadTeacherOf(actor, roster.departmentScope);
  const { note } = headTeacherInput(body);
  await move(strapi, actor, roster.id, roster.documentId, {
    step: 'head-teacher-check',
    columns: { head_teacher_checked_by: actorName(actor), head_teacher_checked_at: clockNow(), head_teacher_note: note },
    fields: ['headTeacherCheckedBy', 'headTeacherCheckedAt', 'headTeacherNote'],
  });
}

/** POST /api/class-rosters/:documentId/registry-check { stampUnit, note? } */
export async function registryCheck(strapi: Core.Strapi, documentId: string, body: unknown): Promise<void> {
  const actor = await currentActor(strapi);
  assertRegistry(actor);
  const roster = await visibleRoster(strapi, documentId);
  const { stampUnit, note } = registryInput(body);
  await move(strapi, actor, roster.id, roster.documentId, {
    step: 'registry-check',
    columns: { registry_checked_by: actorName(actor), registry_checked_at: clockNow(), stamp_unit: stampUnit, registry_note: note },
    when: 'pending_count = 0 AND error_count = 0',
    fields: ['registryCheckedBy', 'registryCheckedAt', 'stampUnit', 'registryNote'],
  });
}

/** The roster as the core findOne answers it, for the steps' answers. */
export async function rosterEntity(strapi: Core.Strapi, documentId: string): Promise<unknown> {
  const entity = await strapi.documents(CLASS_ROSTER as never).findOne({ documentId, populate: ['schoolClass'] } as never);
  if (!entity) throw new errors.NotFoundError('Not Found');
  return entity;
}
