import type { Kysely } from 'kysely';
import { actorColumns, auditCustomerReads } from '../auth/audit.js';
import { can, npsScope, type Actor } from '../auth/policies.js';
import { transition } from '../cases/case-service.js';
import { withinScope as complaintWithinScope } from '../complaints/complaint-access.js';
import { withinScope as followupWithinScope } from '../followups/followup-access.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database, EvidenceKind } from '../storage/schema.js';
import { assertEditable, assertReadable, loadAction } from './action-store.js';

/**
 * The evidence of an improvement action (docs/improvement.md, "Improvement actions"): complaints,
 * detractor follow-ups and survey answers linked to it, each an event of its timeline. Reading their
 * texts (a complaint's description, the comment of a follow-up's answer or of a survey answer) is a
 * read of the customer's record: shown only to a reader who may read that record, and audited.
 */

export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  subjectId: string;
  label: string | null;
  addedAt: number;
  /** null: none, erased, or not for this reader */
  text: string | null;
  hidden: boolean;
  /** when the complaint was received, the follow-up opened, the answer received */
  at: number | null;
}

const NAMES: Record<EvidenceKind, string> = { complaint: 'complaint', followup: 'follow-up', response: 'survey answer' };

/** The id of the subject a link names: a complaint by its id or reference, a follow-up by its id, a survey answer by its response id. */
async function subjectOf(db: Kysely<Database>, kind: EvidenceKind, given: string): Promise<string> {
  const found =
    kind === 'complaint'
      ? await db.selectFrom('complaints').select('case_id as id').where((eb) => eb.or([eb('case_id', '=', given), eb('reference', '=', given)])).executeTakeFirst()
      : kind === 'followup'
        ? await db.selectFrom('followups').select('case_id as id').where('case_id', '=', given).executeTakeFirst()
        : await db.selectFrom('survey_responses').select('id').where('id', '=', given).executeTakeFirst();
  if (!found) throw invalid('subjectId', `no ${NAMES[kind]} has the ${kind === 'complaint' ? 'id or reference' : 'id'} "${given}"`);
  return found.id;
}

/** Links a complaint, follow-up or survey answer to an action (409 `evidence-already-linked` when it is). */
export async function addEvidence(db: Kysely<Database>, actionId: string, input: { kind: EvidenceKind; subjectId: string }, actor: Actor, now = Date.now()): Promise<string> {
  return db.transaction().execute(async (trx) => {
    assertEditable(actor, await loadAction(trx, actionId));
    const subjectId = await subjectOf(trx, input.kind, input.subjectId);
    const linked = await trx.selectFrom('action_evidence').select('id').where('action_id', '=', actionId).where('subject_kind', '=', input.kind).where('subject_id', '=', subjectId).executeTakeFirst();
    if (linked) throw new DomainError(409, 'evidence-already-linked', `This ${NAMES[input.kind]} is already evidence of the action`, [], { kind: input.kind });
    const id = newId();
    const { actor_kind, actor_id } = actorColumns(actor);
    await trx.insertInto('action_evidence').values({ id, action_id: actionId, subject_kind: input.kind, subject_id: subjectId, added_at: now, added_by_kind: actor_kind, added_by_id: actor_id }).execute();
    await transition(trx, actionId, 'add-evidence', actor, { at: now, data: { kind: input.kind, subjectId } });
    return id;
  });
}

/** Unlinks one piece of evidence (404 when the action has no such link). */
export async function removeEvidence(db: Kysely<Database>, actionId: string, evidenceId: string, actor: Actor, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    assertEditable(actor, await loadAction(trx, actionId));
    const link = await trx.selectFrom('action_evidence').select(['subject_kind', 'subject_id']).where('id', '=', evidenceId).where('action_id', '=', actionId).executeTakeFirst();
    if (!link) throw new DomainError(404, 'not-found', 'This action has no evidence with this id');
    await trx.deleteFrom('action_evidence').where('id', '=', evidenceId).execute();
    await transition(trx, actionId, 'remove-evidence', actor, { at: now, data: { kind: link.subject_kind, subjectId: link.subject_id } });
  });
}

/**
 * The evidence of an action with its texts, oldest link first. A text is shown when the reader may
 * read the record it belongs to (the complaint or follow-up within their reach, the answer within
 * their NPS scope), and each customer whose text is shown is a read in the audit trail.
 */
export async function readEvidence(db: Kysely<Database>, actionId: string, actor: Actor): Promise<EvidenceItem[]> {
  assertReadable(actor, await loadAction(db, actionId));
  const links = await db.selectFrom('action_evidence').selectAll().where('action_id', '=', actionId).orderBy('added_at').orderBy('id').execute();
  const ids = (kind: EvidenceKind) => links.filter((l) => l.subject_kind === kind).map((l) => l.subject_id);
  const none = ['']; // an IN list is never empty
  const complaints = new Map(
    (await db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id')
      .select(['complaints.case_id as id', 'complaints.reference', 'complaints.description', 'complaints.received_at', 'cases.party_id', 'cases.team_id', 'cases.assignee_id'])
      .where('complaints.case_id', 'in', [...ids('complaint'), ...none]).execute()).map((r) => [r.id, r]),
  );
  const followups = new Map(
    (await db.selectFrom('followups').innerJoin('cases', 'cases.id', 'followups.case_id').leftJoin('survey_responses', 'survey_responses.id', 'followups.response_id')
      .select(['followups.case_id as id', 'followups.opened_at', 'followups.escalated_to', 'survey_responses.comment', 'cases.party_id', 'cases.team_id', 'cases.assignee_id'])
      .where('followups.case_id', 'in', [...ids('followup'), ...none]).execute()).map((r) => [r.id, r]),
  );
  const responses = new Map(
    (await db.selectFrom('survey_responses').select(['id', 'comment', 'received_at', 'party_id', 'team_id']).where('id', 'in', [...ids('response'), ...none]).execute()).map((r) => [r.id, r]),
  );
  const nps = npsScope(actor);
  const read: string[] = [];
  const items = links.map((l): EvidenceItem => {
    const base = { id: l.id, kind: l.subject_kind, subjectId: l.subject_id, addedAt: Number(l.added_at) };
    let found: { text: string | null; at: number; partyId: string | null; visible: boolean; label: string | null } | undefined;
    if (l.subject_kind === 'complaint') {
      const c = complaints.get(l.subject_id);
      if (c) found = { text: c.description, at: Number(c.received_at), partyId: c.party_id, label: c.reference, visible: can(actor, 'complaint.read') && complaintWithinScope(actor, c) };
    } else if (l.subject_kind === 'followup') {
      const f = followups.get(l.subject_id);
      if (f) found = { text: f.comment, at: Number(f.opened_at), partyId: f.party_id, label: null, visible: can(actor, 'followup.read') && followupWithinScope(actor, f) };
    } else {
      const r = responses.get(l.subject_id);
      if (r) found = { text: r.comment, at: Number(r.received_at), partyId: r.party_id, label: null, visible: nps.teams === 'all' || (nps.teams === 'own' && nps.teamId !== null && r.team_id === nps.teamId) };
    }
    if (!found) return { ...base, label: null, text: null, hidden: false, at: null };
    if (found.visible && found.text !== null && found.partyId !== null) read.push(found.partyId);
    return { ...base, label: found.label, text: found.visible ? found.text : null, hidden: !found.visible, at: found.at };
  });
  await auditCustomerReads(db, actor, read, 'actions');
  return items;
}
