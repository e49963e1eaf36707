import type { Kysely } from 'kysely';
import { DomainError, invalid } from '../shared/errors.js';
import type { Database, Flag, Language } from '../storage/schema.js';

export interface ReasonInput {
  code: string;
  labels: { fr: string; de: string; en: string };
  parentCode?: string | null | undefined;
  active?: boolean | undefined;
  sortOrder?: number | undefined;
}

export interface ReasonView {
  code: string;
  label: string;
  labels: { fr: string; de: string; en: string };
  parentCode: string | null;
  active: boolean;
}

/** The contact-reason taxonomy, in the operator's order. */
export async function listReasons(db: Kysely<Database>, language: Language, includeInactive = false): Promise<ReasonView[]> {
  let query = db.selectFrom('reasons').selectAll().orderBy('sort_order').orderBy('code');
  if (!includeInactive) query = query.where('active', '=', 1);
  const rows = await query.execute();
  return rows.map((r) => ({
    code: r.code,
    label: language === 'de' ? r.label_de : language === 'en' ? r.label_en : r.label_fr,
    labels: { fr: r.label_fr, de: r.label_de, en: r.label_en },
    parentCode: r.parent_code,
    active: r.active === 1,
  }));
}

/** Creates or updates a reason. Reasons are never deleted (past contacts keep them); they are deactivated. */
export async function saveReason(db: Kysely<Database>, input: ReasonInput): Promise<void> {
  if (!/^[a-z][a-z0-9_.-]{1,63}$/.test(input.code)) {
    throw invalid('code', 'must be 2-64 lower-case letters, digits, _ . or -, starting with a letter');
  }
  if (input.parentCode === input.code) throw invalid('parentCode', 'must not be the reason itself');
  await db.transaction().execute(async (trx) => {
    if (input.parentCode) {
      const parent = await trx.selectFrom('reasons').select('code').where('code', '=', input.parentCode).executeTakeFirst();
      if (!parent) throw new DomainError(400, 'invalid-input', `parentCode "${input.parentCode}" is not a known reason`, [
        { field: 'parentCode', reason: 'unknown reason' },
      ]);
    }
    const values = {
      label_fr: input.labels.fr,
      label_de: input.labels.de,
      label_en: input.labels.en,
      parent_code: input.parentCode ?? null,
      active: (input.active === false ? 0 : 1) as Flag,
      sort_order: input.sortOrder ?? 0,
    };
    await trx
      .insertInto('reasons')
      .values({ code: input.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
  });
}
