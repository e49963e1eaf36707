import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditAdministration } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import type { ImportReport } from '../imports/import-runner.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { importStudies } from './study-import.js';

/**
 * Imports a studies file sent over the API, all or nothing unless skipInvalid. The import reads
 * files: the body is saved to a private temporary folder for the time of the import. An unreadable
 * file is a 400; rows with errors, when nothing was imported, a 422 naming every error. An import
 * that wrote studies is written in the audit trail (`study.import`, the file's name).
 */
export async function importStudyUpload(
  storage: Storage,
  body: string,
  options: { fileName: string; skipInvalid: boolean; dryRun: boolean; importedBy: Actor },
): Promise<ImportReport> {
  const dir = await mkdtemp(join(tmpdir(), 'ecoute-studies-'));
  try {
    const file = join(dir, 'upload.csv');
    await writeFile(file, body);
    const report = await importStudies(storage, { ...options, importedBy: options.importedBy.id, file, maxErrors: Number.POSITIVE_INFINITY });
    if (report.status === 'rejected') throw rowErrors(report);
    if (report.status !== 'validated' && report.imported > 0) await auditAdministration(storage.db, options.importedBy, ['study.import'], { kind: 'study', id: options.fileName });
    return report;
  } catch (error) {
    throw unreadableAsBadRequest(error);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A body that is not a readable CSV file with a valid header is a bad request; 422 is for rows with errors. */
function unreadableAsBadRequest(error: unknown): unknown {
  if (error instanceof DomainError && (error.code === 'invalid-header' || error.code === 'invalid-file')) {
    return new DomainError(400, error.code, error.message, error.fields);
  }
  return error;
}

function rowErrors(report: ImportReport): DomainError {
  const detail =
    report.valid === 0
      ? 'Nothing was imported: no row is valid.'
      : `Nothing was imported: ${report.rejected} row${report.rejected === 1 ? ' has' : 's have'} errors; fix ${report.rejected === 1 ? 'it' : 'them'}, or send the file again with skipInvalid=true to import the ${report.valid} valid row${report.valid === 1 ? '' : 's'}.`;
  return new DomainError(
    422,
    'invalid-rows',
    detail,
    report.errors.map((e) => ({
      field: e.field === undefined ? `line ${e.line}` : `line ${e.line}, ${e.field}`,
      reason: e.reason,
      ...(e.code ? { code: e.code, params: e.params ?? {} } : {}),
    })),
  );
}
