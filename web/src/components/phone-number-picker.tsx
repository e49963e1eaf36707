import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatPhone, toE164 } from '../format.js';
import { useT } from '../i18n/index.js';
import type { CustomerCard } from '../types.js';
import { labelOf } from './customer-accounts.js';
import { CustomerSearch } from './customer-search.js';

export interface PhoneSuggestion {
  msisdn: string;
  label: string;
}

type Picked =
  | { kind: 'none' }
  | { kind: 'loading'; id: string }
  | { kind: 'card'; card: CustomerCard }
  | { kind: 'error'; message: string };

/** The numbers of a customer a survey could reach: mobile lines first, then the phone numbers they gave. */
function numbersOf(card: CustomerCard): { msisdn: string; kind: string; mobile: boolean }[] {
  const seen = new Set<string>();
  const result: { msisdn: string; kind: string; mobile: boolean }[] = [];
  const lines = card.accounts.flatMap((a) => a.lines).sort((a, b) => Number(b.kind === 'mobile') - Number(a.kind === 'mobile'));
  for (const line of lines) {
    if (seen.has(line.msisdn)) continue;
    seen.add(line.msisdn);
    result.push({ msisdn: line.msisdn, kind: line.kind, mobile: line.kind === 'mobile' });
  }
  for (const point of card.contactPoints) {
    if (point.kind !== 'phone' || seen.has(point.value)) continue;
    seen.add(point.value);
    result.push({ msisdn: point.value, kind: 'contact', mobile: false });
  }
  return result;
}

/** Which phone to simulate: a number typed in, one from the console, or one of a customer found by search. */
export function PhoneNumberPicker({
  current,
  suggestions,
  onPick,
}: {
  current: string | undefined;
  suggestions: PhoneSuggestion[];
  onPick: (msisdn: string) => void;
}) {
  const t = useT();
  const inputId = useId();
  const [number, setNumber] = useState('');
  const [picked, setPicked] = useState<Picked>({ kind: 'none' });
  const sequence = useRef(0);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (number.trim()) onPick(toE164(number.trim()));
  }

  async function selectCustomer(id: string) {
    const mine = ++sequence.current;
    setPicked({ kind: 'loading', id });
    try {
      const card = await api.card(id);
      if (mine !== sequence.current) return;
      setPicked({ kind: 'card', card });
      const mobiles = numbersOf(card).filter((n) => n.mobile);
      if (mobiles.length === 1) onPick(mobiles[0]!.msisdn);
    } catch (error) {
      if (mine === sequence.current) setPicked({ kind: 'error', message: errorMessage(error, t, 'card.failed') });
    }
  }

  const numberButton = (msisdn: string, label: string) => (
    <li key={msisdn}>
      <button type="button" className="result phone-choice" aria-current={current === msisdn ? 'true' : undefined} onClick={() => onPick(msisdn)}>
        <span className="phone">{formatPhone(msisdn)}</span>
        <span className="result-meta">{label}</span>
      </button>
    </li>
  );

  return (
    <div className="phone-picker">
      <section className="panel" aria-labelledby="phone-pick-title">
        <h2 id="phone-pick-title">{t('phone.pickTitle')}</h2>
        <form onSubmit={submit} className="search-form">
          <label htmlFor={inputId}>{t('phone.number')}</label>
          <div className="search-row">
            <input
              id={inputId}
              type="tel"
              name="msisdn"
              autoComplete="off"
              inputMode="tel"
              placeholder={t('phone.numberPlaceholder')}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
            />
            <button type="submit" className="button button-primary">
              {t('phone.open')}
            </button>
          </div>
        </form>
        {suggestions.length > 0 && (
          <div className="phone-suggestions">
            <h3 id="phone-suggestions-title">{t('phone.fromConsole')}</h3>
            <ul className="result-list" aria-labelledby="phone-suggestions-title">
              {suggestions.map((s) => numberButton(s.msisdn, s.label))}
            </ul>
          </div>
        )}
      </section>
      <CustomerSearch
        selectedId={picked.kind === 'card' ? picked.card.customer.id : picked.kind === 'loading' ? picked.id : undefined}
        canCreate={false}
        onSelect={(id) => void selectCustomer(id)}
        onCreate={() => undefined}
      />
      {picked.kind !== 'none' && (
        <section className="panel" aria-labelledby="phone-customer-title" aria-busy={picked.kind === 'loading'}>
          {picked.kind === 'loading' && <p className="muted">{t('phone.loadingCustomer')}</p>}
          {picked.kind === 'error' && (
            <p className="notice notice-error" role="alert">
              {picked.message}
            </p>
          )}
          {picked.kind === 'card' && (
            <>
              <h2 id="phone-customer-title">{t('phone.customerNumbers', { name: picked.card.customer.displayName })}</h2>
              {numbersOf(picked.card).length === 0 ? (
                <p className="empty">{t('phone.noNumbers')}</p>
              ) : (
                <ul className="result-list">
                  {numbersOf(picked.card).map((n) =>
                    numberButton(n.msisdn, n.kind === 'contact' ? t('contactKinds.phone') : labelOf(t, 'lineKinds', n.kind)),
                  )}
                </ul>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
