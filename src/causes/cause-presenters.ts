import type { Cause as CauseOut, Department as DepartmentOut } from '../contract/causes.js';
import type { Cause, Department } from './cause-tree.js';

export function presentDepartment(d: Department): DepartmentOut {
  return { code: d.code, label: d.label, labels: { fr: d.labels.fr, de: d.labels.de, en: d.labels.en }, active: d.active };
}

export function presentCause(c: Cause): CauseOut {
  return {
    code: c.code, parentCode: c.parentCode, path: [...c.path], departmentCode: c.departmentCode, label: c.label,
    labels: { fr: c.labels.fr, de: c.labels.de, en: c.labels.en }, active: c.active, sortOrder: c.sortOrder,
    reasonCodes: [...c.reasonCodes], topicCodes: [...c.topicCodes],
  };
}
