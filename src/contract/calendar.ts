// The operator's calendar, for the console's charts and filters: the same days, weeks and periods as the server's figures.
export { bucketsOf, formatDay, INTERVALS, parseDay, periodOf, type Bucket, type Interval } from '../shared/calendar.js';
