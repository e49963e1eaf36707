import { addDays, localDay } from '../shared/calendar.js';
import type { UsageBucket, UsageType } from '../storage/schema.js';

/**
 * Where a usage event counts (docs/self-service.md, "Counters"): data at home, data roaming in the
 * EU/EEA ("roam like at home", Regulation (EU) 2022/612, under the plan's fair-use limit), data
 * elsewhere; voice and SMS in one bucket each. The billing period is the account's: from its billing
 * day of one month to the day before it the next month, in Europe/Luxembourg.
 */

export const USAGE_TYPES: readonly UsageType[] = ['data', 'voice', 'sms'];
export const USAGE_BUCKETS: readonly UsageBucket[] = ['data_national', 'data_eu', 'data_world', 'voice', 'sms'];

/** The operator's country: data used here is national. */
export const HOME_COUNTRY = 'LU';

/** The EU member states and the EEA countries where roaming is charged as at home (Regulation (EU) 2022/612). */
export const EU_EEA: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT',
  'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

/** Every ISO 3166-1 alpha-2 code in use (the countries a line can roam in). */
const ISO_COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL ' +
    'CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT ' +
    'GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
    'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN ' +
    'PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT ' +
    'TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

export function isCountryCode(value: string): boolean {
  return ISO_COUNTRIES.has(value);
}

/** The bucket an event of this type used in this country counts in. */
export function bucketOf(type: UsageType, country: string): UsageBucket {
  if (type === 'voice') return 'voice';
  if (type === 'sms') return 'sms';
  if (country === HOME_COUNTRY) return 'data_national';
  return EU_EEA.has(country) ? 'data_eu' : 'data_world';
}

/** The unit of a bucket's quantities. */
export function unitOf(bucket: UsageBucket): 'bytes' | 'seconds' | 'messages' {
  return bucket === 'voice' ? 'seconds' : bucket === 'sms' ? 'messages' : 'bytes';
}

/**
 * The out-of-bundle amount of a bucket that has counted `used` units: each started block beyond the
 * allowance costs its price (none within it, none when unlimited). It depends on the total only, so
 * events counted in any order give the same amount.
 */
export function chargedCents(used: number, terms: { allowance: number | null; blockUnits: number; blockPriceCents: number }): number {
  if (terms.allowance === null || used <= terms.allowance) return 0;
  return Math.ceil((used - terms.allowance) / terms.blockUnits) * terms.blockPriceCents;
}

/** The first day (yyyymmdd) of the billing period starting on `billingDay` (1–28) that contains `day`. */
export function periodStartOfDay(day: number, billingDay: number): number {
  const year = Math.floor(day / 10_000);
  const month = Math.floor(day / 100) % 100;
  if (day % 100 >= billingDay) return year * 10_000 + month * 100 + billingDay;
  return month === 1 ? (year - 1) * 10_000 + 1200 + billingDay : year * 10_000 + (month - 1) * 100 + billingDay;
}

/** The billing period an instant falls in (its local day in Europe/Luxembourg). */
export function periodStartAt(at: number, billingDay: number): number {
  return periodStartOfDay(localDay(at), billingDay);
}

/** The last day of the billing period that starts on `start`: the day before the same day a month later. */
export function periodEnd(start: number): number {
  const year = Math.floor(start / 10_000);
  const month = Math.floor(start / 100) % 100;
  const next = month === 12 ? (year + 1) * 10_000 + 100 + (start % 100) : year * 10_000 + (month + 1) * 100 + (start % 100);
  return addDays(next, -1);
}
