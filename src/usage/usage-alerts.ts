import type { Kysely } from 'kysely';
import type { NotifyRequest } from '../notifications/notify.js';
import { notifyMany } from '../notifications/notify-many.js';
import { dayStart } from '../shared/calendar.js';
import { inChunks } from '../shared/batches.js';
import { DomainError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { chargedCents, EU_EEA, HOME_COUNTRY, periodEnd } from './buckets.js';
import type { CounterChange } from './counter-change.js';

/**
 * The alerts a counter's change calls for (docs/self-service.md, "Alerts"): an SMS to the line when
 * its data at home passes 80% and 100% of the allowance, once per billing period and threshold (the
 * notification's occasion is the period: the same threshold again in the period finds it written).
 * A batch that passes both at once sends the 100% one only. Class `alert`: it leaves at any hour,
 * within the per-number cap of automatic SMS.
 */
export const DATA_THRESHOLDS = [80, 100] as const;

/** The highest threshold (in %) the count passed from `before` to `used`, if any: integers only, no rounding. */
export function passedThreshold(before: number, used: number, allowance: number): number | undefined {
  if (allowance <= 0) return undefined;
  return [...DATA_THRESHOLDS].reverse().find((t) => before * 100 < t * allowance && used * 100 >= t * allowance);
}

/** An allowance as plans state it: whole GB, else MB ("20 GB", "500 MB", "1.5 GB"). */
export function allowanceText(bytes: number): string {
  if (bytes >= 1_000_000_000) return `${Number((bytes / 1_000_000_000).toFixed(1))} GB`;
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

export interface AlertLine {
  partyId: string;
  msisdn: string;
  kind: 'mobile' | 'landline';
  plan: string;
  /** spending limit on data roaming outside the EU/EEA per period, in cents excl. VAT, and whether the customer chose to go on past it */
  roamingLimitCents: number;
  roamingLimitOff: boolean;
}

/** A line's arrival in a country other than Luxembourg: its first event there since it was used elsewhere. */
export interface Arrival {
  lineId: string;
  periodStart: number;
  country: string;
  /** when (the event's time) */
  at: number;
}

/** A line welcomed to a country is not welcomed there again within this time (a phone that hops between networks at a border). */
export const WELCOME_AGAIN_AFTER_MS = 12 * 3_600_000;

const LOCALES = { fr: 'fr-LU', de: 'de-LU', en: 'en-GB', lb: 'fr-LU' } as const;

/** The runtime's formatters per language, made once (each costs more to make than a batch's messages to word). */
const regionNames = new Map<string, Intl.DisplayNames>();
const euroFormats = new Map<string, Intl.NumberFormat>();

/** A country's name in a language ("Vereinigte Staaten"); its code when the runtime has no name for it. */
export function countryName(code: string, language: keyof typeof LOCALES): string {
  let names = regionNames.get(language);
  if (!names) regionNames.set(language, (names = new Intl.DisplayNames([LOCALES[language]], { type: 'region', fallback: 'code' })));
  return names.of(code) ?? code;
}

/** The price of data beyond what is included where a line roams, as the message says it ("1,99 EUR/MB"). */
export function dataPriceText(blockUnits: number, blockPriceCents: number, language: keyof typeof LOCALES): string {
  let format = euroFormats.get(language);
  if (!format) euroFormats.set(language, (format = new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  return `${format.format(blockPriceCents / 100)} EUR/${allowanceText(blockUnits).replace(/^1 /, '')}`;
}

/**
 * The roaming tariff message (Regulation (EU) 2022/612, art. 14) to a mobile line on each arrival in
 * another country (not again within 12 hours for the same country): in the EU/EEA, that the plan
 * applies as at home, with the fair-use limit of its data; elsewhere, the price of data there. Both
 * give the free emergency number, 112. Class `alert`: it leaves at once, at any hour.
 */
export async function welcomeRoamers(db: Kysely<Database>, arrivals: readonly Arrival[], lines: ReadonlyMap<string, AlertLine>, now: number): Promise<number> {
  const wanted = arrivals.filter((a) => a.country !== HOME_COUNTRY && lines.get(a.lineId)?.kind === 'mobile');
  if (wanted.length === 0) return 0;
  // What is already welcomed, the customers' languages and the plans' roaming terms: read once for the batch.
  const keyOf = (lineId: string, occasion: string) => `${lineId}\u001f${occasion}`;
  // occasions are `<period>:<country>:<arrival time>`: the countries each line was welcomed to lately
  const recently = new Set(
    (
      await inChunks([...new Set(wanted.map((a) => a.lineId))], (chunk) =>
        db.selectFrom('notifications').select(['ref_id', 'occasion']).where('ref_type', '=', 'line').where('ref_id', 'in', chunk)
          .where('template_key', 'in', ['usage.roaming-eu', 'usage.roaming-world']).where('created_at', '>', now - WELCOME_AGAIN_AFTER_MS).execute(),
      )
    ).map((n) => keyOf(n.ref_id, n.occasion.split(':')[1] ?? '')),
  );
  const fresh = wanted.filter((a) => {
    const key = keyOf(a.lineId, a.country);
    if (recently.has(key)) return false;
    recently.add(key);
    return true;
  });
  if (fresh.length === 0) return 0;
  const languages = new Map(
    (await inChunks([...new Set(fresh.map((a) => lines.get(a.lineId)!.partyId))], (chunk) => db.selectFrom('parties').select(['id', 'preferred_language']).where('id', 'in', chunk).execute())).map((p) => [p.id, p.preferred_language]),
  );
  const roamingTerms = new Map(
    (await inChunks([...new Set(fresh.map((a) => lines.get(a.lineId)!.plan))], (chunk) =>
      db.selectFrom('plan_buckets').selectAll().where('plan_code', 'in', chunk).where('bucket', 'in', ['data_eu', 'data_world']).execute(),
    )).map((t) => [`${t.plan_code}\u001f${t.bucket}`, t]),
  );
  const requests = fresh.map((arrival): NotifyRequest => {
    const line = lines.get(arrival.lineId)!;
    const eu = EU_EEA.has(arrival.country);
    const language = languages.get(line.partyId) ?? 'fr';
    const terms = roamingTerms.get(`${line.plan}\u001f${eu ? 'data_eu' : 'data_world'}`);
    const params = eu
      ? { country: countryName(arrival.country, language), allowance: terms?.allowance == null ? '-' : allowanceText(Number(terms.allowance)) }
      : { country: countryName(arrival.country, language), dataPrice: terms ? dataPriceText(Number(terms.block_units), Number(terms.block_price_cents), language) : '-' };
    return {
      class: 'alert', templateKey: eu ? 'usage.roaming-eu' : 'usage.roaming-world', customerId: line.partyId, channel: 'sms', to: line.msisdn, refType: 'line', refId: arrival.lineId,
      occasion: `${arrival.periodStart}:${arrival.country}:${arrival.at}`, params,
    };
  });
  // A number that cannot take an SMS, a template removed: that message is refused, the others leave.
  return (await notifyMany(db, requests, now)).filter((sent) => !(sent instanceof DomainError) && sent.created).length;
}

/** An amount of money as the limit's messages say it ("50 EUR", "75.50 EUR"). */
export function euroText(cents: number): string {
  return `${cents % 100 === 0 ? cents / 100 : (cents / 100).toFixed(2)} EUR`;
}

/** A counter change's alert: its template and the values of its placeholders. */
interface Alert {
  templateKey: string;
  params: Record<string, string | number>;
  /** data roaming stopped at the spending limit with this alert */
  stopsRoaming?: true;
}

/**
 * The alert a counter's change calls for, if any (docs/self-service.md, "Alerts"):
 * - data at home: 80% and 100% of the allowance;
 * - data roaming in the EU/EEA: the fair-use volume used up (beyond it, the plan's surcharge);
 * - data roaming elsewhere: 80% and 100% of the line's spending limit (default 50 EUR excl. VAT), the
 *   out-of-bundle amount of the bucket counted against it, unless the customer chose to go on past
 *   it; at 100%, data roaming stops for the rest of the period.
 */
export function alertOf(change: CounterChange, line: AlertLine, language: keyof typeof LOCALES): Alert | undefined {
  const periodEndsAt = dayStart(periodEnd(change.periodStart)) + 12 * 3_600_000;
  if (change.bucket === 'data_national' && change.allowance !== null) {
    const threshold = passedThreshold(change.before, change.used, change.allowance);
    return threshold === undefined ? undefined : { templateKey: `usage.data-${threshold}`, params: { allowance: allowanceText(change.allowance), periodEnd: periodEndsAt } };
  }
  if (change.bucket === 'data_eu' && change.allowance !== null) {
    if (passedThreshold(change.before, change.used, change.allowance) !== 100) return undefined;
    return {
      templateKey: 'usage.fair-use-100',
      params: { allowance: allowanceText(change.allowance), periodEnd: periodEndsAt, dataPrice: dataPriceText(change.blockUnits, change.blockPriceCents, language) },
    };
  }
  if (change.bucket === 'data_world' && !line.roamingLimitOff && line.roamingLimitCents > 0) {
    const spent = (used: number) => chargedCents(used, change);
    const threshold = passedThreshold(spent(change.before), spent(change.used), line.roamingLimitCents);
    if (threshold === undefined) return undefined;
    return { templateKey: `usage.roaming-limit-${threshold}`, params: { limit: euroText(line.roamingLimitCents), periodEnd: periodEndsAt }, ...(threshold === 100 ? { stopsRoaming: true as const } : {}) };
  }
  return undefined;
}

/**
 * Writes the alerts of these changes in the caller's transaction: they leave if and only if the counts
 * commit. Once per period and alert (the notification's occasion is the period). Class `alert`: at any
 * hour, within the per-number cap of automatic SMS. A line stopped at its roaming limit is marked so
 * in the same transaction (the network's data stop reads it).
 */
export async function alertCrossings(db: Kysely<Database>, changes: readonly CounterChange[], lines: ReadonlyMap<string, AlertLine>, now: number): Promise<number> {
  const languages = new Map<string, keyof typeof LOCALES>();
  const languageOf = async (partyId: string) => {
    if (!languages.has(partyId)) {
      const party = await db.selectFrom('parties').select('preferred_language').where('id', '=', partyId).executeTakeFirst();
      languages.set(partyId, party?.preferred_language ?? 'fr');
    }
    return languages.get(partyId)!;
  };
  const requests: NotifyRequest[] = [];
  for (const change of changes) {
    const line = lines.get(change.lineId);
    if (!line || line.kind !== 'mobile' || !ALERTED_BUCKETS.has(change.bucket)) continue;
    // the customer's language only for an alert whose values are worded (the fair-use surcharge)
    const alert = alertOf(change, line, change.bucket === 'data_eu' ? await languageOf(line.partyId) : 'fr');
    if (!alert) continue;
    if (alert.stopsRoaming) {
      await db.updateTable('lines').set({ roaming_stopped_period: change.periodStart, roaming_stopped_at: now }).where('id', '=', change.lineId).execute();
    }
    requests.push({ class: 'alert', templateKey: alert.templateKey, customerId: line.partyId, channel: 'sms', to: line.msisdn, refType: 'line', refId: change.lineId, occasion: String(change.periodStart), params: alert.params });
  }
  // A number that cannot take an SMS, a template removed: refused before anything was written for it,
  // and no reason to refuse the counts with it (nor the other alerts).
  return (await notifyMany(db, requests, now)).filter((sent) => !(sent instanceof DomainError) && sent.created).length;
}

const ALERTED_BUCKETS: ReadonlySet<string> = new Set(['data_national', 'data_eu', 'data_world']);
