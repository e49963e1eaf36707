/**
 * Date-times of imported files: ISO 8601 with a UTC offset, or local wall-clock time of the
 * operator's time zone (Europe/Luxembourg) without one, converted with the offset in force then
 * (CET +01:00 in winter, CEST +02:00 in summer).
 *
 * Around the clock changes:
 * - a local time that does not exist (spring forward, e.g. 2026-03-29 02:30) is refused;
 * - a local time that happens twice (fall back, e.g. 2026-10-25 02:30) is read as the first of the
 *   two (summer time, +02:00); write the offset to mean the second one.
 */

export const OPERATOR_TIME_ZONE = 'Europe/Luxembourg';

const HOUR_MS = 3_600_000;

export type TimeParse = { ok: true; ms: number } | { ok: false; reason: string };

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** UTC offset (ms) of each zone per UTC hour: every offset change in use today falls on a whole UTC hour. */
const offsetCache = new Map<string, Map<number, number>>();

/** The offset from UTC (ms, east positive) of `timeZone` at the instant `utcMs`. */
export function offsetAt(utcMs: number, timeZone: string = OPERATOR_TIME_ZONE): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const hour = Math.floor(utcMs / HOUR_MS);
  const cached = cache.get(hour);
  if (cached !== undefined) return cached;
  if (cache.size > 100_000) cache.clear();
  const offset = hourOffset(cache, hour, timeZone);
  // At most one offset change per day (localInstants relies on it too): when the first and last hours
  // of the UTC day have this offset, every hour between them has it, and one look-up serves the day.
  const first = Math.floor(hour / 24) * 24;
  if (hourOffset(cache, first, timeZone) === offset && hourOffset(cache, first + 23, timeZone) === offset) {
    for (let h = first + 1; h < first + 23; h++) cache.set(h, offset);
  }
  return offset;
}

/** The offset of a UTC hour, from the cache or asked of Intl (and kept). */
function hourOffset(cache: Map<number, number>, hour: number, timeZone: string): number {
  const cached = cache.get(hour);
  if (cached !== undefined) return cached;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const at = hour * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = wall - at;
  cache.set(hour, offset);
  return offset;
}

/**
 * The instants at which the wall-clock time `localMs` (the local fields read as if they were UTC)
 * occurs in `timeZone`: one normally, none in a spring-forward gap, two in a fall-back overlap.
 */
export function localInstants(localMs: number, timeZone: string = OPERATOR_TIME_ZONE): number[] {
  // At most one offset change per day: the offsets half a day either side are the only candidates.
  const candidates = new Set([offsetAt(localMs - 14 * HOUR_MS, timeZone), offsetAt(localMs + 14 * HOUR_MS, timeZone)]);
  const instants: number[] = [];
  for (const offset of candidates) {
    const utc = localMs - offset;
    if (offsetAt(utc, timeZone) === offset) instants.push(utc);
  }
  return instants.sort((a, b) => a - b);
}

const pad = (n: number) => String(n).padStart(2, '0');

function formatOffset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * Reads `2026-03-29T10:15:00+02:00`, `2026-03-29T08:15:00Z`, or local `2026-03-29 10:15[:00]`
 * (`T` or a space between date and time; seconds and fractions optional) as epoch milliseconds.
 */
export function parseDateTime(value: string, timeZone: string = OPERATOR_TIME_ZONE): TimeParse {
  const m = PATTERN.exec(value.trim());
  const expected = `expected ISO 8601 such as 2026-03-29T10:15:00+02:00, or local Luxembourg time such as 2026-03-29 10:15`;
  if (!m) return { ok: false, reason: `"${value}" is not a date and time (${expected})` };
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `"${value}" is not a valid date and time (${expected})` };
  }
  const localMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(localMs).getUTCDate() !== day) {
    return { ok: false, reason: `"${value}" is not a valid date: ${year}-${pad(month)} has no day ${day}` };
  }
  const zone = m[8];
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') return { ok: true, ms: localMs };
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMinutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (offsetHours > 14 || offsetMinutes > 59) return { ok: false, reason: `"${value}" has an invalid UTC offset ${zone}` };
    return { ok: true, ms: localMs - sign * (offsetHours * HOUR_MS + offsetMinutes * 60_000) };
  }
  const instants = localInstants(localMs, timeZone);
  const first = instants[0];
  if (first === undefined) {
    const before = offsetAt(localMs - 14 * HOUR_MS, timeZone);
    const after = offsetAt(localMs + 14 * HOUR_MS, timeZone);
    return {
      ok: false,
      reason: `"${value}" does not exist in ${timeZone} time: the clocks moved forward by ${Math.round((after - before) / 60_000)} minutes that night (UTC ${formatOffset(before)} to ${formatOffset(after)}); write the time with its UTC offset`,
    };
  }
  return { ok: true, ms: first };
}
