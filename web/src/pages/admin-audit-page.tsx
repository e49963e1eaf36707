import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../../src/contract/access-vocabulary.js';
import { adminApi, type AuditEntry, type AuditFilters } from '../api-admin.js';
import { luxembourgMidnight, nextDay } from '../admin-time.js';
import { AdminHead } from '../components/admin-common.js';
import { FieldError } from '../components/field-error.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime, formatPhone } from '../format.js';
import { adminpagesFr } from '../i18n/adminpages.fr.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { Route } from '../use-route.js';

const PAGE = 50;

interface Form {
  who: string;
  customer: string;
  action: string;
  from: string;
  to: string;
}
const EMPTY: Form = { who: '', customer: '', action: '', from: '', to: '' };

/** The filters of the trail from the form: days in Luxembourg, the last one included. */
function filtersOf(form: Form): AuditFilters {
  return {
    who: form.who.trim() || undefined,
    customer: form.customer.trim() || undefined,
    action: form.action || undefined,
    from: form.from ? luxembourgMidnight(form.from) : undefined,
    to: form.to ? luxembourgMidnight(nextDay(form.to)) : undefined,
  };
}

/** The channels of reads and actions the page words (`audit.vias`); another is shown as its code. */
const VIAS: Readonly<Record<string, string>> = adminpagesFr.audit.vias;

const actionKey = (action: string) => `adminpages.audit.actions.${action.replace('.', '-')}` as MessageKey;

/** The audit trail: who read which customer's data, and what administrators did, newest first, filtered and paged; its CSV export. */
export function AdminAuditPage({ navigate }: { navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const [form, setForm] = useState<Form>(EMPTY);
  const [applied, setApplied] = useState<AuditFilters>({});
  const [items, setItems] = useState<AuditEntry[] | undefined>();
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | undefined>();
  const [toError, setToError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const sequence = useRef(0);

  async function load(filters: AuditFilters, before?: string) {
    const mine = ++sequence.current;
    setLoading(true);
    try {
      const page = await adminApi.audit({ ...filters, limit: PAGE, before });
      if (mine !== sequence.current) return;
      setItems((current) => (before && current ? [...current, ...page.items] : page.items));
      setNext(page.next);
      setFailure(undefined);
    } catch (caught) {
      if (mine === sequence.current) setFailure(errorMessage(caught, t, 'adminpages.audit.failed'));
    } finally {
      if (mine === sequence.current) setLoading(false);
    }
  }
  useEffect(() => void load({}), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.from && form.to && form.to < form.from) {
      setToError(t('adminpages.audit.toBeforeFrom'));
      document.getElementById('audit-to')?.focus();
      return;
    }
    setToError(undefined);
    const filters = filtersOf(form);
    setApplied(filters);
    void load(filters);
  }

  const set = (field: keyof Form) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [field]: event.target.value }));
  const subjectOf = (e: AuditEntry) => {
    if (e.customerNumber) return e.customerNumber;
    if (e.customerId) return e.customerId;
    if (e.phone) return formatPhone(e.phone);
    return e.target ? `${t(`adminpages.audit.targets.${e.target.kind}` as MessageKey)} ${e.target.id}` : '';
  };
  return (
    <div className="admin-page">
      <AdminHead title={t('adminpages.audit.title')} intro={t('adminpages.audit.intro')} navigate={navigate} />
      <form className="panel admin-filters" onSubmit={submit} noValidate aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title" className="visually-hidden">
          {t('adminpages.audit.filters')}
        </h2>
        <div className="admin-filter-grid">
          <div className="field">
            <label htmlFor="audit-who">{t('adminpages.audit.who')}</label>
            <input id="audit-who" type="search" value={form.who} maxLength={100} onChange={set('who')} aria-describedby="audit-who-hint" />
            <p id="audit-who-hint" className="field-hint">
              {t('adminpages.audit.whoHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="audit-customer">{t('adminpages.audit.customer')}</label>
            <input id="audit-customer" type="search" value={form.customer} maxLength={64} onChange={set('customer')} aria-describedby="audit-customer-hint" />
            <p id="audit-customer-hint" className="field-hint">
              {t('adminpages.audit.customerHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="audit-action">{t('adminpages.audit.action')}</label>
            <select id="audit-action" value={form.action} onChange={set('action')}>
              <option value="">{t('adminpages.audit.anyAction')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(actionKey(a))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-from">{t('adminpages.audit.from')}</label>
            <input id="audit-from" type="date" value={form.from} onChange={set('from')} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t('adminpages.audit.to')}</label>
            <input
              id="audit-to"
              type="date"
              value={form.to}
              onChange={set('to')}
              aria-invalid={toError ? true : undefined}
              aria-describedby={toError ? 'audit-to-error' : undefined}
            />
            <FieldError id="audit-to-error" reason={toError} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('adminpages.audit.apply')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setForm(EMPTY);
              setToError(undefined);
              setApplied({});
              void load({});
            }}
          >
            {t('adminpages.audit.reset')}
          </button>
          <a className="button button-secondary" href={adminApi.auditCsvUrl(applied)} download>
            {t('adminpages.audit.export')}
          </a>
        </div>
      </form>
      <section className="panel admin-list" aria-labelledby="audit-list-title" aria-busy={loading}>
        <h2 id="audit-list-title" className="visually-hidden">
          {t('adminpages.audit.title')}
        </h2>
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
        {!items && !failure && <p className="muted">{t('app.loading')}</p>}
        {items && (
          <p className="muted" role="status" data-testid="audit-count">
            {t('adminpages.audit.shown', { count: items.length })}
          </p>
        )}
        {items && items.length === 0 && <p className="empty">{t('adminpages.audit.empty')}</p>}
        {items && items.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby="audit-list-title" tabIndex={0}>
            <table className="data-table admin-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('adminpages.audit.at')}</th>
                  <th scope="col">{t('adminpages.audit.reader')}</th>
                  <th scope="col">{t('adminpages.audit.what')}</th>
                  <th scope="col">{t('adminpages.audit.on')}</th>
                  <th scope="col">{t('adminpages.audit.via')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">
                      <time dateTime={e.at}>{formatDateTime(e.at, language)}</time>
                    </td>
                    <td>
                      {e.reader.name ?? (e.reader.kind === 'system' ? e.reader.id : t('adminpages.audit.unknownReader', { id: e.reader.id }))}
                      <span className="muted admin-kind"> · {t(`adminpages.audit.readerKinds.${e.reader.kind}`)}</span>
                    </td>
                    <td>{(AUDIT_ACTIONS as readonly string[]).includes(e.action) ? t(actionKey(e.action)) : e.action}</td>
                    <td>
                      <code>{subjectOf(e)}</code>
                    </td>
                    <td>
                      {e.via in VIAS ? t(`adminpages.audit.vias.${e.via}` as MessageKey) : <code>{e.via}</code>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next && items && (
          <button type="button" className="button button-secondary button-block" onClick={() => void load(applied, next)} disabled={loading} aria-busy={loading}>
            {loading ? t('adminpages.audit.loadingOlder') : t('adminpages.audit.older')}
          </button>
        )}
      </section>
    </div>
  );
}
