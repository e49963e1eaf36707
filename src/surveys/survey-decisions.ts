import type { Insertable, Kysely } from 'kysely';
import { enqueueMany } from '../jobs/outbox.js';
import type { JobResult } from '../jobs/worker.js';
import { newId } from '../shared/ids.js';
import { normalizePhone } from '../shared/phone.js';
import type { Database, SurveyTable } from '../storage/schema.js';
import { optedOutNumbers } from '../notifications/opt-out-check.js';
import { partyMobiles } from '../notifications/recipients.js';
import { chunks, inChunks } from '../shared/batches.js';
import { activeRules, decide, type DecisionInput } from './survey-rules.js';

const DONE: JobResult = { done: true };

type NumberChoice = DecisionInput['number'];

/** The mobile number a survey about each contact goes to, or why there is none (by contact, in order). */
async function surveyNumbers(
  db: Kysely<Database>,
  contacts: { party_id: string; phone: string | null }[],
  skipLandlines: boolean,
): Promise<NumberChoice[]> {
  const chosen: (NumberChoice | undefined)[] = contacts.map(({ phone }) => {
    if (!phone) return undefined;
    const parsed = normalizePhone(phone);
    if (parsed.ok && parsed.kind === 'mobile') return { msisdn: parsed.e164 };
    if (parsed.ok && parsed.kind === 'landline' && skipLandlines) return { missing: 'landline' };
    return undefined;
  });
  const mobiles = await partyMobiles(db, [...new Set(contacts.filter((_, i) => chosen[i] === undefined).map((c) => c.party_id))]);
  return contacts.map((contact, i): NumberChoice => {
    const given = chosen[i];
    if (given) return given;
    const number = mobiles.get(contact.party_id);
    return number ? { msisdn: number } : { missing: 'no_mobile' };
  });
}

/**
 * Handler of `interaction.ended`, for a batch of contacts: decides whether each contact gets a
 * survey and stores the decision with its reason; a survey to send becomes a `survey.send` job at
 * its send time. At most one decision per contact, so at most one survey. The same outcome as one
 * contact after the other, with a handful of queries for the whole batch and the decisions,
 * surveys and jobs written in one transaction. One result per id, in order. `numberKey` is the key of
 * the hash an erased customer's opt-out is kept as (ECOUTE_PRIVACY_SECRET).
 */
export async function decideSurveys(db: Kysely<Database>, interactionIds: string[], numberKey: string, now = Date.now()): Promise<JobResult[]> {
  const results = interactionIds.map(() => DONE);
  const order = new Map(interactionIds.map((id, i) => [id, i]));
  const contacts = (
    await inChunks(interactionIds, (ids) =>
      db
        .selectFrom('interactions')
        .innerJoin('parties', 'parties.id', 'interactions.party_id')
        .leftJoin('survey_decisions', 'survey_decisions.interaction_id', 'interactions.id')
        .leftJoin('accounts', 'accounts.id', 'interactions.account_id')
        .select((eb) => [
          'interactions.id', 'interactions.party_id', 'interactions.channel', 'interactions.started_at', 'interactions.ended_at',
          'interactions.phone', 'interactions.advisor_id', 'interactions.team_id', 'interactions.site_id', 'interactions.reason_code',
          'parties.consent_surveys', 'parties.preferred_language', 'survey_decisions.interaction_id as decided', 'accounts.segment',
          eb
            .exists(eb.selectFrom('accounts').select('accounts.id').whereRef('accounts.party_id', '=', 'interactions.party_id').where('accounts.segment', '=', 'business'))
            .as('business'),
        ])
        .where('interactions.id', 'in', ids)
        .execute(),
    )
  )
    .filter((c) => c.decided === null && c.ended_at !== null)
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  if (contacts.length === 0) return results;

  const rules = await activeRules(db);
  const decisions: Insertable<Database['survey_decisions']>[] = [];
  const surveys = new Map<string, Insertable<SurveyTable>>();
  if (!rules) {
    for (const c of contacts) decisions.push({ interaction_id: c.id, decided_at: now, outcome: 'skipped', reason: 'rules_inactive', survey_id: null, rules_id: null });
  } else {
    const numbers = await surveyNumbers(db, contacts, rules.skipLandlines);
    const msisdns = numbers.flatMap((n) => ('msisdn' in n ? [n.msisdn] : []));
    const optedOut = await optedOutNumbers(db, msisdns, numberKey);
    // Last survey sent or scheduled to the customer or the number (only the quarantine rule reads it).
    const lastByParty = new Map<string, number>();
    const lastByNumber = new Map<string, number>();
    if (rules.quarantineDays > 0) {
      const byParty = await inChunks(contacts.map((c) => c.party_id), (parties) =>
        db.selectFrom('surveys').select((eb) => ['party_id', eb.fn.max('created_at').as('at')]).where('party_id', 'in', parties).where('status', '!=', 'cancelled').groupBy('party_id').execute(),
      );
      for (const row of byParty) if (row.at != null) lastByParty.set(row.party_id, Number(row.at));
      const byNumber = await inChunks(msisdns, (list) =>
        db.selectFrom('surveys').select((eb) => ['msisdn', eb.fn.max('created_at').as('at')]).where('msisdn', 'in', list).where('status', '!=', 'cancelled').groupBy('msisdn').execute(),
      );
      for (const row of byNumber) if (row.at != null) lastByNumber.set(row.msisdn, Number(row.at));
    }
    let versionId: string | null | undefined;
    for (const [i, contact] of contacts.entries()) {
      const number = numbers[i]!;
      const msisdn = 'msisdn' in number ? number.msisdn : null;
      const lasts = [lastByParty.get(contact.party_id), msisdn ? lastByNumber.get(msisdn) : undefined].filter((at) => at !== undefined);
      const decision = decide({
        interaction: { id: contact.id, channel: contact.channel, startedAt: contact.started_at, endedAt: contact.ended_at! },
        business: Boolean(contact.business),
        consentSurveys: contact.consent_surveys === 1,
        number,
        optedOut: msisdn !== null && optedOut.has(msisdn),
        lastSurveyAt: lasts.length > 0 ? Math.max(...lasts) : null,
        rules,
      });
      const skipped = (reason: string) => decisions.push({ interaction_id: contact.id, decided_at: now, outcome: 'skipped', reason, survey_id: null, rules_id: rules.id });
      if (decision.outcome === 'skipped' || !msisdn) {
        skipped(decision.reason);
        continue;
      }
      versionId ??= (await db.selectFrom('survey_definitions').select('current_version_id').where('id', '=', rules.definitionId).executeTakeFirst())?.current_version_id ?? null;
      if (!versionId) {
        skipped('rules_inactive');
        continue;
      }
      const surveyId = newId();
      decisions.push({ interaction_id: contact.id, decided_at: now, outcome: 'survey', reason: 'eligible', survey_id: surveyId, rules_id: rules.id });
      surveys.set(contact.id, {
        id: surveyId, interaction_id: contact.id, party_id: contact.party_id, version_id: versionId, msisdn, language: contact.preferred_language,
        status: 'scheduled', send_after: decision.sendAfter, sent_at: null, open_until: null, clarifications: 0, advisor_id: contact.advisor_id,
        team_id: contact.team_id, site_id: contact.site_id, channel: contact.channel, reason_code: contact.reason_code,
        segment: contact.segment ?? (contact.business ? 'business' : 'residential'), contact_started_at: contact.started_at, last_error: null, created_at: now,
      });
      // A second contact of this customer in the same batch sees this survey, as it would one by one.
      lastByParty.set(contact.party_id, now);
      lastByNumber.set(msisdn, now);
    }
  }
  await db.transaction().execute(async (trx) => {
    // A decision already stored (by another worker meanwhile) wins: its contact gets no second survey.
    const stored: string[] = [];
    for (const part of chunks(decisions)) {
      const rows = await trx.insertInto('survey_decisions').values(part).onConflict((oc) => oc.column('interaction_id').doNothing()).returning('interaction_id').execute();
      stored.push(...rows.map((r) => r.interaction_id));
    }
    const toCreate = stored.flatMap((id) => (surveys.has(id) ? [surveys.get(id)!] : []));
    for (const part of chunks(toCreate, 200)) await trx.insertInto('surveys').values(part).execute();
    await enqueueMany(trx, toCreate.map((s) => ({ topic: 'survey.send', refId: s.id!, runAfter: s.send_after! })));
  });
  return results;
}
