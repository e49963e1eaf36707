const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Luxembourg', hour: '2-digit', hourCycle: 'h23' });

/** Midnight at the start of `day` (YYYY-MM-DD) in Luxembourg, as an ISO 8601 instant. */
export function luxembourgMidnight(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  // Midnight in Luxembourg is 23:00 UTC the day before in winter, 22:00 UTC in summer.
  let instant = Date.UTC(year!, month! - 1, date!) - 3_600_000;
  if (Number(hourFormat.format(instant)) !== 0) instant -= 3_600_000;
  return new Date(instant).toISOString();
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, date! + 1)).toISOString().slice(0, 10);
}
