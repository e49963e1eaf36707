import type { CauseChartResult, CauseItemsPage, ChartFlag, CustomerRecurrences, ParetoResult, RecurrenceResult } from '../contract/analysis.js';
import type { ChartFlag as Flag } from '../shared/control-chart.js';
import { formatDay } from '../shared/calendar.js';
import { toCsv } from '../shared/csv-export.js';
import type { AnalysisFilters } from './analysis-query.js';
import type { CauseChart } from './cause-chart.js';
import type { CauseShown } from './cause-labels.js';
import type { CauseItem } from './cause-items.js';
import type { Pareto, ParetoMeasures } from './pareto.js';
import type { CustomerRecurrence, RecurrenceTable } from './recurrence.js';

const iso = (ms: number) => new Date(ms).toISOString();

const shown = (s: CauseShown): CauseShown => ({
  cause: { code: s.cause.code, label: s.cause.label, path: [...s.cause.path] },
  department: s.department === null ? null : { code: s.department.code, label: s.department.label },
});

const filters = (f: AnalysisFilters) => ({ ...f });

const measures = (m: ParetoMeasures): ParetoResult['totals'] => ({
  complaints: m.complaints, detractors: m.detractors, repeatContacts: m.repeatContacts, total: m.total, recurrences: m.recurrences,
  disputedCents: m.disputedCents, refundedCents: m.refundedCents, extraContacts: m.extraContacts, complaintsPerThousandCustomers: m.complaintsPerThousandCustomers,
});

export function presentPareto(p: Pareto): ParetoResult {
  return {
    from: formatDay(p.query.from), to: formatDay(p.query.to), level: p.query.level ?? null, sort: p.query.sort, filters: filters(p.query.filters), source: p.source,
    base: { customers: p.base.customers, at: iso(p.base.at) },
    rows: p.rows.map((r) => ({ ...shown(r), ...measures(r), share: r.share, cumulativeShare: r.cumulativeShare })),
    totals: measures(p.totals),
  };
}

/** A share (0…1) as a CSV cell: four decimals, empty when there is none. */
const fraction = (value: number | null, digits = 4) => (value === null ? '' : value.toFixed(digits));

/** The Pareto's rows as CSV: one line per cause, its labels, counts, shares, costs and rate. */
export function paretoCsv(p: Pareto): string {
  return toCsv(
    p.rows.map((r) => ({
      cause: r.cause.code, label: r.cause.label, department: r.department?.label ?? '', complaints: r.complaints, detractors: r.detractors, repeatContacts: r.repeatContacts,
      total: r.total, share: fraction(r.share), cumulativeShare: fraction(r.cumulativeShare), disputedCents: r.disputedCents, refundedCents: r.refundedCents,
      extraContacts: r.extraContacts, recurrences: r.recurrences, complaintsPerThousandCustomers: fraction(r.complaintsPerThousandCustomers, 3), customers: p.base.customers,
    })),
    ['cause', 'label', 'department', 'complaints', 'detractors', 'repeatContacts', 'total', 'share', 'cumulativeShare', 'disputedCents', 'refundedCents', 'extraContacts', 'recurrences', 'complaintsPerThousandCustomers', 'customers'],
  );
}

export function presentItems(page: { items: CauseItem[]; next: string | null }): CauseItemsPage {
  return {
    items: page.items.map((i) => ({
      kind: i.kind, id: i.id, reference: i.reference, category: i.category, channel: i.channel, occurredAt: iso(i.occurredAt), causeCode: i.causeCode,
      text: i.text, customerCause: i.customerCause,
    })),
    next: page.next,
  };
}

const recurrenceFigures = (r: RecurrenceTable['totals']): RecurrenceResult['totals'] => ({
  codings: r.codings, recurrent: r.recurrent, share: r.share, customers: r.customers, customersWithRecurrence: r.customersWithRecurrence,
});

export function presentRecurrence(t: RecurrenceTable): RecurrenceResult {
  return {
    from: formatDay(t.query.from), to: formatDay(t.query.to), windowDays: t.query.windowDays, filters: filters(t.query.filters),
    rows: t.rows.map((r) => ({ ...shown(r), ...recurrenceFigures(r) })),
    totals: recurrenceFigures(t.totals),
  };
}

/** The recurrence table as CSV: one line per cause. */
export function recurrenceCsv(t: RecurrenceTable): string {
  return toCsv(
    t.rows.map((r) => ({
      cause: r.cause.code, label: r.cause.label, department: r.department?.label ?? '', codings: r.codings, recurrent: r.recurrent, share: fraction(r.share),
      customers: r.customers, customersWithRecurrence: r.customersWithRecurrence, windowDays: t.query.windowDays,
    })),
    ['cause', 'label', 'department', 'codings', 'recurrent', 'share', 'customers', 'customersWithRecurrence', 'windowDays'],
  );
}

export function presentCustomerRecurrences(r: { windowDays: number; since: number; items: CustomerRecurrence[] }): CustomerRecurrences {
  return {
    windowDays: r.windowDays,
    since: iso(r.since),
    items: r.items.map((i) => ({
      ...shown(i),
      subjects: i.subjects.map((s) => ({ kind: s.kind, id: s.id, reference: s.reference, occurredAt: iso(s.occurredAt), channel: s.channel })),
    })),
  };
}

const flag = (f: Flag): ChartFlag =>
  f.code === 'trend' ? { code: f.code, direction: f.direction, length: f.length } : f.code === 'run' ? { code: f.code, side: f.side, length: f.length } : { code: f.code, side: f.side };

export function presentChart(c: CauseChart): CauseChartResult {
  return {
    ...shown(c),
    from: formatDay(c.query.from), to: formatDay(c.query.to), interval: c.query.interval, measure: c.query.measure, filters: filters(c.query.filters), source: c.source,
    kind: 'u', centre: c.centre, baseline: c.baseline,
    points: c.points.map((p) => ({
      period: p.period, start: formatDay(p.start), end: formatDay(p.end), count: p.count, customers: p.customers, value: p.value, lcl: p.lcl, ucl: p.ucl,
      sigmas: p.sigmas, flags: p.flags.map(flag),
    })),
  };
}

const number = (value: number | null) => (value === null ? '' : value.toFixed(4));
const flagText = (f: Flag) => (f.code === 'trend' ? `trend:${f.direction}:${f.length}` : f.code === 'run' ? `run:${f.side}:${f.length}` : `beyond-limits:${f.side}`);

/** The chart as CSV: one line per period, its count, base, value, centre, limits and flags (`code:side|direction[:length]`, `;` between). */
export function chartCsv(c: CauseChart): string {
  return toCsv(
    c.points.map((p) => ({
      cause: c.cause.code, period: p.period, start: formatDay(p.start), end: formatDay(p.end), count: p.count, customers: p.customers, value: number(p.value),
      centre: number(c.centre), lcl: number(p.lcl), ucl: number(p.ucl), sigmas: number(p.sigmas), flags: p.flags.map(flagText).join(';'),
    })),
    ['cause', 'period', 'start', 'end', 'count', 'customers', 'value', 'centre', 'lcl', 'ucl', 'sigmas', 'flags'],
  );
}
