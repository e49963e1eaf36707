import type { Kysely } from 'kysely';
import { complaintReport } from '../complaints/complaint-report.js';
import { REVIEW_DIMENSIONS, type ReviewComplaints, type ReviewDimension, type ReviewExternalStudy, type ReviewNps, type ReviewOverdue, type ReviewShare } from '../contract/review.js';
import { npsReport, type ReportRow } from '../nps/nps-report.js';
import { isBusinessDay } from '../shared/business-calendar.js';
import { addDays, formatDay, localDay } from '../shared/calendar.js';
import type { LabelLanguage } from '../shared/languages.js';
import { wilsonInterval } from '../shared/proportions.js';
import type { Database } from '../storage/schema.js';
import { listStudies } from '../studies/study-service.js';

/**
 * The figures of the monthly review (docs/improvement.md, "The monthly review") that come from the
 * other reports, read as those reports read them so that the pack and the API agree: the NPS of the
 * month with its interval, its change and the groups that moved (src/nps), the complaints of the
 * month (src/complaints/complaint-report.ts), the cases overdue, the external studies.
 */

/** A month YYYY-MM as its first and last day (yyyymmdd). */
export function monthDays(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = y * 10_000 + m * 100 + 1;
  const next = m === 12 ? (y + 1) * 10_000 + 101 : y * 10_000 + (m + 1) * 100 + 1;
  return { from, to: addDays(next, -1) };
}

/** The month `n` months before `month`. */
export function monthBefore(month: string, n = 1): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const monthOf = (period: string) => period.slice(0, 7);

/** Of a period's rows (one per basis), the one with the most responses: the figure of the period. */
function mainRow(rows: readonly ReportRow[]): ReportRow | undefined {
  return [...rows].sort((a, b) => b.responses - a.responses)[0];
}

/** Points to two decimals, as `GET /nps` gives them. */
const points = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);

const figures = (month: string, row: ReportRow | undefined) => ({
  month,
  value: points(row?.nps),
  low: points(row?.ciLow),
  high: points(row?.ciHigh),
  responses: row?.responses ?? 0,
  promoters: row?.promoters ?? 0,
  passives: row?.passives ?? 0,
  detractors: row?.detractors ?? 0,
  reliable: row?.reliable ?? false,
});

/**
 * The NPS of the month and the 12 before it (the aggregates, as `GET /nps` reads them), its change
 * from the previous month, and the groups of each review dimension whose NPS changed significantly
 * (never per advisor), largest moves first.
 */
export async function reviewNps(db: Kysely<Database>, month: string, language: LabelLanguage, minResponses: number): Promise<ReviewNps> {
  const { from, to } = monthDays(month);
  const first = monthDays(monthBefore(month, 12)).from;
  const trend = await npsReport(db, { from: first, to, interval: 'month', groupBy: [], filters: {}, minResponses });
  const byMonth = new Map<string, ReportRow[]>();
  for (const row of trend.rows) byMonth.set(monthOf(row.start), [...(byMonth.get(monthOf(row.start)) ?? []), row]);
  const months = Array.from({ length: 13 }, (_, i) => monthBefore(month, 12 - i));
  const current = mainRow(byMonth.get(month) ?? []);
  const previousMonth = monthBefore(month);
  const previous = mainRow(byMonth.get(previousMonth) ?? []);

  const changes: ReviewNps['significantChanges'] = [];
  for (const dimension of REVIEW_DIMENSIONS) {
    const report = await npsReport(db, { from, to, interval: 'month', groupBy: [dimension], filters: {}, minResponses });
    const labels = await groupLabels(db, dimension, language);
    for (const row of report.rows) {
      const key = row.group[dimension] ?? '';
      if (!row.change?.significant || row.nps === null || row.previous?.nps === null || row.previous === null || key === '') continue;
      changes.push({
        dimension, key, label: labels.get(key) ?? key, value: points(row.nps)!, previousValue: points(row.previous.nps)!, difference: points(row.change.difference)!,
        pValue: Math.round(row.change.pValue * 10_000) / 10_000,
      });
    }
  }
  changes.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.dimension.localeCompare(b.dimension) || a.key.localeCompare(b.key));
  return {
    current: figures(month, current),
    previous: previous ? figures(previousMonth, previous) : null,
    change: current?.change && current.previous?.period && monthOf(current.previous.period) === previousMonth
      ? { difference: points(current.change.difference)!, pValue: Math.round(current.change.pValue * 10_000) / 10_000, significant: current.change.significant }
      : null,
    trend: months.map((m) => {
      const row = mainRow(byMonth.get(m) ?? []);
      return { month: m, value: points(row?.nps), low: points(row?.ciLow), high: points(row?.ciHigh), responses: row?.responses ?? 0 };
    }),
    significantChanges: changes,
  };
}

const VOCABULARY: Record<'channel' | 'segment' | 'language', Record<string, Record<LabelLanguage, string>>> = {
  channel: {
    phone: { fr: 'Téléphone', de: 'Telefon', en: 'Phone' }, shop: { fr: 'Boutique', de: 'Shop', en: 'Shop' }, email: { fr: 'E-mail', de: 'E-Mail', en: 'E-mail' },
    chat: { fr: 'Chat', de: 'Chat', en: 'Chat' }, app: { fr: 'Application', de: 'App', en: 'App' }, web: { fr: 'Site web', de: 'Website', en: 'Website' },
    social: { fr: 'Réseaux sociaux', de: 'Soziale Medien', en: 'Social media' }, letter: { fr: 'Courrier', de: 'Brief', en: 'Letter' },
  },
  segment: { residential: { fr: 'Particuliers', de: 'Privatkunden', en: 'Residential' }, business: { fr: 'Entreprises', de: 'Geschäftskunden', en: 'Business' } },
  language: {
    fr: { fr: 'Français', de: 'Französisch', en: 'French' }, de: { fr: 'Allemand', de: 'Deutsch', en: 'German' }, en: { fr: 'Anglais', de: 'Englisch', en: 'English' },
    lb: { fr: 'Luxembourgeois', de: 'Luxemburgisch', en: 'Luxembourgish' }, pt: { fr: 'Portugais', de: 'Portugiesisch', en: 'Portuguese' },
  },
};

/** The names of a dimension's groups in `language`: teams and sites by name, reasons by label, the rest from the vocabulary. */
async function groupLabels(db: Kysely<Database>, dimension: ReviewDimension, language: LabelLanguage): Promise<Map<string, string>> {
  if (dimension === 'team') return new Map((await db.selectFrom('teams').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));
  if (dimension === 'site') return new Map((await db.selectFrom('sites').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));
  if (dimension === 'reason') {
    const rows = await db.selectFrom('reasons').select(['code', 'label_fr', 'label_de', 'label_en']).execute();
    return new Map(rows.map((r) => [r.code, language === 'de' ? r.label_de : language === 'en' ? r.label_en : r.label_fr]));
  }
  return new Map(Object.entries(VOCABULARY[dimension]).map(([code, labels]) => [code, labels[language]]));
}

const share = (count: number, of: number): ReviewShare => {
  const interval = of > 0 ? wilsonInterval(count, of) : null;
  return { count, of, rate: of > 0 ? count / of : null, low: interval?.low ?? null, high: interval?.high ?? null };
};

/** The complaints of the month as the complaints report counts them (by category), totalled. */
export async function reviewComplaints(db: Kysely<Database>, month: string, language: LabelLanguage): Promise<{ complaints: ReviewComplaints; customers: number }> {
  const { from, to } = monthDays(month);
  const report = await complaintReport(db, { from, to, by: 'category', interval: 'month', lang: language });
  const rows = report.rows;
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const received = sum((r) => r.received);
  const customers = Object.values(report.customers)[0] ?? 0;
  return {
    customers,
    complaints: {
      received,
      answered: sum((r) => r.answeredOnTime.n),
      answeredOnTime: share(sum((r) => r.answeredOnTime.successes), sum((r) => r.answeredOnTime.n)),
      acknowledgedOnTime: share(sum((r) => r.acknowledgedOnTime.successes), sum((r) => r.acknowledgedOnTime.n)),
      reopened: sum((r) => r.reopened.successes),
      ratePerThousand: customers > 0 ? (1000 * received) / customers : null,
      byCategory: rows
        .filter((r) => r.received > 0)
        .map((r) => ({ code: r.group, label: r.label, received: r.received }))
        .sort((a, b) => b.received - a.received || a.code.localeCompare(b.code)),
    },
  };
}

/** Business days from a deadline's day to `now`'s, the deadline's day not counted. */
export function businessDaysLate(dueAt: number, now: number): number {
  let days = 0;
  for (let day = addDays(localDay(dueAt), 1), last = localDay(now); day <= last; day = addDays(day, 1)) if (isBusinessDay(day)) days++;
  return days;
}

/** The complaints and follow-ups overdue at `now` (open, their clock running, past their deadline), and the ten most overdue. */
export async function reviewOverdue(db: Kysely<Database>, now: number, language: LabelLanguage): Promise<ReviewOverdue> {
  const overdue = db
    .selectFrom('cases')
    .where('closed_at', 'is', null)
    .where('due_at', '<', now)
    .where('paused_at', 'is', null)
    .where('kind', 'in', ['complaint', 'followup']);
  const counts = await overdue.select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('kind').execute();
  const count = (kind: string) => Number(counts.find((c) => c.kind === kind)?.n ?? 0);
  const oldest = await overdue
    .leftJoin('complaints', 'complaints.case_id', 'cases.id')
    .leftJoin('complaint_categories', 'complaint_categories.code', 'complaints.category')
    .leftJoin('followups', 'followups.case_id', 'cases.id')
    .leftJoin('interactions', 'interactions.id', 'followups.interaction_id')
    .leftJoin('reasons', 'reasons.code', 'interactions.reason_code')
    .select((eb) => [
      'cases.id', 'cases.kind', 'cases.due_at', 'complaints.reference', 'complaints.category',
      eb.ref(`complaint_categories.label_${language}` as 'complaint_categories.label_en').as('category_label'),
      eb.ref(`reasons.label_${language}` as 'reasons.label_en').as('reason_label'),
    ])
    .orderBy('cases.due_at')
    .orderBy('cases.id')
    .limit(10)
    .execute();
  return {
    at: new Date(now).toISOString(),
    complaints: count('complaint'),
    followups: count('followup'),
    oldest: oldest.map((r) => ({
      reference: r.reference ?? `SUIVI-${r.id.slice(-8).toUpperCase()}`,
      kind: r.kind as 'complaint' | 'followup',
      category: (r.kind === 'complaint' ? (r.category_label ?? r.category) : r.reason_label) ?? '',
      dueAt: new Date(Number(r.due_at)).toISOString(),
      businessDaysOverdue: businessDaysLate(Number(r.due_at), now),
    })),
  };
}

/** The external relational studies fielded in the 13 months up to the month: beside the NPS, never merged into it. */
export async function reviewStudies(db: Kysely<Database>, month: string): Promise<ReviewExternalStudy[]> {
  const from = formatDay(monthDays(monthBefore(month, 12)).from);
  const to = formatDay(monthDays(month).to);
  return (await listStudies(db, { from, to })).map((s) => ({
    study: s.study, firm: s.firm, fieldedFrom: s.period.start, fieldedTo: s.period.end, nps: s.nps, low: s.ci95.low, high: s.ci95.high, respondents: s.n,
  }));
}
