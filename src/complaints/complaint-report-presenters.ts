import type { ComplaintReportResult } from '../contract/complaint-report.js';
import { formatDay } from '../shared/calendar.js';
import type { ComplaintReport, ComplaintReportRow, Share } from './complaint-report.js';

const share = (s: Share) => ({ successes: s.successes, n: s.n, rate: s.interval?.rate ?? null, low: s.interval?.low ?? null, high: s.interval?.high ?? null });

/** A row of the report as the API, the CLI's JSON and CSV give it. */
export function presentReportRow(row: ComplaintReportRow, customers: number): ComplaintReportResult['rows'][number] {
  return {
    period: row.period.label,
    periodStart: formatDay(row.period.start),
    periodEnd: formatDay(row.period.end),
    group: row.group,
    label: row.label,
    received: row.received,
    customers,
    perThousandCustomersPerMonth: row.perThousandCustomersPerMonth,
    acknowledgedOnTime: share(row.acknowledgedOnTime),
    answeredOnTime: share(row.answeredOnTime),
    timeToAcknowledge: row.timeToAcknowledge,
    timeToAnswer: row.timeToAnswer,
    reopened: share(row.reopened),
    firstContactResolution: share(row.firstContactResolution),
    rejected: share(row.rejected),
    satisfaction: {
      n: row.satisfaction.n, promoters: row.satisfaction.promoters, passives: row.satisfaction.passives, detractors: row.satisfaction.detractors,
      nps: row.satisfaction.nps, ciLow: row.satisfaction.ciLow, ciHigh: row.satisfaction.ciHigh, reliable: row.satisfaction.reliable,
    },
  };
}

export function presentReport(report: ComplaintReport): ComplaintReportResult {
  const q = report.query;
  return {
    from: formatDay(q.from), to: formatDay(q.to), by: q.by, interval: q.interval, teamId: q.teamId ?? null,
    rows: report.rows.map((r) => presentReportRow(r, report.customers[r.period.label] ?? 0)),
  };
}

/** Flat columns for CSV and the terminal table. */
export const REPORT_COLUMNS = [
  'period', 'group', 'label', 'received', 'per_1000_customers_month', 'ack_on_time', 'ack_on_time_low', 'ack_on_time_high', 'answer_on_time', 'answer_on_time_low',
  'answer_on_time_high', 'ack_median_business_h', 'ack_p90_business_h', 'ack_median_calendar_h', 'answer_median_business_h', 'answer_p90_business_h',
  'answer_median_calendar_h', 'answer_p90_calendar_h', 'reopen_rate', 'fcr_rate', 'rejected_rate', 'satisfaction_answers', 'satisfaction_nps',
  'satisfaction_nps_low', 'satisfaction_nps_high',
] as const;

const pct = (v: number | null) => (v === null ? '' : String(Math.round(v * 1000) / 1000));
const num = (v: number | null) => (v === null ? '' : String(v));
const points = (v: number | null) => (v === null ? '' : String(Math.round(v * 10) / 10));

/** A row of the report as flat cells (rates between 0 and 1, durations in hours). */
export function flatRow(row: ComplaintReportResult['rows'][number]): Record<(typeof REPORT_COLUMNS)[number], string> {
  return {
    period: row.period, group: row.group, label: row.label, received: String(row.received), per_1000_customers_month: num(row.perThousandCustomersPerMonth),
    ack_on_time: pct(row.acknowledgedOnTime.rate), ack_on_time_low: pct(row.acknowledgedOnTime.low), ack_on_time_high: pct(row.acknowledgedOnTime.high),
    answer_on_time: pct(row.answeredOnTime.rate), answer_on_time_low: pct(row.answeredOnTime.low), answer_on_time_high: pct(row.answeredOnTime.high),
    ack_median_business_h: num(row.timeToAcknowledge.business.medianHours), ack_p90_business_h: num(row.timeToAcknowledge.business.p90Hours),
    ack_median_calendar_h: num(row.timeToAcknowledge.calendar.medianHours),
    answer_median_business_h: num(row.timeToAnswer.business.medianHours), answer_p90_business_h: num(row.timeToAnswer.business.p90Hours),
    answer_median_calendar_h: num(row.timeToAnswer.calendar.medianHours), answer_p90_calendar_h: num(row.timeToAnswer.calendar.p90Hours),
    reopen_rate: pct(row.reopened.rate), fcr_rate: pct(row.firstContactResolution.rate), rejected_rate: pct(row.rejected.rate),
    satisfaction_answers: String(row.satisfaction.n), satisfaction_nps: points(row.satisfaction.nps), satisfaction_nps_low: points(row.satisfaction.ciLow),
    satisfaction_nps_high: points(row.satisfaction.ciHigh),
  };
}
