import type { Kysely } from 'kysely';
import { auditAdministration } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
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
  /** the place in the operator's order (lowest first) */
  sortOrder: number;
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
    sortOrder: Number(r.sort_order),
  }));
}

/**
 * Creates or updates a reason. Reasons are never deleted (past contacts keep them); they are deactivated.
 * A field left out keeps its value (a new reason: no parent, active, after the last one). With `by`,
 * the change is written in the audit trail (`reason.create` or `reason.change`, the reason's code).
 */
export async function saveReason(db: Kysely<Database>, input: ReasonInput, by?: Actor): Promise<{ created: boolean }> {
  if (!/^[a-z][a-z0-9_.-]{1,63}$/.test(input.code)) {
    throw invalid('code', 'must be 2-64 lower-case letters, digits, _ . or -, starting with a letter');
  }
  if (input.parentCode === input.code) throw invalid('parentCode', 'must not be the reason itself');
  return db.transaction().execute(async (trx) => {
    if (input.parentCode) {
      const parent = await trx.selectFrom('reasons').select('code').where('code', '=', input.parentCode).executeTakeFirst();
      if (!parent) throw new DomainError(400, 'invalid-input', `parentCode "${input.parentCode}" is not a known reason`, [
        { field: 'parentCode', reason: 'unknown reason' },
      ]);
    }
    const existing = await trx.selectFrom('reasons').select(['parent_code', 'active', 'sort_order']).where('code', '=', input.code).executeTakeFirst();
    const last = existing ? undefined : await trx.selectFrom('reasons').select((eb) => eb.fn.max('sort_order').as('max')).executeTakeFirst();
    const values = {
      label_fr: input.labels.fr,
      label_de: input.labels.de,
      label_en: input.labels.en,
      parent_code: input.parentCode !== undefined ? input.parentCode : (existing?.parent_code ?? null),
      active: (input.active !== undefined ? (input.active ? 1 : 0) : (existing?.active ?? 1)) as Flag,
      sort_order: input.sortOrder ?? (existing ? Number(existing.sort_order) : Number(last?.max ?? 0) + 10),
    };
    if (existing) await trx.updateTable('reasons').set(values).where('code', '=', input.code).execute();
    else await trx.insertInto('reasons').values({ code: input.code, ...values }).execute();
    if (by) await auditAdministration(trx, by, [existing ? 'reason.change' : 'reason.create'], { kind: 'reason', id: input.code });
    return { created: !existing };
  });
}

/**
 * Moves a reason one place up or down the operator's order (inactive reasons keep their places): the
 * whole list is renumbered 10, 20, 30… in one transaction. At the top (or bottom) already, nothing
 * changes. With `by`, the move is written in the audit trail (`reason.move`).
 */
export async function moveReason(db: Kysely<Database>, code: string, direction: 'up' | 'down', by?: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const codes = (await trx.selectFrom('reasons').select('code').orderBy('sort_order').orderBy('code').execute()).map((r) => r.code);
    const at = codes.indexOf(code);
    if (at < 0) throw notFound(`No contact reason "${code}"`);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= codes.length) return;
    [codes[at], codes[to]] = [codes[to]!, codes[at]!];
    for (const [i, c] of codes.entries()) await trx.updateTable('reasons').set({ sort_order: (i + 1) * 10 }).where('code', '=', c).execute();
    if (by) await auditAdministration(trx, by, ['reason.move'], { kind: 'reason', id: code });
  });
}
