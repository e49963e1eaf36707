import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DomainError, invalidFields } from '../shared/errors.js';
import { isLocalTime, nextSendTime } from '../shared/quiet-hours.js';
import type { Channel, Database, Flag, SurveyRulesTable } from '../storage/schema.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface SurveyRules {
  id: string;
  definitionId: string;
  active: boolean;
  channels: Channel[];
  delayMinutes: number;
  samplingPercent: number;
  quarantineDays: number;
  quietStart: string;
  quietEnd: string;
  quietSundays: boolean;
  skipLandlines: boolean;
  minDurationSeconds: number;
  skipBusiness: boolean;
  openHours: number;
}

export function toRules(row: SurveyRulesTable): SurveyRules {
  return {
    id: row.id,
    definitionId: row.definition_id,
    active: row.active === 1,
    channels: JSON.parse(row.channels),
    delayMinutes: row.delay_minutes,
    samplingPercent: row.sampling_percent,
    quarantineDays: row.quarantine_days,
    quietStart: row.quiet_start,
    quietEnd: row.quiet_end,
    quietSundays: row.quiet_sundays === 1,
    skipLandlines: row.skip_landlines === 1,
    minDurationSeconds: row.min_duration_seconds,
    skipBusiness: row.skip_business === 1,
    openHours: row.open_hours,
  };
}

/** Deterministic sampling: the same contact always falls on the same side. */
export function sampled(interactionId: string, percent: number): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  const bucket = createHash('sha256').update(interactionId).digest().readUInt32BE(0) % 100;
  return bucket < percent;
}

export interface DecisionInput {
  interaction: { id: string; channel: Channel; startedAt: number; endedAt: number };
  business: boolean;
  consentSurveys: boolean;
  /** the mobile number to text, or why there is none */
  number: { msisdn: string } | { missing: 'landline' | 'no_mobile' };
  optedOut: boolean;
  /** last survey sent or scheduled to this customer or number */
  lastSurveyAt: number | null;
  rules: SurveyRules;
}

export type Decision = { outcome: 'survey'; reason: 'eligible'; sendAfter: number } | { outcome: 'skipped'; reason: SkipReason };

export type SkipReason =
  | 'rules_inactive'
  | 'channel'
  | 'short_contact'
  | 'business'
  | 'landline'
  | 'no_mobile'
  | 'no_consent'
  | 'opted_out'
  | 'quarantine'
  | 'sampling';

/**
 * Who is asked, and when. Checks run in a fixed order and the first that fails is the reason
 * stored with the decision, so response rates have honest denominators.
 */
export function decide(input: DecisionInput): Decision {
  const { rules, interaction } = input;
  const skip = (reason: SkipReason): Decision => ({ outcome: 'skipped', reason });
  if (!rules.active) return skip('rules_inactive');
  if (!rules.channels.includes(interaction.channel)) return skip('channel');
  if ((interaction.endedAt - interaction.startedAt) / 1000 < rules.minDurationSeconds) return skip('short_contact');
  if (rules.skipBusiness && input.business) return skip('business');
  if ('missing' in input.number) return skip(input.number.missing);
  if (!input.consentSurveys) return skip('no_consent');
  if (input.optedOut) return skip('opted_out');
  if (rules.quarantineDays > 0 && input.lastSurveyAt !== null && interaction.endedAt - input.lastSurveyAt < rules.quarantineDays * DAY) {
    return skip('quarantine');
  }
  if (!sampled(interaction.id, rules.samplingPercent)) return skip('sampling');
  return { outcome: 'survey', reason: 'eligible', sendAfter: nextSendTime(interaction.endedAt + rules.delayMinutes * MINUTE, rules) };
}

export async function activeRules(db: Kysely<Database>): Promise<SurveyRules | undefined> {
  const row = await db.selectFrom('survey_rules').selectAll().orderBy('updated_at', 'desc').executeTakeFirst();
  return row ? toRules(row) : undefined;
}

/** Changes the rules; past decisions keep the reason they were taken for. */
export async function saveRules(db: Kysely<Database>, id: string, rules: Omit<SurveyRules, 'id' | 'definitionId'>): Promise<void> {
  const badTimes = (['quietStart', 'quietEnd'] as const).filter((field) => !isLocalTime(rules[field]));
  if (badTimes.length > 0) {
    throw invalidFields(badTimes.map((field) => ({ field, reason: 'must be a time HH:MM', code: 'invalid-format', params: { format: 'time' } })));
  }
  const flag = (b: boolean) => (b ? 1 : 0) as Flag;
  await db
    .updateTable('survey_rules')
    .set({
      active: flag(rules.active),
      channels: JSON.stringify(rules.channels),
      delay_minutes: rules.delayMinutes,
      sampling_percent: rules.samplingPercent,
      quarantine_days: rules.quarantineDays,
      quiet_start: rules.quietStart,
      quiet_end: rules.quietEnd,
      quiet_sundays: flag(rules.quietSundays),
      skip_landlines: flag(rules.skipLandlines),
      min_duration_seconds: rules.minDurationSeconds,
      skip_business: flag(rules.skipBusiness),
      open_hours: rules.openHours,
      updated_at: Date.now(),
    })
    .where('id', '=', id)
    .execute();
}

/** The rules in force; a 404 when none are set up. */
export async function currentRules(db: Kysely<Database>): Promise<SurveyRules> {
  const rules = await activeRules(db);
  if (!rules) throw new DomainError(404, 'not-found', 'No survey rules are set up');
  return rules;
}

/** Replaces the rules in force (contacts ending from now on are decided by them). */
export async function changeRules(db: Kysely<Database>, rules: Omit<SurveyRules, 'id' | 'definitionId'>): Promise<void> {
  await saveRules(db, (await currentRules(db)).id, rules);
}
