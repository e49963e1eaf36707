import type { Kysely } from 'kysely';
import { DomainError, invalid } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import { TOPICS } from '../text/index.js';
import type { CauseTable, Database, DepartmentTable, Flag } from '../storage/schema.js';

/** Labels in the three languages of the console. */
export interface Labels {
  fr: string;
  de: string;
  en: string;
}

export interface Department {
  code: string;
  label: string;
  labels: Labels;
  active: boolean;
}

/** A root cause: why something happened, owned by a department (docs/improvement.md, "Causes"). */
export interface Cause {
  code: string;
  parentCode: string | null;
  /** the codes from the root down to this one, this one included */
  path: string[];
  departmentCode: string | null;
  label: string;
  labels: Labels;
  active: boolean;
  sortOrder: number;
  /** the contact reasons and comment topics that match the cause (an action's NPS, suggestions) */
  reasonCodes: string[];
  topicCodes: string[];
}

export interface CauseInput {
  parentCode?: string | null | undefined;
  departmentCode?: string | null | undefined;
  labels: Labels;
  active?: boolean | undefined;
  sortOrder?: number | undefined;
  reasonCodes?: string[] | undefined;
  topicCodes?: string[] | undefined;
}

/** The cause coded when none could be found (its reason is required where it is coded). */
export const UNKNOWN_CAUSE = 'unknown';

const CODE = /^[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39}){0,3}$/;
/** Deep enough for "network › fibre › installation › partner", shallow enough to read. */
const MAX_DEPTH = 4;

const codesOf = (json: string): string[] => JSON.parse(json || '[]') as string[];

const labelIn = (row: { label_fr: string; label_de: string; label_en: string }, language: Language) =>
  language === 'de' ? row.label_de : language === 'en' ? row.label_en : row.label_fr;

export async function listDepartments(db: Kysely<Database>, language: Language, includeInactive = false): Promise<Department[]> {
  const rows = await db.selectFrom('departments').selectAll().$if(!includeInactive, (q) => q.where('active', '=', 1)).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, label: labelIn(r, language), labels: { fr: r.label_fr, de: r.label_de, en: r.label_en }, active: Number(r.active) === 1 }));
}

/** Creates or changes a department; deactivated, never deleted (causes keep their owner). */
export async function saveDepartment(db: Kysely<Database>, code: string, input: { labels: Labels; active?: boolean | undefined }): Promise<void> {
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(code)) throw invalid('code', 'must be 2-40 lower-case letters, digits or _, starting with a letter');
  const values: Omit<DepartmentTable, 'code'> = {
    label_fr: input.labels.fr, label_de: input.labels.de, label_en: input.labels.en, active: (input.active === false ? 0 : 1) as Flag, updated_at: Date.now(),
  };
  await db.insertInto('departments').values({ code, ...values }).onConflict((oc) => oc.column('code').doUpdateSet(values)).execute();
}

/** The tree, parents before their children, each level in the operator's order; labels in `language` (French for Luxembourgish). */
export async function listCauses(db: Kysely<Database>, language: Language, includeInactive = false): Promise<Cause[]> {
  const rows = await db.selectFrom('causes').selectAll().orderBy('sort_order').orderBy('code').execute();
  const byParent = new Map<string | null, CauseTable[]>();
  for (const r of rows) byParent.set(r.parent_code, [...(byParent.get(r.parent_code) ?? []), r]);
  const out: Cause[] = [];
  const walk = (parent: string | null, path: string[], parentActive: boolean) => {
    for (const r of byParent.get(parent) ?? []) {
      const active = parentActive && Number(r.active) === 1;
      if (active || includeInactive) {
        out.push({
          code: r.code, parentCode: r.parent_code, path: [...path, r.code], departmentCode: r.department_code, label: labelIn(r, language),
          labels: { fr: r.label_fr, de: r.label_de, en: r.label_en }, active, sortOrder: Number(r.sort_order),
          reasonCodes: codesOf(r.reason_codes), topicCodes: codesOf(r.topic_codes),
        });
      }
      walk(r.code, [...path, r.code], active);
    }
  };
  walk(null, [], true);
  return out;
}

/**
 * Creates or changes a cause. Refused, naming the field, changing nothing: a malformed code, a parent
 * or department that does not exist, a parent that is the cause itself or under it (the tree would
 * loop), a tree deeper than four levels. Causes are never deleted (what was coded keeps its cause);
 * a deactivated cause, and everything under it, is no longer offered.
 */
export async function saveCause(db: Kysely<Database>, code: string, input: CauseInput): Promise<void> {
  if (!CODE.test(code)) throw invalid('code', 'must be lower-case letters, digits or _, in up to four dot-separated parts (billing.roaming)');
  if (code === UNKNOWN_CAUSE && input.active === false) throw invalid('active', 'the unknown cause stays active: it is what is coded when no cause is found');
  await db.transaction().execute(async (trx) => {
    const causes = await trx.selectFrom('causes').select(['code', 'parent_code']).execute();
    const parentOf = new Map(causes.map((c) => [c.code, c.parent_code]));
    const existing = parentOf.has(code);
    const parent = input.parentCode === undefined ? (existing ? parentOf.get(code)! : null) : input.parentCode;
    if (parent !== null) {
      if (!parentOf.has(parent)) throw invalid('parentCode', `"${parent}" is not a cause (GET /api/v1/causes lists them)`);
      let depth = 1;
      for (let at: string | null = parent; at !== null; at = parentOf.get(at) ?? null) {
        if (at === code) throw invalid('parentCode', 'must not be the cause itself nor one under it: the tree would loop');
        if (++depth > MAX_DEPTH) throw invalid('parentCode', `the tree is at most ${MAX_DEPTH} levels deep`);
      }
      const below = (c: string): number => Math.max(0, ...causes.filter((x) => x.parent_code === c).map((x) => 1 + below(x.code)));
      if (existing && depth + below(code) > MAX_DEPTH) throw invalid('parentCode', `the tree is at most ${MAX_DEPTH} levels deep`);
    }
    const department = input.departmentCode;
    if (department) {
      const found = await trx.selectFrom('departments').select('active').where('code', '=', department).executeTakeFirst();
      if (!found || Number(found.active) !== 1) throw invalid('departmentCode', `"${department}" is not an active department (GET /api/v1/departments lists them)`);
    }
    if (input.reasonCodes?.length) {
      const known = new Set((await trx.selectFrom('reasons').select('code').execute()).map((r) => r.code));
      const unknown = input.reasonCodes.filter((r) => !known.has(r));
      if (unknown.length) throw invalid('reasonCodes', `"${unknown.join('", "')}" is not a contact reason (GET /api/v1/reasons lists them)`);
    }
    const badTopics = (input.topicCodes ?? []).filter((t) => !(TOPICS as readonly string[]).includes(t));
    if (badTopics.length) throw invalid('topicCodes', `"${badTopics.join('", "')}" is not a topic: one of ${TOPICS.join(', ')}`);
    const values = {
      parent_code: parent,
      label_fr: input.labels.fr,
      label_de: input.labels.de,
      label_en: input.labels.en,
      active: (input.active === false ? 0 : 1) as Flag,
      updated_at: Date.now(),
      ...(department !== undefined ? { department_code: department } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
      ...(input.reasonCodes !== undefined ? { reason_codes: JSON.stringify([...new Set(input.reasonCodes)]) } : {}),
      ...(input.topicCodes !== undefined ? { topic_codes: JSON.stringify([...new Set(input.topicCodes)]) } : {}),
    };
    if (existing) await trx.updateTable('causes').set(values).where('code', '=', code).execute();
    else await trx.insertInto('causes').values({ code, department_code: null, sort_order: 0, reason_codes: '[]', topic_codes: '[]', ...values }).execute();
  });
}

/** An active cause, for coding; a 400 naming `field` otherwise. */
export async function activeCause(db: Kysely<Database>, code: string, field: string): Promise<Cause> {
  const cause = (await listCauses(db, 'en')).find((c) => c.code === code);
  if (!cause) throw new DomainError(400, 'invalid-input', `${field} "${code}" is not an active cause (GET /api/v1/causes lists them)`, [{ field, reason: 'not an active cause', code: 'inactive-cause', params: { code } }]);
  return cause;
}
