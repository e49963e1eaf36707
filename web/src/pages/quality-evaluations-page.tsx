import { useEffect, useRef, useState, type FormEvent } from 'react';
import { evaluationsApi } from '../api-quality-evaluations.js';
import { EvaluationView } from '../components/evaluation-view.js';
import { FieldError } from '../components/field-error.js';
import { errorMessage } from '../error-message.js';
import { errorFor, fieldErrorsOf, type FieldErrors } from '../field-errors.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { EvaluationStateName, EvaluationSummaryView } from '../types.js';
import { linkTo } from '../use-route.js';
import type { QualitySectionProps } from '../quality-section.js';

const STATES: EvaluationStateName[] = ['draft', 'submitted', 'disputed', 'acknowledged', 'decided'];

/** Evaluations (docs/quality.md, "Evaluations"): the list within the reader's reach, starting one, and one open. */
export function QualityEvaluationsPage({ user, id, query, navigate }: QualitySectionProps) {
  if (id) return <EvaluationView key={id} id={id} user={user} navigate={navigate} />;
  return <EvaluationList user={user} query={query} navigate={navigate} />;
}

function EvaluationList({ user, query, navigate }: Omit<QualitySectionProps, 'id'>) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const params = new URLSearchParams(query);
  const stateFilter = STATES.find((s) => s === params.get('state'));
  const [rows, setRows] = useState<EvaluationSummaryView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const canScore = user.abilities.includes('evaluation.score');
  const filters = stateFilter ? { state: stateFilter } : {};

  const load = async (before: string | null) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await evaluationsApi.list({ ...filters, limit: 50, ...(before ? { before } : {}) });
      setRows((old) => (before ? [...old, ...page.items] : page.items));
      setNext(page.next);
    } catch (e) {
      setError(errorMessage(e, t, 'qualityEvaluations.failed'));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(null);
  }, [stateFilter]);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <div className="quality-evaluations">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualityEvaluations.title')}
        </h1>
        <p className="muted">{t('qualityEvaluations.intro')}</p>
      </div>
      {canScore && <StartEvaluation onStarted={(evaluationId) => navigate({ page: 'quality', section: 'evaluations', id: evaluationId, query: '' })} />}
      <section className="panel" aria-labelledby="evaluations-list-title" aria-busy={loading}>
        <div className="panel-head">
          <h2 id="evaluations-list-title">{t('qualityEvaluations.title')}</h2>
          <div className="panel-tools">
            <label className="inline-field">
              <span>{t('qualityEvaluations.state')}</span>
              <select
                value={stateFilter ?? ''}
                onChange={(e) => navigate({ page: 'quality', section: 'evaluations', query: e.target.value ? `state=${e.target.value}` : '' }, { replace: true })}
              >
                <option value="">{t('qualityEvaluations.allStates')}</option>
                {STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`qualityEvaluations.states.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <a className="button button-secondary button-small" href={evaluationsApi.csvUrl(filters)} download>
              {t('qualityEvaluations.csv')}
            </a>
          </div>
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {loading && rows.length === 0 && <p className="muted">{t('app.loading')}</p>}
        {!loading && !error && rows.length === 0 && <p className="empty">{t('qualityEvaluations.empty')}</p>}
        {rows.length > 0 && (
          <div className="table-scroll">
            <table className="data-table evaluations-table">
              <thead>
                <tr>
                  <th scope="col">{t('qualityEvaluations.columns.contact')}</th>
                  <th scope="col">{t('qualityEvaluations.columns.advisor')}</th>
                  <th scope="col">{t('qualityEvaluations.columns.evaluator')}</th>
                  <th scope="col">{t('qualityEvaluations.columns.state')}</th>
                  <th scope="col" className="num">
                    {t('qualityEvaluations.columns.score')}
                  </th>
                  <th scope="col">{t('qualityEvaluations.columns.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <a {...linkTo({ page: 'quality', section: 'evaluations', id: e.id, query: '' }, navigate)}>{formatDateTime(e.contactAt, language)}</a>
                    </th>
                    <td>{e.advisor.name ?? e.advisor.id}</td>
                    <td>{e.evaluator.name ?? e.evaluator.id}</td>
                    <td>
                      <span className={`badge evaluation-state evaluation-state-${e.state}`}>{t(`qualityEvaluations.states.${e.state}`)}</span>
                    </td>
                    <td className="num">
                      {e.score === null ? '—' : e.score.toLocaleString(language)}
                      {e.pass !== null && <span className={`badge ${e.pass ? 'evaluation-pass' : 'evaluation-fail'}`}>{t(e.pass ? 'qualityEvaluations.pass' : 'qualityEvaluations.fail')}</span>}
                    </td>
                    <td>{e.submittedAt ? formatDateTime(e.submittedAt, language) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next !== null && (
          <button type="button" className="button button-secondary button-block" onClick={() => void load(next)} disabled={loading}>
            {loading ? t('app.loading') : t('qualityEvaluations.more')}
          </button>
        )}
      </section>
    </div>
  );
}

/** Starts an evaluation of a contact by its id. */
function StartEvaluation({ onStarted }: { onStarted: (id: string) => void }) {
  const t = useT();
  const [contact, setContact] = useState(() => new URLSearchParams(window.location.search).get('contact') ?? '');
  const sampleItem = new URLSearchParams(window.location.search).get('sampleItem') ?? undefined;
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!contact.trim()) {
      setFields({ interactionId: { code: 'required' } });
      return;
    }
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      onStarted((await evaluationsApi.create(contact.trim(), undefined, sampleItem)).id);
    } catch (e) {
      const found = fieldErrorsOf(e);
      setFields(found);
      if (Object.keys(found).length === 0) setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const problem = errorFor(fields, 'interactionId', t);
  return (
    <form className="panel evaluation-start" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('qualityEvaluations.start.title')}</h2>
      <label className="field">
        <span>{t('qualityEvaluations.start.contact')}</span>
        <input
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'evaluation-contact-error' : 'evaluation-contact-hint'}
          autoComplete="off"
        />
      </label>
      <p id="evaluation-contact-hint" className="muted">
        {t('qualityEvaluations.start.hint')}
      </p>
      <FieldError id="evaluation-contact-error" reason={problem} />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('qualityEvaluations.start.submit')}
      </button>
    </form>
  );
}
