import type { Kysely } from 'kysely';
import { type CodingInput, isRecurrence, saveCoding } from '../causes/cause-codings.js';
import { newId } from '../shared/ids.js';
import type { CauseCodingTable, Database } from '../storage/schema.js';
import type { AnalysisFilters, FilterName, Period } from './analysis-query.js';
import { CODING_COLUMN } from './pareto.js';

/** A coding as a test writes it: a complaint of customer p1 coded billing.roaming unless told otherwise. */
export function coding(id: string, over: Partial<CodingInput> = {}): CodingInput {
  return {
    subject_kind: 'complaint', subject_id: id, cause_code: 'billing.roaming', unknown_reason: null, party_id: 'p1', occurred_at: Date.UTC(2026, 2, 2, 9),
    segment: 'residential', channel: 'phone', team_id: 't1', site_id: 's1', plan: 'Mobile M', amount_cents: 0, refund_cents: 0, extra_contacts: 0,
    suggested: null, coded_at: Date.UTC(2026, 2, 2, 9), coded_by_kind: 'user', coded_by_id: 'u1', ...over,
  };
}

/** Saves codings one transaction each, as their subjects' changes do. */
export async function saveCodings(db: Kysely<Database>, codings: readonly CodingInput[]): Promise<void> {
  for (const c of codings) await db.transaction().execute((trx) => saveCoding(trx, c));
}

/** A customer of the base, created (and erased) when told, with an account of a segment and a line on a plan if given. */
export async function insertParty(
  db: Kysely<Database>,
  id: string,
  options: { createdAt: number; erasedAt?: number | null; segment?: 'residential' | 'business'; plan?: string },
): Promise<void> {
  await db
    .insertInto('parties')
    .values({
      id, customer_number: `C-${id}`, kind: 'individual', given_name: null, family_name: null, organisation_name: null, display_name: id, search_name: id,
      preferred_language: 'fr', consent_surveys: 1, consent_marketing: 0, created_at: options.createdAt, updated_at: options.createdAt,
      erased_at: options.erasedAt ?? null, import_batch_id: null,
    })
    .execute();
  if (options.segment === undefined) return;
  const accountId = newId();
  await db.insertInto('accounts').values({ id: accountId, account_number: `A-${id}`, party_id: id, segment: options.segment, account_manager_id: null, status: 'active', created_at: options.createdAt }).execute();
  if (options.plan !== undefined) {
    await db.insertInto('lines').values({ id: newId(), account_id: accountId, msisdn: `+35262${Math.floor(Math.random() * 1e7)}`, kind: 'mobile', plan: options.plan, status: 'active', activated_at: options.createdAt }).execute();
  }
}

/** What a cause counts in a period, recomputed from the rows alone. */
export interface RawCause {
  complaints: number;
  detractors: number;
  repeatContacts: number;
  total: number;
  recurrences: number;
  disputedCents: number;
  refundedCents: number;
  extraContacts: number;
}

/** The rows of a period and filters, by a plain reading of every coding: what the tests hold the service to. */
export function codingsOf(rows: readonly CauseCodingTable[], period: Period, filters: AnalysisFilters): CauseCodingTable[] {
  return rows.filter(
    (r) => Number(r.day) >= period.from && Number(r.day) <= period.to && (Object.entries(filters) as [FilterName, string][]).every(([name, value]) => r[CODING_COLUMN[name]] === value),
  );
}

/** Per coded cause, the measures of a Pareto recomputed from the rows. */
export function rawPareto(rows: readonly CauseCodingTable[], period: Period, filters: AnalysisFilters): Map<string, RawCause> {
  const out = new Map<string, RawCause>();
  for (const r of codingsOf(rows, period, filters)) {
    const m = out.get(r.cause_code) ?? { complaints: 0, detractors: 0, repeatContacts: 0, total: 0, recurrences: 0, disputedCents: 0, refundedCents: 0, extraContacts: 0 };
    out.set(r.cause_code, m);
    if (r.subject_kind === 'complaint') m.complaints++;
    if (r.subject_kind === 'followup') m.detractors++;
    if (r.subject_kind === 'contact') m.repeatContacts++;
    m.total++;
    if (isRecurrence({ occurred_at: Number(r.occurred_at), previous_at: r.previous_at === null ? null : Number(r.previous_at) })) m.recurrences++;
    m.disputedCents += Number(r.amount_cents);
    m.refundedCents += Number(r.refund_cents);
    m.extraContacts += Number(r.extra_contacts);
  }
  return out;
}
