import type { Kysely } from 'kysely';
import { listCauses, listDepartments, type Cause, type Department } from '../causes/cause-tree.js';
import type { Language } from '../shared/languages.js';
import type { Database } from '../storage/schema.js';

/** A cause as the analysis shows it: its label in the reader's language, its place in the tree and the department that owns it. */
export interface CauseShown {
  cause: { code: string; label: string; path: string[] };
  department: { code: string; label: string } | null;
}

/** How each code of the tree (deactivated causes too: what was coded keeps its cause) is shown; a code the tree does not hold shows as itself. */
export function causeDescriber(tree: readonly Cause[], departments: readonly Department[]): (code: string) => CauseShown {
  const causes = new Map(tree.map((c) => [c.code, c]));
  const owners = new Map(departments.map((d) => [d.code, d.label]));
  return (code) => {
    const cause = causes.get(code);
    const owner = cause?.departmentCode ?? null;
    return {
      cause: { code, label: cause?.label ?? code, path: cause ? [...cause.path] : [code] },
      department: owner === null ? null : { code: owner, label: owners.get(owner) ?? owner },
    };
  };
}

/** The tree and its departments in `language`, read once for a table. */
export async function describeCauses(db: Kysely<Database>, language: Language): Promise<{ tree: Cause[]; describe: (code: string) => CauseShown }> {
  const [tree, departments] = await Promise.all([listCauses(db, language, true), listDepartments(db, language, true)]);
  return { tree, describe: causeDescriber(tree, departments) };
}
