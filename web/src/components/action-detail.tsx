import { useId, useState, type FormEvent } from 'react';
import { actionErrorMessage } from '../action-errors.js';
import { formatMeasure } from '../actions.js';
import { actionsApi } from '../api-actions.js';
import { ApiError } from '../api.js';
import { luxembourgToday, receivedAtOf } from '../cases.js';
import { formatDate, formatDateTime } from '../format.js';
import { LOCALES, useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { ActionDetail as Detail, ActionEvidence, ActionStep } from '../types.js';
import { useLoad } from '../use-load.js';
import { ActionEffectChart } from './action-effect-chart.js';

/** The steps that ask something first: a reason, or the day it was done. */
type Asking = { step: 'abandon' | 'reopen' | 'done' } | { step: 'verify'; override: true };

/**
 * One improvement action beside the board: what it is, the steps of its lifecycle the reader may take
 * (a reason for abandoning and reopening, the day for done, an override with its reason when the
 * effect is not significant), its measured effect, its evidence and its history.
 */
export function ActionDetailPanel({ id, onChanged, onClose }: { id: string; onChanged: () => void; onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const prefix = useId();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(`${id}:${language}:${version}`, () => actionsApi.get(id, language));
  const effect = useLoad(loaded.data ? `${id}:${loaded.data.version}:${loaded.data.doneAt ?? ''}` : null, () => actionsApi.effect(id));
  const [asking, setAsking] = useState<Asking | undefined>();
  const [reason, setReason] = useState('');
  const [doneDay, setDoneDay] = useState(luxembourgToday());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [texts, setTexts] = useState<ActionEvidence[] | undefined>();
  const [kind, setKind] = useState('complaint');
  const [subject, setSubject] = useState('');
  const action = loaded.data;
  const refresh = () => {
    setVersion((v) => v + 1);
    setTexts(undefined);
    onChanged();
  };

  async function take(step: ActionStep, input: { reason?: string; doneAt?: string; override?: boolean } = {}) {
    if (!action) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await actionsApi.step(id, step, { ...input, expectedVersion: action.version });
      setAsking(undefined);
      setReason('');
      refresh();
    } catch (caught) {
      if (step === 'verify' && !input.override && caught instanceof ApiError && caught.code === 'effect-not-significant' && action.canOverride) setAsking({ step: 'verify', override: true });
      setFailure(actionErrorMessage(caught, t, 'actions.detail.stepFailed'));
    } finally {
      setBusy(false);
    }
  }

  function confirm(event: FormEvent) {
    event.preventDefault();
    if (!asking) return;
    if (asking.step === 'done') void take('done', { doneAt: receivedAtOf(doneDay) });
    else if (asking.step === 'verify') void take('verify', { override: true, reason: reason.trim() });
    else void take(asking.step, { reason: reason.trim() });
  }

  async function evidence(change: () => Promise<unknown>) {
    setFailure(undefined);
    try {
      await change();
      setSubject('');
      refresh();
    } catch (caught) {
      setFailure(actionErrorMessage(caught, t, 'actions.evidence.failed'));
    }
  }

  async function showTexts() {
    try {
      setTexts((await actionsApi.evidence(id)).items);
    } catch (caught) {
      setFailure(actionErrorMessage(caught, t, 'actions.evidence.failed'));
    }
  }

  if (loaded.error) return <p className="notice notice-error" role="alert">{actionErrorMessage(loaded.error, t, 'actions.detail.failed')}</p>;
  if (!action) return <p className="muted">{t('app.loading')}</p>;
  const locale = LOCALES[language];
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, language);
  // a step by the state it led to ("Approuvée"), the other events by what they did
  const eventLabel = (e: Detail['timeline'][number]) =>
    e.action in { approve: 1, start: 1, done: 1, verify: 1, abandon: 1, reopen: 1 } ? `→ ${t(`actions.states.${e.toState}`)}` : t(`actions.detail.events.${e.action}` as MessageKey);
  const textOf = (evidenceId: string) => texts?.find((x) => x.id === evidenceId);
  return (
    <article className="panel action-detail" aria-labelledby={`${prefix}-title`} aria-busy={busy || loaded.loading}>
      <div className="panel-head">
        <h2 id={`${prefix}-title`}>
          <span className="action-reference">{action.reference}</span> {action.title}
        </h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          {t('actions.detail.close')}
        </button>
      </div>
      <p className="badges">
        <span className={`badge action-state action-state-${action.state}`}>{t(`actions.states.${action.state}`)}</span>
        {action.overdue && <span className="badge badge-status-pending">{t('actions.overdue')}</span>}
        {action.faded && <span className="badge action-faded">{t('actions.faded')}</span>}
        {action.verifiedByOverride && <span className="badge badge-quiet">{t('actions.byOverride')}</span>}
      </p>
      <p className="action-description">{action.description}</p>
      <dl className="action-facts">
        <dt>{t('actions.detail.causes')}</dt>
        <dd>{action.causes.map((c) => c.label).join(', ')}</dd>
        <dt>{t('actions.detail.owner')}</dt>
        <dd>{action.owner.name ?? action.owner.id}</dd>
        <dt>{t('actions.detail.department')}</dt>
        <dd>{action.departmentLabel}</dd>
        <dt>{t('actions.detail.due')}</dt>
        <dd>{day(action.dueDate)}</dd>
        <dt>{t('actions.detail.proposed')}</dt>
        <dd>{formatDate(action.proposedAt, language)}</dd>
        {action.doneAt && (
          <>
            <dt>{t('actions.detail.done')}</dt>
            <dd>{formatDate(action.doneAt, language)}</dd>
          </>
        )}
        <dt>{t('actions.detail.target')}</dt>
        <dd>
          {action.target.text && <>{action.target.text} · </>}
          {t('actions.detail.targetLine', { measure: t(`actions.measures.${action.target.measure}`), direction: t(`actions.directions.${action.target.direction}`) })}
          {action.target.value !== null && <> · {t('actions.detail.targetValue', { value: formatMeasure(action.target.measure, action.target.value, locale) })}</>}
        </dd>
      </dl>
      <p className="muted">{t('actions.detail.windows', { before: action.windows.beforeWeeks, after: action.windows.afterWeeks })}</p>

      <section aria-labelledby={`${prefix}-steps`}>
        <h3 id={`${prefix}-steps`}>{t('actions.detail.steps')}</h3>
        {action.steps.length === 0 ? (
          <p className="muted">{t('actions.detail.noStep')}</p>
        ) : (
          <div className="action-steps">
            {action.steps.map((step) => (
              <button
                key={step}
                type="button"
                className={step === 'abandon' ? 'button button-secondary' : 'button button-primary'}
                disabled={busy}
                onClick={() => {
                  setFailure(undefined);
                  if (step === 'abandon' || step === 'reopen' || step === 'done') setAsking({ step });
                  else void take(step);
                }}
              >
                {t(`actions.steps.${step}`)}
              </button>
            ))}
          </div>
        )}
        {asking && (
          <form className="action-step-form" onSubmit={confirm}>
            {asking.step === 'verify' && <p className="notice notice-warning">{t('actions.detail.overrideHint')}</p>}
            {asking.step === 'done' ? (
              <div className="field">
                <label htmlFor={`${prefix}-done`}>{t('actions.detail.doneAt')}</label>
                <input id={`${prefix}-done`} type="date" required min={action.proposedAt.slice(0, 10)} max={luxembourgToday()} value={doneDay} onChange={(e) => setDoneDay(e.target.value)} />
              </div>
            ) : (
              <div className="field">
                <label htmlFor={`${prefix}-reason`}>{t('actions.detail.reason')}</label>
                <textarea id={`${prefix}-reason`} rows={2} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
              </div>
            )}
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {asking.step === 'verify' ? t('actions.detail.override') : t('actions.detail.confirm')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setAsking(undefined)} disabled={busy}>
                {t('actions.form.cancel')}
              </button>
            </div>
          </form>
        )}
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
      </section>

      <section aria-labelledby={`${prefix}-effect`}>
        <h3 id={`${prefix}-effect`}>{t('actions.effect.title')}</h3>
        {effect.error ? (
          <p className="notice notice-error">{actionErrorMessage(effect.error, t, 'actions.effect.failed')}</p>
        ) : effect.data ? (
          <ActionEffectChart effect={effect.data} />
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </section>

      <section aria-labelledby={`${prefix}-evidence`}>
        <h3 id={`${prefix}-evidence`}>{t('actions.evidence.title')}</h3>
        {action.evidence.length === 0 ? (
          <p className="muted">{t('actions.evidence.none')}</p>
        ) : (
          <>
            <ul className="action-evidence">
              {action.evidence.map((e) => {
                const shown = textOf(e.id);
                return (
                  <li key={e.id}>
                    <strong>{t(`actions.evidence.kinds.${e.kind}`)}</strong> {e.label ?? e.subjectId}
                    {shown && <p className="evidence-text">{shown.hidden ? t('actions.evidence.hidden') : (shown.text ?? t('actions.evidence.noText'))}</p>}
                    {action.canEdit && (
                      <button type="button" className="button button-ghost button-small" onClick={() => void evidence(() => actionsApi.removeEvidence(id, e.id))}>
                        {t('actions.evidence.remove')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
            {!texts && (
              <p>
                <button type="button" className="button button-secondary button-small" onClick={() => void showTexts()}>
                  {t('actions.evidence.show')}
                </button>{' '}
                <span className="muted">{t('actions.evidence.showHint')}</span>
              </p>
            )}
          </>
        )}
        {action.canEdit && (
          <form
            className="field-row action-evidence-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (subject.trim()) void evidence(() => actionsApi.addEvidence(id, kind, subject.trim()));
            }}
          >
            <div className="field">
              <label htmlFor={`${prefix}-kind`}>{t('actions.evidence.kind')}</label>
              <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
                {(['complaint', 'followup', 'response'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`actions.evidence.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${prefix}-subject`}>{t('actions.evidence.subject')}</label>
              <input id={`${prefix}-subject`} type="text" maxLength={64} value={subject} onChange={(e) => setSubject(e.target.value)} />
            </div>
            <div className="field">
              <button type="submit" className="button button-secondary">
                {t('actions.evidence.add')}
              </button>
            </div>
          </form>
        )}
      </section>

      <section aria-labelledby={`${prefix}-timeline`}>
        <h3 id={`${prefix}-timeline`}>{t('actions.detail.timeline')}</h3>
        <ol className="action-timeline">
          {action.timeline.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatDateTime(e.at, language)}</time> · {eventLabel(e)} · {e.actor.name ?? e.actor.id}
              {e.reason && <> · {e.reason}</>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
