import { useEffect, useRef, useState, type FormEvent } from 'react';
import { adminApi } from '../api-admin.js';
import { ActionNotice, AdminHead, refocus } from '../components/admin-common.js';
import { FieldError } from '../components/field-error.js';
import { errorMessage } from '../error-message.js';
import { fieldErrorsOf } from '../field-errors.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { Reason } from '../types.js';
import type { Route } from '../use-route.js';

const CODE = /^[a-z][a-z0-9_.-]{1,63}$/;
const LANGS = ['fr', 'de', 'en'] as const;
type Field = 'code' | 'fr' | 'de' | 'en';
const LABEL_KEYS = { fr: 'adminpages.reasons.labelFr', de: 'adminpages.reasons.labelDe', en: 'adminpages.reasons.labelEn' } as const;

/** The contact-reason taxonomy: its labels in three languages, its order and which reasons are offered. */
export function AdminReasonsPage({ navigate }: { navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const [reasons, setReasons] = useState<Reason[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();
  const [editing, setEditing] = useState<Reason | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const formRef = useRef<HTMLInputElement>(null);
  /** the button to focus once the list is drawn again (a moved or (de)activated reason's) */
  const focusNext = useRef<{ id: string; otherwise?: string } | undefined>(undefined);
  useEffect(() => {
    const wanted = focusNext.current;
    if (!wanted || busy !== undefined) return;
    focusNext.current = undefined;
    const same = document.getElementById(wanted.id) as HTMLButtonElement | null;
    (same && !same.disabled ? same : wanted.otherwise ? document.getElementById(wanted.otherwise) : null)?.focus();
  }, [reasons, busy]);

  const load = async () => {
    try {
      setReasons((await adminApi.reasons(language)).items);
      setFailure(undefined);
    } catch (caught) {
      setFailure(errorMessage(caught, t, 'adminpages.reasons.failed'));
    }
  };
  useEffect(() => void load(), [language]);

  const labelOf = (r: Reason) => r.labels[language];

  async function move(reason: Reason, direction: 'up' | 'down') {
    setBusy(reason.code);
    try {
      await adminApi.moveReason(reason.code, direction);
      const next = (await adminApi.reasons(language)).items;
      setReasons(next);
      setNotice({ kind: 'success', text: t('adminpages.reasons.moved', { reason: labelOf(reason), position: next.findIndex((r) => r.code === reason.code) + 1 }) });
      // the focus stays on the moved reason's button, or its other one at either end
      focusNext.current = { id: `reason-${direction}-${reason.code}`, otherwise: `reason-${direction === 'up' ? 'down' : 'up'}-${reason.code}` };
    } catch (caught) {
      setNotice({ kind: 'error', text: errorMessage(caught, t, 'adminpages.reasons.actionFailed') });
    } finally {
      setBusy(undefined);
    }
  }

  async function setActive(reason: Reason, active: boolean) {
    setBusy(reason.code);
    try {
      await adminApi.saveReason(reason.code, { labels: reason.labels, active });
      await load();
      setNotice({ kind: 'success', text: t(active ? 'adminpages.reasons.reactivated' : 'adminpages.reasons.deactivated', { reason: labelOf(reason) }) });
      focusNext.current = { id: `reason-active-${reason.code}` };
    } catch (caught) {
      setNotice({ kind: 'error', text: errorMessage(caught, t, 'adminpages.reasons.actionFailed') });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="admin-page">
      <AdminHead title={t('adminpages.reasons.title')} intro={t('adminpages.reasons.intro')} navigate={navigate} />
      <ActionNotice notice={notice} />
      <div className="admin-columns">
        <ReasonForm
          key={editing?.code ?? 'new'}
          editing={editing}
          known={reasons ?? []}
          inputRef={formRef}
          onCancel={() => {
            const code = editing?.code;
            setEditing(undefined);
            if (code) refocus(`reason-edit-${code}`);
          }}
          onSaved={async (code, labels, created) => {
            setEditing(undefined);
            await load();
            setNotice({ kind: 'success', text: t(created ? 'adminpages.reasons.created' : 'adminpages.reasons.saved', { reason: labels[language] }) });
            if (!created) refocus(`reason-edit-${code}`);
          }}
        />
        <section className="panel admin-list" aria-labelledby="reasons-list-title">
          <h2 id="reasons-list-title">{t('adminpages.reasons.listTitle')}</h2>
          {failure && (
            <p className="notice notice-error" role="alert">
              {failure}
            </p>
          )}
          {!reasons && !failure && <p className="muted">{t('app.loading')}</p>}
          {reasons && reasons.length === 0 && <p className="empty">{t('adminpages.reasons.empty')}</p>}
          {reasons && reasons.length > 0 && (
            <div className="table-scroll" role="region" aria-labelledby="reasons-list-title" tabIndex={0}>
              <table className="data-table admin-table" data-testid="reasons-table">
                <thead>
                  <tr>
                    <th scope="col">{t('adminpages.reasons.order')}</th>
                    <th scope="col">{t('adminpages.reasons.code')}</th>
                    {LANGS.map((l) => (
                      <th key={l} scope="col" lang={l === language ? undefined : l}>
                        {t(LABEL_KEYS[l])}
                      </th>
                    ))}
                    <th scope="col">{t('adminpages.reasons.state')}</th>
                    <th scope="col">{t('adminpages.reasons.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reasons.map((r, i) => (
                    <tr key={r.code} className={r.active ? undefined : 'admin-inactive'}>
                      <td className="nowrap">
                        <span className="admin-position">{i + 1}</span>
                        <button
                          id={`reason-up-${r.code}`}
                          type="button"
                          className="icon-button admin-move"
                          aria-label={t('adminpages.reasons.moveUp', { reason: labelOf(r) })}
                          title={t('adminpages.reasons.moveUp', { reason: labelOf(r) })}
                          disabled={i === 0 || busy !== undefined}
                          onClick={() => void move(r, 'up')}
                        >
                          <span aria-hidden="true">▲</span>
                        </button>
                        <button
                          id={`reason-down-${r.code}`}
                          type="button"
                          className="icon-button admin-move"
                          aria-label={t('adminpages.reasons.moveDown', { reason: labelOf(r) })}
                          title={t('adminpages.reasons.moveDown', { reason: labelOf(r) })}
                          disabled={i === reasons.length - 1 || busy !== undefined}
                          onClick={() => void move(r, 'down')}
                        >
                          <span aria-hidden="true">▼</span>
                        </button>
                      </td>
                      <td>
                        <code>{r.code}</code>
                      </td>
                      {LANGS.map((l) => (
                        <td key={l} lang={l}>
                          {r.labels[l]}
                        </td>
                      ))}
                      <td>
                        <span className={`badge ${r.active ? 'badge-tone-ok' : 'badge-tone-neutral'}`}>{t(r.active ? 'adminpages.reasons.active' : 'adminpages.reasons.inactive')}</span>
                      </td>
                      <td className="admin-row-actions">
                        <button
                          id={`reason-edit-${r.code}`}
                          type="button"
                          className="button button-small button-secondary"
                          aria-label={t('adminpages.reasons.editLabel', { reason: labelOf(r) })}
                          onClick={() => {
                            setEditing(r);
                            requestAnimationFrame(() => formRef.current?.focus());
                          }}
                        >
                          {t('adminpages.reasons.edit')}
                        </button>
                        <button
                          id={`reason-active-${r.code}`}
                          type="button"
                          className="button button-small button-secondary"
                          aria-label={t(r.active ? 'adminpages.reasons.deactivateLabel' : 'adminpages.reasons.reactivateLabel', { reason: labelOf(r) })}
                          disabled={busy !== undefined}
                          onClick={() => void setActive(r, !r.active)}
                        >
                          {t(r.active ? 'adminpages.reasons.deactivate' : 'adminpages.reasons.reactivate')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

/** A new reason (its code and labels), or the labels of one being edited; every field's error shown at once beside it. */
function ReasonForm({
  editing,
  known,
  inputRef,
  onCancel,
  onSaved,
}: {
  editing: Reason | undefined;
  known: readonly Reason[];
  inputRef: React.RefObject<HTMLInputElement | null>;
  onCancel: () => void;
  onSaved: (code: string, labels: Reason['labels'], created: boolean) => Promise<void>;
}) {
  const t = useT();
  const [code, setCode] = useState(editing?.code ?? '');
  const [labels, setLabels] = useState<Reason['labels']>(editing?.labels ?? { fr: '', de: '', en: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const prefix = editing ? 'reason-edit' : 'reason-new';
  const idOf = (field: Field) => `${prefix}-${field}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!editing) {
      if (!code.trim()) found.code = t('adminpages.form.required');
      else if (!CODE.test(code.trim())) found.code = t('adminpages.reasons.codeInvalid');
      else if (known.some((r) => r.code === code.trim())) found.code = t('adminpages.reasons.codeTaken');
    }
    for (const l of LANGS) {
      if (!labels[l].trim()) found[l] = t('adminpages.form.required');
      else if (labels[l].trim().length > 100) found[l] = t('adminpages.form.tooLong', { max: 100 });
    }
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) {
      const first = (['code', ...LANGS] as Field[]).find((f) => found[f]);
      if (first) document.getElementById(idOf(first))?.focus();
      return;
    }
    setBusy(true);
    const trimmed = { fr: labels.fr.trim(), de: labels.de.trim(), en: labels.en.trim() };
    const target = editing?.code ?? code.trim();
    try {
      await adminApi.saveReason(target, { labels: trimmed });
      if (!editing) {
        setCode('');
        setLabels({ fr: '', de: '', en: '' });
      }
      await onSaved(target, trimmed, !editing);
    } catch (caught) {
      const server = fieldErrorsOf(caught);
      setErrors(Object.fromEntries(Object.entries(server).map(([field, reason]) => [field.replace(/^labels\./, ''), reason])));
      setFailure(errorMessage(caught, t, 'adminpages.form.failed'));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: Field) => ({ 'aria-invalid': errors[field] ? true : undefined, 'aria-describedby': [field === 'code' ? `${idOf('code')}-hint` : '', errors[field] ? `${idOf(field)}-error` : ''].filter(Boolean).join(' ') || undefined });
  return (
    <form className="panel admin-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{editing ? t('adminpages.reasons.editTitle', { code: editing.code }) : t('adminpages.reasons.createTitle')}</h2>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="field">
        <label htmlFor={idOf('code')}>{t('adminpages.reasons.code')}</label>
        <input
          ref={editing ? undefined : inputRef}
          id={idOf('code')}
          type="text"
          value={code}
          readOnly={editing !== undefined}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setCode(e.target.value)}
          {...invalid('code')}
        />
        <p id={`${idOf('code')}-hint`} className="field-hint">
          {t('adminpages.reasons.codeHint')}
        </p>
        <FieldError id={`${idOf('code')}-error`} reason={errors.code} />
      </div>
      {LANGS.map((l, i) => (
        <div className="field" key={l}>
          <label htmlFor={idOf(l)}>{t(LABEL_KEYS[l])}</label>
          <input
            ref={editing && i === 0 ? inputRef : undefined}
            id={idOf(l)}
            type="text"
            lang={l}
            value={labels[l]}
            maxLength={120}
            onChange={(e) => setLabels((current) => ({ ...current, [l]: e.target.value }))}
            {...invalid(l)}
          />
          <FieldError id={`${idOf(l)}-error`} reason={errors[l]} />
        </div>
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {editing ? t('adminpages.reasons.save') : t('adminpages.reasons.create')}
        </button>
        {editing && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('adminpages.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
