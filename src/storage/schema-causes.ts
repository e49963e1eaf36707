import type { Flag } from './schema-base.js';

/** Row types of the root causes and the departments that own them (docs/improvement.md). */

export interface DepartmentTable {
  code: string;
  label_fr: string;
  label_de: string;
  label_en: string;
  active: Flag;
  updated_at: number;
}

export interface CauseTable {
  /** dotted by convention (`billing.roaming`); the tree is `parent_code` */
  code: string;
  parent_code: string | null;
  /** the department that owns the cause (null: nobody yet, as `unknown`) */
  department_code: string | null;
  label_fr: string;
  label_de: string;
  label_en: string;
  active: Flag;
  sort_order: number;
  updated_at: number;
}
