import { useEffect, useId, useRef, useState } from 'react';
import { after, api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime, formatPhone } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { SmsGatewayStatus, SmsLogItem } from '../types.js';
import { labelOf } from './customer-accounts.js';

const PAGE = 50;
export const SMS_STATUSES = ['queued', 'sending', 'submitted', 'delivered', 'undeliverable', 'expired', 'failed', 'received'] as const;

const STATUS_TONE: Record<string, string> = {
  delivered: 'ok',
  received: 'ok',
  submitted: 'info',
  queued: 'warn',
  sending: 'warn',
  undeliverable: 'bad',
  expired: 'bad',
  failed: 'bad',
};

/** The SMS log, newest first, 50 at a time ("older" pages back), filtered by status. */
export function SmsMessageLog() {
  const t = useT();
  const language = useLanguage();
  const filterId = useId();
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<SmsLogItem[]>([]);
  const [state, setState] = useState<'loading' | 'idle' | 'more'>('loading');
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const sequence = useRef(0);
  const [gateway, setGateway] = useState<SmsGatewayStatus | undefined>();

  useEffect(() => {
    let live = true;
    const load = () => api.smsGateway().then((answer) => live && setGateway(answer), () => undefined);
    load();
    const timer = setInterval(load, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    const mine = ++sequence.current;
    setState('loading');
    setError(undefined);
    api
      .smsMessages({ limit: PAGE, status: status || undefined })
      .then((answer) => {
        if (mine !== sequence.current) return;
        setItems(answer.items);
        setMore(answer.next !== null);
      })
      .catch((caught) => mine === sequence.current && setError(errorMessage(caught, t, 'surveys.failed')))
      .finally(() => mine === sequence.current && setState('idle'));
  }, [status]);

  async function older() {
    const last = items[items.length - 1];
    if (!last) return;
    const mine = ++sequence.current;
    setState('more');
    setError(undefined);
    try {
      const answer = await api.smsMessages({ limit: PAGE, before: after(last.createdAt, last.id), status: status || undefined });
      if (mine !== sequence.current) return;
      const known = new Set(items.map((i) => i.id));
      setItems([...items, ...answer.items.filter((i) => !known.has(i.id))]);
      setMore(answer.next !== null);
    } catch (caught) {
      if (mine === sequence.current) setError(errorMessage(caught, t, 'surveys.failed'));
    } finally {
      if (mine === sequence.current) setState('idle');
    }
  }

  return (
    <section className="panel admin-panel" aria-labelledby="sms-log-title" aria-busy={state !== 'idle'}>
      <div className="panel-head">
        <h2 id="sms-log-title">{t('smsLog.title')}</h2>
        <div className="field field-inline">
          <label htmlFor={filterId}>{t('smsLog.status')}</label>
          <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('smsLog.allStatuses')}</option>
            {SMS_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`smsLog.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {gateway && <GatewayBanner status={gateway} />}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {state === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state !== 'loading' && items.length === 0 && !error && <p className="empty">{t('smsLog.empty')}</p>}
      {items.length > 0 && state !== 'loading' && (
        <div className="table-scroll" role="region" aria-labelledby="sms-log-title" tabIndex={0}>
          <table className="data-table sms-log">
            <thead>
              <tr>
                <th scope="col">{t('smsLog.at')}</th>
                <th scope="col">{t('smsLog.purpose')}</th>
                <th scope="col">{t('smsLog.text')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-purpose={item.purpose} data-status={item.status}>
                  <td className="sms-when">
                    <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, language)}</time>
                    <span className="phone">{formatPhone(item.msisdn)}</span>
                    <span className={`sms-direction sms-direction-${item.direction}`}>
                      <span aria-hidden="true">{item.direction === 'out' ? '↑ ' : '↓ '}</span>
                      {item.direction === 'out' ? t('smsLog.out') : t('smsLog.in')}
                    </span>
                  </td>
                  <td className="sms-status">
                    <span className="sms-purpose">{labelOf(t, 'smsLog.purposes', item.purpose)}</span>
                    <span className={`badge badge-tone-${STATUS_TONE[item.status] ?? 'neutral'}`}>{labelOf(t, 'smsLog.statuses', item.status)}</span>
                    {item.encoding && item.parts !== null && (
                      <span className="sms-meta">
                        {t('smsLog.encodingParts', { encoding: item.encoding === 'ucs2' ? 'UCS-2' : item.encoding === 'gsm7' ? 'GSM-7' : item.encoding, count: item.parts })}
                      </span>
                    )}
                    {item.attempts > 1 && <span className="sms-meta">{t('smsLog.attempts', { count: item.attempts })}</span>}
                    {item.error && <span className="sms-error">{item.error}</span>}
                    {item.nextAttemptAt && (
                      <span className="sms-meta">{t('smsLog.nextAttempt', { at: formatDateTime(item.nextAttemptAt, language) })}</span>
                    )}
                  </td>
                  <td className="sms-text" dir="auto">
                    {item.text.normalize('NFC')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && state !== 'loading' && (
        <button type="button" className="button button-secondary button-block" onClick={older} disabled={state === 'more'} aria-busy={state === 'more'}>
          {state === 'more' ? t('surveys.loadingOlder') : t('surveys.older')}
        </button>
      )}
      {!more && items.length >= PAGE && <p className="muted table-note">{t('surveys.end')}</p>}
    </section>
  );
}

/** Whether the SMSC link is up, its last error, and what waits in the outbox with its next retry. */
function GatewayBanner({ status }: { status: SmsGatewayStatus }) {
  const t = useT();
  const language = useLanguage();
  const down = status.gateway !== null && !status.gateway.connected;
  const error = status.gateway?.lastError ?? status.lastJobError;
  return (
    <div className={`notice ${down ? 'notice-error' : 'notice-info'} gateway-status`} role="status" data-connected={status.gateway?.connected ?? 'none'}>
      <p>
        {status.gateway === null
          ? t('smsLog.gatewayNone')
          : status.gateway.connected
            ? t('smsLog.gatewayConnected', { name: status.gateway.name })
            : t('smsLog.gatewayDown', { name: status.gateway.name })}
      </p>
      {(down || status.retrying > 0) && error && <p className="sms-error">{t('smsLog.gatewayError', { error })}</p>}
      {status.pendingJobs > 0 && <p className="muted">{t('smsLog.pending', { count: status.pendingJobs })}</p>}
      {status.retrying > 0 && status.nextRetryAt && (
        <p className="muted">{t('smsLog.retrying', { count: status.retrying, at: formatDateTime(status.nextRetryAt, language) })}</p>
      )}
    </div>
  );
}
