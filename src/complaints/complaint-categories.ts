import type { Kysely } from 'kysely';
import { DomainError, invalid } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import type { Database, Flag } from '../storage/schema.js';

/** A category of the complaint taxonomy, with its deadlines in business days. */
export interface ComplaintCategory {
  code: string;
  label: string;
  labels: { fr: string; de: string; en: string };
  active: boolean;
  sortOrder: number;
  ackDays: number;
  answerDays: number;
  /** business customers' deadlines; null: the same as residential */
  businessAckDays: number | null;
  businessAnswerDays: number | null;
}

export type CategoryInput = Omit<ComplaintCategory, 'label' | 'code' | 'active' | 'sortOrder' | 'businessAckDays' | 'businessAnswerDays'> & {
  active?: boolean | undefined;
  sortOrder?: number | undefined;
  businessAckDays?: number | null | undefined;
  businessAnswerDays?: number | null | undefined;
};

/** The taxonomy in the operator's order, labels in `language` (French for Luxembourgish). */
export async function listCategories(db: Kysely<Database>, language: Language, includeInactive = false): Promise<ComplaintCategory[]> {
  let query = db.selectFrom('complaint_categories').selectAll().orderBy('sort_order').orderBy('code');
  if (!includeInactive) query = query.where('active', '=', 1);
  return (await query.execute()).map((r) => ({
    code: r.code,
    label: language === 'de' ? r.label_de : language === 'en' ? r.label_en : r.label_fr,
    labels: { fr: r.label_fr, de: r.label_de, en: r.label_en },
    active: Number(r.active) === 1,
    sortOrder: Number(r.sort_order),
    ackDays: Number(r.ack_days),
    answerDays: Number(r.answer_days),
    businessAckDays: r.business_ack_days === null ? null : Number(r.business_ack_days),
    businessAnswerDays: r.business_answer_days === null ? null : Number(r.business_answer_days),
  }));
}

/**
 * Creates or changes a category. Categories are never deleted (past complaints keep theirs); they are
 * deactivated. New deadlines apply to complaints received from then on.
 */
export async function saveCategory(db: Kysely<Database>, code: string, input: CategoryInput): Promise<void> {
  if (!/^[a-z][a-z0-9_.-]{1,63}$/.test(code)) throw invalid('code', 'must be 2-64 lower-case letters, digits, _ . or -, starting with a letter');
  if (input.ackDays > input.answerDays) throw invalid('ackDays', 'must not be more than answerDays: a complaint is acknowledged before it is answered');
  const values = {
    label_fr: input.labels.fr,
    label_de: input.labels.de,
    label_en: input.labels.en,
    active: (input.active === false ? 0 : 1) as Flag,
    sort_order: input.sortOrder ?? 0,
    ack_days: input.ackDays,
    answer_days: input.answerDays,
    business_ack_days: input.businessAckDays ?? null,
    business_answer_days: input.businessAnswerDays ?? null,
  };
  await db.insertInto('complaint_categories').values({ code, ...values }).onConflict((oc) => oc.column('code').doUpdateSet(values)).execute();
}

/** Business days to acknowledge and to answer a complaint of this category from a customer of this segment. */
export interface Deadlines {
  ackDays: number;
  answerDays: number;
}

/** The deadlines of an active category for a segment; a 400 naming `field` for an unknown or inactive one. */
export async function deadlinesOf(db: Kysely<Database>, code: string, segment: 'residential' | 'business', field = 'category'): Promise<Deadlines> {
  const row = await db.selectFrom('complaint_categories').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row || Number(row.active) !== 1) {
    throw new DomainError(400, 'invalid-input', `${field} "${code}" is not an active complaint category (GET /api/v1/complaint-categories lists them)`, [
      { field, reason: 'not an active complaint category' },
    ]);
  }
  const n = (v: number | null) => (v === null ? null : Number(v));
  return segmentDeadlines({ ackDays: Number(row.ack_days), answerDays: Number(row.answer_days), businessAckDays: n(row.business_ack_days), businessAnswerDays: n(row.business_answer_days) }, segment);
}

/** A category's deadlines for a segment: business customers get the category's own where it sets them. */
export function segmentDeadlines(category: Pick<ComplaintCategory, 'ackDays' | 'answerDays' | 'businessAckDays' | 'businessAnswerDays'>, segment: 'residential' | 'business'): Deadlines {
  const business = segment === 'business';
  return {
    ackDays: (business ? category.businessAckDays : null) ?? category.ackDays,
    answerDays: (business ? category.businessAnswerDays : null) ?? category.answerDays,
  };
}
