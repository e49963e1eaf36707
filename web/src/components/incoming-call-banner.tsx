import { useT } from '../i18n/index.js';
import { formatPhone } from '../format.js';
import type { IncomingCall } from '../types.js';

/** The call that is ringing (or in progress) for this advisor, with who is calling. */
export function IncomingCallBanner({
  call,
  canCreate,
  onOpen,
  onCreate,
  onHangUp,
  onDismiss,
}: {
  call: IncomingCall;
  canCreate: boolean;
  onOpen: (customerId: string) => void;
  onCreate: (phone: string) => void;
  /** demo mode: end the simulated call */
  onHangUp?: (() => void) | undefined;
  onDismiss: () => void;
}) {
  const t = useT();
  const recognition = call.recognition;
  const stateLabel = call.state === 'ringing' ? t('call.incoming') : call.state === 'answered' ? t('call.answered') : t('call.ended');
  return (
    <section className={`call-banner call-${call.state}${recognition ? '' : ' call-unknown'}`} aria-labelledby="call-title">
      <div className="call-pulse" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28">
          <path
            d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
            fill="currentColor"
          />
        </svg>
      </div>
      <div className="call-body">
        <p className="call-state" id="call-title" tabIndex={-1}>
          {stateLabel} · <span className="call-phone">{formatPhone(call.phone)}</span>
        </p>
        {recognition ? (
          <>
            <p className="call-who">
              <button type="button" className="link-button" onClick={() => onOpen(recognition.card.customer.id)}>
                {recognition.card.customer.displayName}
              </button>{' '}
              <span className="call-number">{recognition.card.customer.customerNumber}</span>
            </p>
            <p className="call-match">{recognition.matchedBy === 'line' ? t('call.matchedByLine') : t('call.matchedByContact')}</p>
            {recognition.otherMatches.length > 0 && (
              <div className="call-others">
                <span>{t('call.otherMatches')}</span>
                <ul>
                  {recognition.otherMatches.map((other) => (
                    <li key={other.id}>
                      <button type="button" className="button button-small button-on-dark" onClick={() => onOpen(other.id)}>
                        {other.displayName} · {other.customerNumber}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        ) : (
          <>
            <p className="call-who">{t('call.unknown')}</p>
            <p className="call-match">{t('call.unknownHint')}</p>
          </>
        )}
      </div>
      <div className="call-actions">
        {!recognition && canCreate && (
          <button type="button" className="button button-on-dark" onClick={() => onCreate(call.phone)}>
            {t('call.createFromCall')}
          </button>
        )}
        {onHangUp && (
          <button type="button" className="button button-on-dark" onClick={onHangUp}>
            {t('demo.hangUp')}
          </button>
        )}
        <button type="button" className="icon-button" onClick={onDismiss} aria-label={t('call.dismiss')}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </section>
  );
}
