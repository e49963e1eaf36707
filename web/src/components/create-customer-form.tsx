import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, type NewCustomerInput } from '../api.js';
import { errorMessage } from '../error-message.js';
import { checkFormat, checkText, problemsOf } from '../field-checks.js';
import { errorFor, fieldErrorsOf, fieldProblem, type FieldErrors } from '../field-errors.js';
import { formatPhone } from '../format.js';
import { useT } from '../i18n/index.js';
import { LANGUAGES } from '../../../src/contract/vocabulary.js';
import { CUSTOMER_LIMITS, EMAIL_ADDRESS, PHONE_CHARACTERS } from '../../../src/contract/input-limits.js';
import { FieldError } from './field-error.js';

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
  const [error, setError] = useState<{ message: string; fields: FieldErrors } | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setNumber(phone ? formatPhone(phone) : '');
    headingRef.current?.focus();
  }, [phone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Every problem at once, with the API's limits; the server checks the numbers and addresses.
    const found = problemsOf(
      kind === 'organisation'
        ? { organisationName: checkText(organisationName, { max: CUSTOMER_LIMITS.organisationName, required: true }) }
        : {
            givenName: checkText(givenName, { max: CUSTOMER_LIMITS.givenName }),
            familyName: checkText(familyName, { max: CUSTOMER_LIMITS.familyName, required: true }),
          },
    );
    Object.assign(found, problemsOf({
      phone: checkText(number, { max: CUSTOMER_LIMITS.phone }) ?? (PHONE_CHARACTERS.test(number.trim()) ? undefined : fieldProblem('invalid-phone')),
      plan: isLine && number.trim() ? checkText(plan, { max: CUSTOMER_LIMITS.plan, required: true }) : undefined,
      email: checkText(email, { max: CUSTOMER_LIMITS.email }) ?? (email.trim() === '' ? undefined : checkFormat(email.toLowerCase(), EMAIL_ADDRESS, 'email')),
    }));
    if (Object.keys(found).length > 0) {
      setError({ message: t('issues.check', { count: Object.keys(found).length }), fields: found });
      return;
    }
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
      const fields = shownFields(fieldErrorsOf(caught));
      const count = Object.keys(fields).length;
      setError({ message: count > 0 ? t('issues.check', { count }) : errorMessage(caught, t, 'createCustomer.failed'), fields });
      setBusy(false);
    }
  }

  /** The field of the form each refused field of the API is shown at. */
  function shownFields(fields: FieldErrors): FieldErrors {
    const at: Record<string, string> = { phones: 'phone', lines: 'phone', emails: 'email' };
    const shown: Record<string, FieldErrors[string]> = {};
    for (const [field, problem] of Object.entries(fields)) {
      const [head, , sub] = field.split('.');
      const target = head === 'lines' && sub === 'plan' ? 'plan' : (at[head!] ?? head!);
      shown[target] ??= problem;
    }
    return shown;
  }
  const reason = (field: string) => (error ? errorFor(error.fields, field, t) : undefined);
  const errorId = (field: string) => `${ids.error}-${field}`;
  const invalid = (field: string) => (reason(field) ? { 'aria-invalid': true, 'aria-describedby': errorId(field) } : {});

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
              <input id={ids.given} name="givenName" autoComplete="off" maxLength={CUSTOMER_LIMITS.givenName} value={givenName} onChange={(e) => setGivenName(e.target.value)} {...invalid('givenName')} />
              <FieldError id={errorId('givenName')} reason={reason('givenName')} />
            </div>
            <div className="field">
              <label htmlFor={ids.family}>{t('createCustomer.familyName')}</label>
              <input id={ids.family} name="familyName" autoComplete="off" required maxLength={CUSTOMER_LIMITS.familyName} value={familyName} onChange={(e) => setFamilyName(e.target.value)} {...invalid('familyName')} />
              <FieldError id={errorId('familyName')} reason={reason('familyName')} />
            </div>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={ids.organisation}>{t('createCustomer.organisationName')}</label>
            <input id={ids.organisation} name="organisationName" autoComplete="off" required maxLength={CUSTOMER_LIMITS.organisationName} value={organisationName} onChange={(e) => setOrganisationName(e.target.value)} {...invalid('organisationName')} />
            <FieldError id={errorId('organisationName')} reason={reason('organisationName')} />
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
          <input id={ids.phone} name="phone" type="tel" autoComplete="off" maxLength={CUSTOMER_LIMITS.phone} value={number} onChange={(e) => setNumber(e.target.value)} {...invalid('phone')} />
          <FieldError id={errorId('phone')} reason={reason('phone')} />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="isLine" checked={isLine} onChange={(e) => setIsLine(e.target.checked)} />
          <span>{t('createCustomer.phoneIsLine')}</span>
        </label>
        {isLine && (
          <div className="field">
            <label htmlFor={ids.plan}>{t('createCustomer.plan')}</label>
            <input id={ids.plan} name="plan" autoComplete="off" maxLength={CUSTOMER_LIMITS.plan} value={plan} onChange={(e) => setPlan(e.target.value)} {...invalid('plan')} />
            <FieldError id={errorId('plan')} reason={reason('plan')} />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.email}>{t('createCustomer.email')}</label>
          <input id={ids.email} name="email" type="email" autoComplete="off" maxLength={CUSTOMER_LIMITS.email} value={email} onChange={(e) => setEmail(e.target.value)} {...invalid('email')} />
          <FieldError id={errorId('email')} reason={reason('email')} />
        </div>
        <div className="field">
          <label htmlFor={ids.locality}>{t('customerSearch.locality')}</label>
          <input id={ids.locality} name="locality" autoComplete="off" maxLength={CUSTOMER_LIMITS.locality} value={locality} onChange={(e) => setLocality(e.target.value)} {...invalid('locality')} />
          <FieldError id={errorId('locality')} reason={reason('locality')} />
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
