import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { actorColumns, auditCustomerReads, type CommandLineActor } from '../auth/audit.js';
import { qualityScope, reachesPerson, type Actor } from '../auth/policies.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database, QualitySampleItemTable, QualitySampleTable } from '../storage/schema.js';
import { drawSample, replacementFor, type Draw, type DrawReason } from './sample-draw.js';
import { eligibleContacts, parsePeriod, type PopulationContact } from './sample-population.js';

export const REPLACE_REASONS = ['unusable-recording', 'wrong-advisor', 'other'] as const;
export type ReplaceReason = (typeof REPLACE_REASONS)[number];

export interface DrawRequest {
  period: string;
  /** null: every team */
  teamId: string | null;
  /** default: 16 random hex characters */
  seed?: string | undefined;
  perAdvisor: number;
  oversample: number;
}

/** Who drew or changed a sample: a person, or someone at the command line. */
export type SampleActor = Actor | CommandLineActor;

const actorId = (actor: SampleActor) => ('cli' in actor ? `cli:${actor.cli}` : actor.id);
const activeKey = (period: string, teamId: string | null) => `${period}|${teamId ?? '*'}`;

export function newSeed(): string {
  return randomBytes(8).toString('hex');
}

function checkSizes(perAdvisor: number, oversample: number): void {
  if (!Number.isInteger(perAdvisor) || perAdvisor < 1 || perAdvisor > 200) {
    throw invalid('perAdvisor', 'is a whole number from 1 to 200', 'out-of-range', { minimum: 1, maximum: 200 });
  }
  if (!Number.isInteger(oversample) || oversample < 0 || oversample > 50) {
    throw invalid('oversample', 'is a whole number from 0 to 50', 'out-of-range', { minimum: 0, maximum: 50 });
  }
}

export interface PlannedDraw {
  period: string;
  teamId: string | null;
  populationSize: number;
  draw: Draw;
  population: PopulationContact[];
}

/** The draw of a period as it would be recorded (the pure draw over the period's eligible contacts); writes nothing. */
export async function planDraw(db: Kysely<Database>, request: DrawRequest): Promise<PlannedDraw> {
  const period = parsePeriod(request.period);
  checkSizes(request.perAdvisor, request.oversample);
  const seed = request.seed ?? newSeed();
  if (seed.length === 0 || seed.length > 100) throw invalid('seed', 'is 1 to 100 characters', 'too-long', { maximum: 100 });
  const population = await eligibleContacts(db, period, request.teamId);
  const draw = drawSample(population, { seed, perAdvisor: request.perAdvisor, oversample: request.oversample });
  return { period: period.label, teamId: request.teamId, populationSize: population.length, draw, population };
}

/**
 * Draws and records the sample of a period (and team). Refused while the period already has a live
 * sample (withdraw it first, with a reason) and when the period has no eligible contact.
 */
export async function drawPeriodSample(db: Kysely<Database>, request: DrawRequest, actor: SampleActor): Promise<string> {
  if (request.teamId !== null) {
    const team = await db.selectFrom('teams').select('id').where('id', '=', request.teamId).executeTakeFirst();
    if (!team) throw invalid('team', 'is not a team', 'unknown-team');
  }
  const planned = await planDraw(db, request);
  if (planned.populationSize === 0) {
    throw new DomainError(409, 'sample-no-contacts', `${planned.period} has no eligible contact to draw from`);
  }
  const key = activeKey(planned.period, request.teamId);
  return db.transaction().execute(async (trx) => {
    const live = await trx.selectFrom('quality_samples').select('id').where('active_key', '=', key).executeTakeFirst();
    if (live) throw new DomainError(409, 'sample-exists', `${planned.period} already has a sample: withdraw it, with a reason, to draw again`, [], { sampleId: live.id });
    const id = newId();
    const { draw } = planned;
    await trx
      .insertInto('quality_samples')
      .values({
        id, period: planned.period, team_id: request.teamId, active_key: key, seed: draw.seed,
        per_advisor: draw.perAdvisor, oversample: draw.oversample, population_size: planned.populationSize,
        population_hash: draw.populationHash, drawn_by: actorId(actor), drawn_at: Date.now(),
        withdrawn_at: null, withdrawn_by: null, withdraw_reason: null,
      })
      .execute();
    const advisors = draw.advisors.map((a) => ({ sample_id: id, advisor_id: a.advisorId, population: a.population }));
    for (let i = 0; i < advisors.length; i += 200) await trx.insertInto('quality_sample_advisors').values(advisors.slice(i, i + 200)).execute();
    const items = draw.advisors.flatMap((a) => a.items).map((item, position): QualitySampleItemTable => ({
      id: newId(), sample_id: id, position, contact_id: item.contactId, advisor_id: item.advisorId, kind: item.kind,
      stratum: item.stratum, why: JSON.stringify(item.why), replaces_item_id: null,
      replaced_at: null, replaced_by: null, replace_reason: null, replace_note: null,
    }));
    for (let i = 0; i < items.length; i += 50) await trx.insertInto('quality_sample_items').values(items.slice(i, i + 50)).execute();
    return id;
  });
}

export interface SampleItemView {
  id: string;
  contactId: string;
  advisorId: string;
  advisorName: string;
  channel: string;
  reason: string | null;
  startedAt: number;
  kind: QualitySampleItemTable['kind'];
  stratum: string;
  why: DrawReason;
  replacesItemId: string | null;
  replaced: { at: number; by: string; reason: ReplaceReason; note: string | null } | null;
}

export interface SampleView {
  sample: QualitySampleTable;
  advisors: { advisorId: string; population: number }[];
  items: SampleItemView[];
}

/** A sample's head. */
export async function getSampleHead(db: Kysely<Database>, id: string): Promise<QualitySampleTable> {
  const sample = await db.selectFrom('quality_samples').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sample) throw notFound('No sample has this id');
  return sample;
}

/** Samples of a period (all periods when null), newest first: their heads only. */
export async function listSamples(db: Kysely<Database>, period: string | null): Promise<QualitySampleTable[]> {
  let query = db.selectFrom('quality_samples').selectAll();
  if (period !== null) query = query.where('period', '=', parsePeriod(period).label);
  return query.orderBy('drawn_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

/**
 * A sample with the items the reader reaches (`qualityScope`): a coach every advisor's, a team lead
 * their team's advisors'; an advisor none (a contact is not announced before it is listened to).
 * The customers of the items shown are audited as read.
 */
export async function getSample(db: Kysely<Database>, id: string, reader: Actor | CommandLineActor): Promise<SampleView> {
  const sample = await db.selectFrom('quality_samples').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sample) throw notFound('No sample has this id');
  const rows = await db
    .selectFrom('quality_sample_items as s')
    .innerJoin('interactions as i', 'i.id', 's.contact_id')
    .innerJoin('users as u', 'u.id', 's.advisor_id')
    .selectAll('s')
    .select(['i.party_id', 'i.channel', 'i.reason_code', 'i.started_at', 'u.display_name', 'u.team_id'])
    .where('s.sample_id', '=', id)
    .orderBy('s.advisor_id')
    .orderBy('s.position')
    .execute();
  const scope = 'cli' in reader ? null : qualityScope(reader);
  const visible = rows.filter((r) => scope === null || (scope.people !== 'self' && reachesPerson(scope, { id: r.advisor_id, teamId: r.team_id })));
  const advisorIds = new Set(visible.map((r) => r.advisor_id));
  const advisors = await db.selectFrom('quality_sample_advisors').select(['advisor_id', 'population']).where('sample_id', '=', id).orderBy('advisor_id').execute();
  await auditSampleReads(db, reader, visible.map((r) => r.party_id));
  return {
    sample,
    advisors: advisors.filter((a) => scope === null || scope.people === 'all' || advisorIds.has(a.advisor_id)).map((a) => ({ advisorId: a.advisor_id, population: a.population })),
    items: visible.map((r) => ({
      id: r.id, contactId: r.contact_id, advisorId: r.advisor_id, advisorName: r.display_name, channel: r.channel,
      reason: r.reason_code, startedAt: Number(r.started_at), kind: r.kind, stratum: r.stratum,
      why: JSON.parse(r.why) as DrawReason, replacesItemId: r.replaces_item_id,
      replaced: r.replaced_at === null ? null : { at: Number(r.replaced_at), by: r.replaced_by ?? '', reason: r.replace_reason as ReplaceReason, note: r.replace_note },
    })),
  };
}

/** The customers of the items shown, audited as read (at the command line, as `cli:<account>`). */
async function auditSampleReads(db: Kysely<Database>, reader: Actor | CommandLineActor, partyIds: readonly string[]): Promise<void> {
  if (!('cli' in reader)) return auditCustomerReads(db, reader, partyIds, 'quality-samples');
  if (partyIds.length === 0) return;
  const at = Date.now();
  const rows = [...new Set(partyIds)].map((partyId) => ({ at, ...actorColumns(reader), action: 'customer.read' as const, party_id: partyId, via: 'quality-samples' }));
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('audit_log').values(rows.slice(i, i + 100)).execute();
}

export interface Verification {
  populationMatches: boolean;
  sampleMatches: boolean;
  populationSize: number;
  /** contacts drawn at the time and not by the re-derivation, and the reverse */
  missing: string[];
  unexpected: string[];
}

/** Re-derives a sample from its seed and the period's contacts today, and says whether both match the record. */
export async function verifySample(db: Kysely<Database>, id: string): Promise<Verification> {
  const sample = await db.selectFrom('quality_samples').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sample) throw notFound('No sample has this id');
  const planned = await planDraw(db, { period: sample.period, teamId: sample.team_id, seed: sample.seed, perAdvisor: sample.per_advisor, oversample: sample.oversample });
  const recorded = await db.selectFrom('quality_sample_items').select(['contact_id', 'kind']).where('sample_id', '=', id).where('replaces_item_id', 'is', null).execute();
  const was = new Set(recorded.map((r) => `${r.kind}:${r.contact_id}`));
  const now = new Set(planned.draw.advisors.flatMap((a) => a.items).map((i) => `${i.kind}:${i.contactId}`));
  const missing = [...was].filter((k) => !now.has(k)).map((k) => k.slice(k.indexOf(':') + 1));
  const unexpected = [...now].filter((k) => !was.has(k)).map((k) => k.slice(k.indexOf(':') + 1));
  return {
    populationMatches: planned.draw.populationHash === sample.population_hash,
    sampleMatches: missing.length === 0 && unexpected.length === 0,
    populationSize: planned.populationSize,
    missing,
    unexpected,
  };
}

/**
 * Replaces a drawn contact, with a reason (`other` with a note): the next contact of the same stratum
 * by the same rule that is not and never was in the sample. The replaced item stays, marked.
 */
export async function replaceItem(
  db: Kysely<Database>,
  sampleId: string,
  itemId: string,
  request: { reason: ReplaceReason; note?: string | undefined },
  actor: SampleActor,
): Promise<string> {
  const note = request.note?.trim() ?? '';
  if (request.reason === 'other' && note.length === 0) throw invalid('note', 'says why, for the reason "other"', 'required');
  const sample = await db.selectFrom('quality_samples').selectAll().where('id', '=', sampleId).executeTakeFirst();
  if (!sample) throw notFound('No sample has this id');
  if (sample.withdrawn_at !== null) throw new DomainError(409, 'sample-withdrawn', 'This sample was withdrawn');
  const population = await eligibleContacts(db, parsePeriod(sample.period), sample.team_id);
  return db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('quality_sample_items').selectAll().where('id', '=', itemId).where('sample_id', '=', sampleId).executeTakeFirst();
    if (!item) throw notFound('This sample has no item with this id');
    if (item.replaced_at !== null) throw new DomainError(409, 'sample-item-replaced', 'This item was already replaced');
    const taken = new Set((await trx.selectFrom('quality_sample_items').select('contact_id').where('sample_id', '=', sampleId).execute()).map((r) => r.contact_id));
    const next = replacementFor(population, sample.seed, { advisorId: item.advisor_id, kind: item.kind, stratum: item.stratum }, taken);
    if (!next) throw new DomainError(409, 'sample-stratum-exhausted', 'No other contact of this stratum is left to replace it with');
    const position = await trx.selectFrom('quality_sample_items').select((eb) => eb.fn.max('position').as('last')).where('sample_id', '=', sampleId).executeTakeFirstOrThrow();
    const id = newId();
    const at = Date.now();
    await trx
      .insertInto('quality_sample_items')
      .values({
        id, sample_id: sampleId, position: Number(position.last ?? 0) + 1, contact_id: next.contactId, advisor_id: item.advisor_id,
        kind: item.kind, stratum: item.stratum, why: JSON.stringify(next.why), replaces_item_id: item.id,
        replaced_at: null, replaced_by: null, replace_reason: null, replace_note: null,
      })
      .execute();
    await trx
      .updateTable('quality_sample_items')
      .set({ replaced_at: at, replaced_by: actorId(actor), replace_reason: request.reason, replace_note: note.length > 0 ? note : null })
      .where('id', '=', item.id)
      .execute();
    return id;
  });
}

/** Withdraws a live sample, with a reason: its period can be drawn again; the sample stays, marked. */
export async function withdrawSample(db: Kysely<Database>, id: string, reason: string, actor: SampleActor): Promise<void> {
  if (reason.trim().length === 0) throw invalid('reason', 'says why the sample is withdrawn', 'required');
  const updated = await db
    .updateTable('quality_samples')
    .set({ active_key: null, withdrawn_at: Date.now(), withdrawn_by: actorId(actor), withdraw_reason: reason.trim() })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    const exists = await db.selectFrom('quality_samples').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) throw notFound('No sample has this id');
    throw new DomainError(409, 'sample-withdrawn', 'This sample was already withdrawn');
  }
}
