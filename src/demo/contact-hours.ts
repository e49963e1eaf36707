import type { Channel } from '../storage/schema.js';
import { DAY_MS, HOUR_MS, luxembourgOffset } from './calendar.js';
import { Weighted, type Random } from './random.js';

/** The months the demo generates contacts in. */
export interface ContactPeriod {
  start: number;
  now: number;
}

const WEEKDAY_SUNDAY = 0;

/** Hours (local) at which contacts start, per channel, with relative weights. */
const HOURS: Record<Channel, Weighted<number>> = {
  phone: hours([[8, 4], [9, 9], [10, 10], [11, 9], [12, 6], [13, 6], [14, 8], [15, 8], [16, 7], [17, 6], [18, 4], [19, 2]]),
  shop: hours([[9, 3], [10, 6], [11, 8], [12, 8], [13, 8], [14, 9], [15, 9], [16, 9], [17, 7]]),
  chat: hours([[8, 3], [9, 6], [10, 7], [11, 7], [12, 6], [13, 6], [14, 7], [15, 7], [16, 7], [17, 6], [18, 6], [19, 5], [20, 4], [21, 3]]),
  email: hours(Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 1 : h < 22 ? 6 : 2] as const)),
  app: hours(Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 1 : h < 18 ? 5 : 8] as const)),
  web: hours(Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 1 : h < 18 ? 5 : 7] as const)),
  social: hours(Array.from({ length: 24 }, (_, h) => [h, h < 8 ? 1 : 5] as const)),
};
/** Channels with opening hours: closed on Sundays. */
const STAFFED_HOURS_ONLY: ReadonlySet<Channel> = new Set(['phone', 'shop', 'chat']);

function hours(entries: readonly (readonly [number, number])[]) {
  return new Weighted(entries);
}

/** A start time in the period, on a day and at an hour the channel is used. */
export function randomStart(rng: Random, channel: Channel, period: ContactPeriod): number {
  const at = period.start + Math.floor(rng.next() * (period.now - period.start));
  return alignToHours(rng, channel, at, period);
}

/** Moves an instant to a plausible local hour of the same day (Saturday instead of Sunday for staffed channels). */
export function alignToHours(rng: Random, channel: Channel, at: number, period: ContactPeriod): number {
  const offset = luxembourgOffset(at);
  let localDay = Math.floor((at + offset) / DAY_MS) * DAY_MS;
  if (STAFFED_HOURS_ONLY.has(channel) && (Math.floor(localDay / DAY_MS) + 4) % 7 === WEEKDAY_SUNDAY) localDay -= DAY_MS;
  const local = localDay + HOURS[channel].pick(rng) * HOUR_MS + rng.int(HOUR_MS);
  let utc = local - luxembourgOffset(local - offset);
  if (utc > period.now) utc -= DAY_MS;
  if (utc < period.start) utc += DAY_MS;
  return Math.min(utc, period.now);
}

/** How long a contact on the channel lasts, in seconds. */
export function durationSeconds(rng: Random, channel: Channel): number {
  const x = rng.next();
  switch (channel) {
    case 'phone': return 60 + Math.floor(x * x * 1200 + rng.next() * 120);
    case 'shop': return 300 + Math.floor(x * 1800);
    case 'chat': return 180 + Math.floor(x * 1200);
    case 'email': return 120 + Math.floor(x * 600);
    case 'social': return 60 + Math.floor(x * 600);
    default: return 30 + Math.floor(x * 300);
  }
}
