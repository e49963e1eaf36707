// The operator's calendar, for the console's charts and filters: the same days, weeks and periods as the server's figures.
export { bucketsOf, formatDay, INTERVALS, parseDay, periodCount, periodOf, type Bucket, type Interval } from '../shared/calendar.js';

/** Most periods one NPS report has (GET /nps, /nps/topics): more is refused with the problem `too-many-periods`. */
export const MAX_REPORT_PERIODS = 1_000;
