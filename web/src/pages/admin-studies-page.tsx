import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { adminApi } from '../api-admin.js';
import { ActionNotice, AdminHead, ConfirmBox, refocus } from '../components/admin-common.js';
import { FieldError } from '../components/field-error.js';
import { errorMessage } from '../error-message.js';
import { formatDecimal, formatNps } from '../format.js';
import { useLanguage, useT, type MessageKey, type Translate } from '../i18n/index.js';
import type { ExternalStudy } from '../types.js';
import type { Route } from '../use-route.js';

/** One error of a refused file: its line, its column (none for the whole row or the file) and what is wrong, in the reader's language where the console knows it. */
interface RowProblem {
  line: number | null;
  column: string | null;
  text: string;
}

/** The errors of a refused import (problem field "line N, column" or "line N"), worded by their code where the server gives one. */
export function rowProblemsOf(error: unknown, t: Translate, language: string): RowProblem[] {
  if (!(error instanceof ApiError)) return [];
  const number = new Intl.NumberFormat(language);
  return (error.problem.errors ?? []).map((e) => {
    const match = /^line (\d+)(?:, (.+))?$/.exec(e.field);
    const coded = e as { code?: string; params?: Record<string, string | number> };
    const key = `adminpages.studies.rowProblems.${coded.code ?? ''}` as MessageKey;
    const params = Object.fromEntries(Object.entries(coded.params ?? {}).map(([name, value]) => [name, typeof value === 'number' && name !== 'line' ? number.format(value) : String(value)]));
    const worded = coded.code ? t(key, params) : undefined;
    return {
      line: match ? Number(match[1]) : null,
      column: match ? (match[2] ?? null) : e.field,
      text: worded && worded !== key ? worded : e.reason,
    };
  });
}

/** External relational NPS studies: the list, the import of a CSV file (every error of a refused file shown), deleting one. */
export function AdminStudiesPage({ navigate, canImport }: { navigate: (route: Route) => void; canImport: boolean }) {
  const t = useT();
  const language = useLanguage();
  const [studies, setStudies] = useState<ExternalStudy[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();
  const [deleting, setDeleting] = useState<ExternalStudy | undefined>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      setStudies((await adminApi.studies()).items);
      setFailure(undefined);
    } catch (caught) {
      setFailure(errorMessage(caught, t, 'adminpages.studies.failed'));
    }
  };
  useEffect(() => void load(), []);

  async function remove(study: ExternalStudy) {
    setBusy(true);
    try {
      await adminApi.deleteStudy(study.id);
      setDeleting(undefined);
      await load();
      setNotice({ kind: 'success', text: t('adminpages.studies.deleted', { study: study.study, period: study.period.label }) });
      // the confirmation is gone: the focus goes back to the list
      refocus('studies-list-title');
    } catch (caught) {
      setNotice({ kind: 'error', text: errorMessage(caught, t, 'adminpages.studies.actionFailed') });
    } finally {
      setBusy(false);
    }
  }

  const segmentOf = (segment: string | null) =>
    segment === null ? t('adminpages.studies.allSegments') : segment === 'residential' || segment === 'business' ? t(`adminpages.studies.${segment}`) : segment;
  return (
    <div className="admin-page">
      <AdminHead title={t('adminpages.studies.title')} intro={t('adminpages.studies.intro')} navigate={navigate} />
      <ActionNotice notice={notice} />
      {canImport && (
        <StudyImport
          onImported={async (text) => {
            await load();
            setNotice({ kind: 'success', text });
          }}
        />
      )}
      <section className="panel admin-list" aria-labelledby="studies-list-title">
        <h2 id="studies-list-title" tabIndex={-1}>{t('adminpages.studies.listTitle')}</h2>
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
        {deleting && (
          <ConfirmBox
            id="study-delete"
            question={t('adminpages.studies.deleteConfirm', { study: deleting.study, firm: deleting.firm, period: deleting.period.label })}
            confirm={t('adminpages.studies.confirmDelete')}
            busy={busy}
            onConfirm={() => void remove(deleting)}
            onCancel={() => {
              setDeleting(undefined);
              refocus(`study-delete-${deleting.id}`);
            }}
          />
        )}
        {!studies && !failure && <p className="muted">{t('app.loading')}</p>}
        {studies && studies.length === 0 && <p className="empty">{t('adminpages.studies.empty')}</p>}
        {studies && studies.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby="studies-list-title" tabIndex={0}>
            <table className="data-table admin-table" data-testid="studies-table">
              <thead>
                <tr>
                  <th scope="col">{t('adminpages.studies.firm')}</th>
                  <th scope="col">{t('adminpages.studies.study')}</th>
                  <th scope="col">{t('adminpages.studies.period')}</th>
                  <th scope="col">{t('adminpages.studies.segment')}</th>
                  <th scope="col" className="admin-number">{t('adminpages.studies.nps')}</th>
                  <th scope="col" className="admin-number">{t('adminpages.studies.n')}</th>
                  <th scope="col">{t('adminpages.studies.interval')}</th>
                  <th scope="col">{t('adminpages.studies.file')}</th>
                  {canImport && <th scope="col">{t('adminpages.studies.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {studies.map((s) => (
                  <tr key={s.id}>
                    <td>{s.firm}</td>
                    <td>{s.study}</td>
                    <td className="nowrap">{s.period.label}</td>
                    <td>{segmentOf(s.segment)}</td>
                    <td className="admin-number">{formatNps(s.nps, language)}</td>
                    <td className="admin-number">{new Intl.NumberFormat(language).format(s.n)}</td>
                    <td className="nowrap">
                      [{formatDecimal(s.ci95.low, language, 1, true)} ; {formatDecimal(s.ci95.high, language, 1, true)}]
                    </td>
                    <td>
                      <code>{s.sourceFile}</code>
                    </td>
                    {canImport && (
                      <td>
                        <button
                          id={`study-delete-${s.id}`}
                          type="button"
                          className="button button-small button-secondary"
                          aria-label={t('adminpages.studies.deleteLabel', { study: s.study, period: s.period.label })}
                          onClick={() => setDeleting(s)}
                        >
                          {t('adminpages.studies.delete')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** The import of a CSV file: all or nothing; a refused file lists every error, line by line. */
function StudyImport({ onImported }: { onImported: (text: string) => Promise<void> }) {
  const t = useT();
  const language = useLanguage();
  const inputRef = useRef<HTMLInputElement>(null);
  const problemsRef = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<File | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setProblems([]);
    if (!file) return refuse(t('adminpages.studies.noFile'));
    if (!/\.csv$/i.test(file.name)) return refuse(t('adminpages.studies.notCsv'));
    setFileError(undefined);
    setBusy(true);
    try {
      const report = await adminApi.importStudies(file);
      const imported = t('adminpages.studies.imported', { count: report.imported, file: file.name });
      const duplicates = report.duplicates > 0 ? ` ${t('adminpages.studies.duplicates', { count: report.duplicates })}` : '';
      setFile(undefined);
      if (inputRef.current) inputRef.current.value = '';
      await onImported(imported + duplicates);
    } catch (caught) {
      const found = rowProblemsOf(caught, t, language);
      setProblems(found);
      setFailure(found.length > 0 ? t('adminpages.studies.rowErrors', { count: found.length }) : errorMessage(caught, t, 'adminpages.studies.actionFailed'));
      requestAnimationFrame(() => problemsRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  function refuse(reason: string) {
    setFileError(reason);
    inputRef.current?.focus();
  }

  return (
    <form className="panel admin-form admin-import" onSubmit={submit} noValidate aria-labelledby="study-import-title">
      <h2 id="study-import-title">{t('adminpages.studies.importTitle')}</h2>
      <p id="study-file-hint" className="field-hint">
        {t('adminpages.studies.importHint')}
      </p>
      <div className="field">
        <label htmlFor="study-file">{t('adminpages.studies.fileLabel')}</label>
        <div className="admin-file-row">
        <input
          ref={inputRef}
          id="study-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setFileError(undefined);
          }}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={['study-file-hint', fileError ? 'study-file-error' : ''].filter(Boolean).join(' ')}
        />
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('adminpages.studies.importing') : t('adminpages.studies.import')}
        </button>
        </div>
        <FieldError id="study-file-error" reason={fileError} />
      </div>
      {failure && (
        <div className="notice notice-error admin-import-errors" data-testid="study-import-errors">
          <h3 ref={problemsRef} tabIndex={-1}>
            {failure}
          </h3>
          {problems.length > 0 && (
            <table className="data-table admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('adminpages.studies.line')}</th>
                  <th scope="col">{t('adminpages.studies.column')}</th>
                  <th scope="col">{t('adminpages.studies.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.line ?? '–'}</td>
                    <td>{p.column ? <code>{p.column}</code> : <span className="muted">{t('adminpages.studies.wholeRow')}</span>}</td>
                    <td>{p.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </form>
  );
}
