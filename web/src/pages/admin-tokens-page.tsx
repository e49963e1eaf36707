import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../../src/contract/common.js';
import { adminApi, type ApiToken, type TokenScope } from '../api-admin.js';
import { luxembourgMidnight, nextDay } from '../admin-time.js';
import { luxembourgToday } from '../cases.js';
import { ActionNotice, AdminHead, ConfirmBox, refocus } from '../components/admin-common.js';
import { FieldError } from '../components/field-error.js';
import { errorMessage } from '../error-message.js';
import { fieldErrorsOf } from '../field-errors.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { Route } from '../use-route.js';

type Field = 'name' | 'role' | 'scopes' | 'expiresAt';
const FIELDS: Field[] = ['name', 'role', 'scopes', 'expiresAt'];

/** API tokens: who holds which, what they may do, until when; a new one's value shown once; revoking one. */
export function AdminTokensPage({ navigate }: { navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const [tokens, setTokens] = useState<ApiToken[] | undefined>();
  const [scopesByRole, setScopesByRole] = useState<Partial<Record<Role, TokenScope[]>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();
  const [created, setCreated] = useState<{ token: ApiToken; value: string } | undefined>();
  const [revoking, setRevoking] = useState<ApiToken | undefined>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const answer = await adminApi.tokens();
      setTokens(answer.items);
      setScopesByRole(answer.scopesByRole);
      setFailure(undefined);
    } catch (caught) {
      setFailure(errorMessage(caught, t, 'adminpages.tokens.failed'));
    }
  };
  useEffect(() => void load(), []);

  async function revoke(token: ApiToken) {
    setBusy(true);
    try {
      await adminApi.revokeToken(token.id);
      setRevoking(undefined);
      await load();
      setNotice({ kind: 'success', text: t('adminpages.tokens.revoked', { name: token.name }) });
      // the confirmation is gone: the focus goes back to the list
      refocus('tokens-list-title');
    } catch (caught) {
      setNotice({ kind: 'error', text: errorMessage(caught, t, 'adminpages.tokens.actionFailed') });
    } finally {
      setBusy(false);
    }
  }

  const dateOf = (iso: string | null, none: MessageKey) => (iso ? <time dateTime={iso}>{formatDateTime(iso, language)}</time> : <span className="muted">{t(none)}</span>);
  return (
    <div className="admin-page">
      <AdminHead title={t('adminpages.tokens.title')} intro={t('adminpages.tokens.intro')} navigate={navigate} />
      <ActionNotice notice={notice} />
      {created && <TokenValue created={created} onDone={() => setCreated(undefined)} />}
      <div className="admin-columns">
        <TokenForm
          scopesByRole={scopesByRole}
          onCreated={async (answer) => {
            setNotice(undefined);
            setCreated(answer);
            await load();
          }}
        />
        <section className="panel admin-list" aria-labelledby="tokens-list-title">
          <h2 id="tokens-list-title" tabIndex={-1}>{t('adminpages.tokens.listTitle')}</h2>
          {failure && (
            <p className="notice notice-error" role="alert">
              {failure}
            </p>
          )}
          {revoking && (
            <ConfirmBox
              id="token-revoke"
              question={t('adminpages.tokens.revokeConfirm', { name: revoking.name })}
              confirm={t('adminpages.tokens.confirmRevoke')}
              busy={busy}
              onConfirm={() => void revoke(revoking)}
              onCancel={() => {
                setRevoking(undefined);
                refocus(`token-revoke-${revoking.id}`);
              }}
            />
          )}
          {!tokens && !failure && <p className="muted">{t('app.loading')}</p>}
          {tokens && tokens.length === 0 && <p className="empty">{t('adminpages.tokens.empty')}</p>}
          {tokens && tokens.length > 0 && (
            <div className="table-scroll" role="region" aria-labelledby="tokens-list-title" tabIndex={0}>
              <table className="data-table admin-table" data-testid="tokens-table">
                <thead>
                  <tr>
                    <th scope="col">{t('adminpages.tokens.name')}</th>
                    <th scope="col">{t('adminpages.tokens.role')}</th>
                    <th scope="col">{t('adminpages.tokens.scopes')}</th>
                    <th scope="col">{t('adminpages.tokens.expiry')}</th>
                    <th scope="col">{t('adminpages.tokens.lastUsed')}</th>
                    <th scope="col">{t('adminpages.tokens.state')}</th>
                    <th scope="col">{t('adminpages.tokens.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((token) => (
                    <tr key={token.id} className={token.state === 'live' ? undefined : 'admin-inactive'}>
                      <th scope="row">{token.name}</th>
                      <td>{t(`roles.${token.role}` as MessageKey)}</td>
                      <td>
                        <ul className="admin-scopes">
                          {token.scopes.map((scope) => (
                            <li key={scope}>{t(`adminpages.tokens.scopeNames.${scope}` as MessageKey)}</li>
                          ))}
                        </ul>
                      </td>
                      <td>{dateOf(token.expiresAt, 'adminpages.tokens.never')}</td>
                      <td>{dateOf(token.lastUsedAt, 'adminpages.tokens.neverUsed')}</td>
                      <td>
                        <span className={`badge ${token.state === 'live' ? 'badge-tone-ok' : token.state === 'revoked' ? 'badge-tone-bad' : 'badge-tone-neutral'}`}>
                          {t(`adminpages.tokens.states.${token.state}`)}
                        </span>
                      </td>
                      <td>
                        {token.state !== 'revoked' && (
                          <button
                            id={`token-revoke-${token.id}`}
                            type="button"
                            className="button button-small button-secondary"
                            aria-label={t('adminpages.tokens.revokeLabel', { name: token.name })}
                            onClick={() => setRevoking(token)}
                          >
                            {t('adminpages.tokens.revoke')}
                          </button>
                        )}
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

/** A token just created: its value, shown this once, with a copy button and the warning that it is not shown again. */
function TokenValue({ created, onDone }: { created: { token: ApiToken; value: string }; onDone: () => void }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  useEffect(() => headingRef.current?.focus(), [created.value]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }
  return (
    <section className="panel admin-secret" aria-labelledby="token-value-title" data-testid="token-value">
      <h2 id="token-value-title" ref={headingRef} tabIndex={-1}>
        {t('adminpages.tokens.valueTitle', { name: created.token.name })}
      </h2>
      <p className="notice notice-warning" id="token-value-warning">
        {t('adminpages.tokens.valueWarning')}
      </p>
      <div className="field">
        <label htmlFor="token-value">{t('adminpages.tokens.valueLabel')}</label>
        <div className="admin-secret-row">
          <input id="token-value" type="text" readOnly value={created.value} aria-describedby="token-value-warning" onFocus={(e) => e.target.select()} spellCheck={false} />
          <button type="button" className="button button-secondary" onClick={() => void copy()}>
            {t('adminpages.tokens.copy')}
          </button>
        </div>
        <p aria-live="polite" className="field-hint">
          {copied === 'yes' ? t('adminpages.tokens.copied') : copied === 'no' ? t('adminpages.tokens.copyFailed') : ''}
        </p>
      </div>
      <button type="button" className="button button-primary" onClick={onDone}>
        {t('adminpages.tokens.done')}
      </button>
    </section>
  );
}

/** A new token: its name, role, the scopes that fit the role and an optional last day; every field's error at once beside it. */
function TokenForm({ scopesByRole, onCreated }: { scopesByRole: Partial<Record<Role, TokenScope[]>>; onCreated: (answer: { token: ApiToken; value: string }) => Promise<void> }) {
  const t = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('integration');
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [expiry, setExpiry] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const roles = Object.keys(scopesByRole) as Role[];
  const offered = scopesByRole[role] ?? [];
  const today = luxembourgToday();
  const idOf = (field: Field) => `token-${field}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!name.trim()) found.name = t('adminpages.form.required');
    else if (name.trim().length > 100) found.name = t('adminpages.form.tooLong', { max: 100 });
    if (offered.length === 0) found.role = t('adminpages.tokens.noScopeForRole');
    const chosen = scopes.filter((s) => offered.includes(s));
    if (offered.length > 0 && chosen.length === 0) found.scopes = t('adminpages.tokens.pickScope');
    if (expiry && expiry <= today) found.expiresAt = t('adminpages.tokens.expiryPast');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) {
      const first = FIELDS.find((f) => found[f]);
      if (first) document.getElementById(first === 'scopes' ? `token-scope-${offered[0]}` : idOf(first))?.focus();
      return;
    }
    setBusy(true);
    try {
      const answer = await adminApi.createToken({ name: name.trim(), role, scopes: chosen, ...(expiry ? { expiresAt: luxembourgMidnight(nextDay(expiry)) } : {}) });
      setName('');
      setScopes([]);
      setExpiry('');
      await onCreated(answer);
    } catch (caught) {
      setErrors(fieldErrorsOf(caught) as Partial<Record<Field, string>>);
      setFailure(errorMessage(caught, t, 'adminpages.form.failed'));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: Field, hint = false) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [hint ? `${idOf(field)}-hint` : '', errors[field] ? `${idOf(field)}-error` : ''].filter(Boolean).join(' ') || undefined,
  });
  return (
    <form className="panel admin-form" onSubmit={submit} noValidate aria-labelledby="token-form-title">
      <h2 id="token-form-title">{t('adminpages.tokens.createTitle')}</h2>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="field">
        <label htmlFor={idOf('name')}>{t('adminpages.tokens.name')}</label>
        <input id={idOf('name')} type="text" value={name} maxLength={120} autoComplete="off" onChange={(e) => setName(e.target.value)} {...invalid('name', true)} />
        <p id={`${idOf('name')}-hint`} className="field-hint">
          {t('adminpages.tokens.nameHint')}
        </p>
        <FieldError id={`${idOf('name')}-error`} reason={errors.name} />
      </div>
      <div className="field">
        <label htmlFor={idOf('role')}>{t('adminpages.tokens.role')}</label>
        <select id={idOf('role')} value={role} onChange={(e) => setRole(e.target.value as Role)} {...invalid('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldError id={`${idOf('role')}-error`} reason={errors.role} />
      </div>
      <fieldset className="field admin-checkboxes" aria-describedby={[`${idOf('scopes')}-hint`, errors.scopes ? `${idOf('scopes')}-error` : ''].filter(Boolean).join(' ')}>
        <legend>{t('adminpages.tokens.scopes')}</legend>
        <p id={`${idOf('scopes')}-hint`} className="field-hint">
          {offered.length === 0 ? t('adminpages.tokens.noScopeForRole') : t('adminpages.tokens.scopesHint')}
        </p>
        {offered.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              id={`token-scope-${scope}`}
              type="checkbox"
              checked={scopes.includes(scope)}
              aria-invalid={errors.scopes ? true : undefined}
              onChange={(e) => setScopes((current) => (e.target.checked ? [...current, scope] : current.filter((s) => s !== scope)))}
            />
            <span>{t(`adminpages.tokens.scopeNames.${scope}` as MessageKey)}</span>
          </label>
        ))}
        <FieldError id={`${idOf('scopes')}-error`} reason={errors.scopes} />
      </fieldset>
      <div className="field">
        <label htmlFor={idOf('expiresAt')}>{t('adminpages.tokens.expiry')}</label>
        <input id={idOf('expiresAt')} type="date" value={expiry} min={nextDay(today)} onChange={(e) => setExpiry(e.target.value)} {...invalid('expiresAt', true)} />
        <p id={`${idOf('expiresAt')}-hint`} className="field-hint">
          {t('adminpages.tokens.expiryHint')}
        </p>
        <FieldError id={`${idOf('expiresAt')}-error`} reason={errors.expiresAt} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('adminpages.tokens.create')}
        </button>
      </div>
    </form>
  );
}
