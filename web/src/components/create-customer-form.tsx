import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type NewCustomerInput } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatPhone } from '../format.js';
import { useT } from '../i18n/index.js';
import { LANGUAGES } from '../../../src/contract/vocabulary.js';

type Kind = NewCustomerInput['kind'];
type CustomerLanguage = NewCustomerInput['preferredLanguage'];
type Segment = NewCustomerInput['segment'];

const CUSTOMER_LANGUAGES: readonly CustomerLanguage[] = LANGUAGES;

/** Creates a customer, typically for a caller whose number nobody has; prefilled with that number. */
export function CreateCustomerForm({
  phone,
  fromCall,
  onCreated,
  onCancel,
}: {
  phone: string | undefined;
  fromCall: boolean;
  onCreated: (created: { id: string; customerNumber: string }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const ids = {
    given: useId(),
    family: useId(),
    organisation: useId(),
    language: useId(),
    phone: useId(),
    plan: useId(),
    email: useId(),
    locality: useId(),
    error: useId(),
  };
  const [kind, setKind] = useState<Kind>('individual');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [organisationName, setOrganisationName] = useState('');
  const [language, setLanguage] = useState<CustomerLanguage>('fr');
  const [segment, setSegment] = useState<Segment>('residential');
  const [number, setNumber] = useState(phone ? formatPhone(phone) : '');
  const [isLine, setIsLine] = useState(false);
  const [plan, setPlan] = useState('');
  const [email, setEmail] = useState('');
  const [locality, setLocality] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: string[] } | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setNumber(phone ? formatPhone(phone) : '');
    headingRef.current?.focus();
  }, [phone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const trimmed = number.trim();
    const input: NewCustomerInput = {
      kind,
      preferredLanguage: language,
      segment,
      ...(kind === 'organisation'
        ? { organisationName: organisationName.trim() }
        : { givenName: givenName.trim(), familyName: familyName.trim() }),
      ...(trimmed && isLine ? { lines: [{ msisdn: trimmed, plan: plan.trim() }] } : {}),
      ...(trimmed && !isLine ? { phones: [trimmed] } : {}),
      ...(email.trim() ? { emails: [email.trim()] } : {}),
      ...(locality.trim() ? { locality: locality.trim() } : {}),
    };
    try {
      onCreated(await api.createCustomer(input));
    } catch (caught) {
      const fields = caught instanceof ApiError ? (caught.problem.errors ?? []).map((f) => f.field) : [];
      setError({ message: errorMessage(caught, t, 'createCustomer.failed'), fields });
      setBusy(false);
    }
  }

  const invalid = (prefix: string) => error?.fields.some((f) => f.startsWith(prefix)) || undefined;

  return (
    <section className="panel create-customer" aria-labelledby="create-title">
      <h2 id="create-title" ref={headingRef} tabIndex={-1}>
        {t('createCustomer.title')}
      </h2>
      {fromCall && phone && <p className="chip chip-call">{t('createCustomer.fromCall', { phone: formatPhone(phone) })}</p>}
      <form onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
        <fieldset className="choice-group">
          <legend>{t('createCustomer.kind')}</legend>
          <div className="chips">
            {(['individual', 'organisation'] as const).map((k) => (
              <label key={k} className={`choice choice-wide${kind === k ? ' is-checked' : ''}`}>
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>{k === 'individual' ? t('card.individual') : t('card.organisation')}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {kind === 'individual' ? (
          <div className="field-row">
            <div className="field">
              <label htmlFor={ids.given}>{t('createCustomer.givenName')}</label>
              <input id={ids.given} name="givenName" autoComplete="off" value={givenName} onChange={(e) => setGivenName(e.target.value)} aria-invalid={invalid('givenName')} />
            </div>
            <div className="field">
              <label htmlFor={ids.family}>{t('createCustomer.familyName')}</label>
              <input id={ids.family} name="familyName" autoComplete="off" required value={familyName} onChange={(e) => setFamilyName(e.target.value)} aria-invalid={invalid('familyName')} />
            </div>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={ids.organisation}>{t('createCustomer.organisationName')}</label>
            <input id={ids.organisation} name="organisationName" autoComplete="off" required value={organisationName} onChange={(e) => setOrganisationName(e.target.value)} aria-invalid={invalid('organisationName')} />
          </div>
        )}
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.language}>{t('createCustomer.language')}</label>
            <select id={ids.language} name="preferredLanguage" value={language} onChange={(e) => setLanguage(e.target.value as CustomerLanguage)}>
              {CUSTOMER_LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {t(`language.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="choice-group">
            <legend>{t('createCustomer.segment')}</legend>
            <div className="chips">
              {(['residential', 'business'] as const).map((s) => (
                <label key={s} className={`choice${segment === s ? ' is-checked' : ''}`}>
                  <input type="radio" name="segment" value={s} checked={segment === s} onChange={() => setSegment(s)} />
                  <span>{t(`segments.${s}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="field">
          <label htmlFor={ids.phone}>{t('createCustomer.phone')}</label>
          <input id={ids.phone} name="phone" type="tel" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} aria-invalid={invalid('phones') || invalid('lines')} />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="isLine" checked={isLine} onChange={(e) => setIsLine(e.target.checked)} />
          <span>{t('createCustomer.phoneIsLine')}</span>
        </label>
        {isLine && (
          <div className="field">
            <label htmlFor={ids.plan}>{t('createCustomer.plan')}</label>
            <input id={ids.plan} name="plan" autoComplete="off" value={plan} onChange={(e) => setPlan(e.target.value)} aria-invalid={invalid('lines')} />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.email}>{t('createCustomer.email')}</label>
          <input id={ids.email} name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={invalid('emails')} />
        </div>
        <div className="field">
          <label htmlFor={ids.locality}>{t('customerSearch.locality')}</label>
          <input id={ids.locality} name="locality" autoComplete="off" value={locality} onChange={(e) => setLocality(e.target.value)} aria-invalid={invalid('locality')} />
        </div>
        {error && (
          <p id={ids.error} className="notice notice-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('createCustomer.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('createCustomer.submitting') : t('createCustomer.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
