import type { ExternalStudy as StudyOut, StudyImportReport } from '../contract/studies.js';
import type { ImportReport } from '../imports/import-runner.js';
import type { ExternalStudy } from './study-service.js';

/** An external study as it leaves the server. */
export function presentStudy(s: ExternalStudy): StudyOut {
  return {
    id: s.id, source: s.source, firm: s.firm, study: s.study, period: { start: s.period.start, end: s.period.end, label: s.period.label },
    segment: s.segment, n: s.n,
    basis: { scaleMin: s.basis.scaleMin, scaleMax: s.basis.scaleMax, promoterMin: s.basis.promoterMin, detractorMax: s.basis.detractorMax },
    promoters: s.promoters, passives: s.passives, detractors: s.detractors, nps: s.nps, ci95: { low: s.ci95.low, high: s.ci95.high },
    reliable: s.reliable, distribution: s.distribution && { unit: s.distribution.unit, scores: { ...s.distribution.scores } },
    method: s.method, sourceFile: s.sourceFile, importedAt: s.importedAt, importedBy: s.importedBy,
  };
}

/** What an import did; a rejected import is a 422 and never presented. */
export function presentImportReport(report: ImportReport): StudyImportReport {
  return {
    status: report.status === 'validated' ? 'validated' : 'imported',
    rows: report.rows,
    valid: report.valid,
    imported: report.imported,
    rejected: report.rejected,
    duplicates: report.duplicates,
    errorCount: report.errorCount,
    errors: report.errors.map((e) => ({ line: e.line, field: e.field ?? null, reason: e.reason })),
  };
}
