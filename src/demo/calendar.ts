/** Local time in Luxembourg (CET/CEST) without a time-zone library: the EU summer-time rule. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const summerByYear = new Map<number, [start: number, end: number]>();

/** Last Sunday of a month at 01:00 UTC (EU clock change instant). */
function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Offset of Luxembourg time from UTC at an instant, in ms (1 h in winter, 2 h in summer). */
export function luxembourgOffset(utc: number): number {
  const year = new Date(utc).getUTCFullYear();
  let summer = summerByYear.get(year);
  if (!summer) {
    summer = [lastSunday(year, 2), lastSunday(year, 9)];
    summerByYear.set(year, summer);
  }
  return utc >= summer[0] && utc < summer[1] ? 2 * HOUR_MS : HOUR_MS;
}

/** The instant `months` calendar months before `now`. */
export function monthsBefore(now: number, months: number): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}
