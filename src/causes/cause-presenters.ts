import type { Cause as CauseOut, CauseSuggestion as SuggestionOut, Department as DepartmentOut } from '../contract/causes.js';
import type { CauseSuggestion } from './cause-suggestions.js';
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

/** A suggestion with its cause's labels (the cause is one of `causes`). */
export function presentSuggestion(s: CauseSuggestion, causes: readonly Cause[]): SuggestionOut {
  const byCode = new Map(causes.map((c) => [c.code, c]));
  const cause = byCode.get(s.code)!;
  return {
    code: s.code, label: cause.label, pathLabels: cause.path.map((code) => byCode.get(code)?.label ?? code), departmentCode: cause.departmentCode,
    score: s.score, because: { topics: [...s.topics], reasons: [...s.reasons], words: [...s.words] },
  };
}
